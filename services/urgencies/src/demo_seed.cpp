#include "demo_seed.hpp"

#include "urgency_rules.hpp"
#include "urgency_store.hpp"

namespace portal::urgencies {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

// The birth date of someone `years` old at `now` whose birthday was `days_ago` days ago.
std::string birth(core::Instant now, int years, int days_ago) {
  const auto today = core::bogota_date(now);
  std::chrono::year_month_day anniversary{today.year() - std::chrono::years{years}, today.month(),
                                          today.day()};
  if (!anniversary.ok()) anniversary = {anniversary.year(), std::chrono::February, std::chrono::day{28}};
  return core::format_date(std::chrono::year_month_day{std::chrono::sys_days{anniversary} - days{days_ago}});
}

AffiliateFacts affiliate(long long id, std::string type, std::string number, std::string first,
                         std::string second, std::string surname, std::string second_surname,
                         std::string birth_date, std::string sex, std::string municipality) {
  AffiliateFacts a;
  a.id = id;
  a.document_type = std::move(type);
  a.document_number = std::move(number);
  a.first_name = std::move(first);
  a.second_name = std::move(second);
  a.first_surname = std::move(surname);
  a.second_surname = std::move(second_surname);
  a.birth_date = std::move(birth_date);
  a.sex = std::move(sex);
  a.regime = "subsidized";
  a.affiliation_status = "active";
  a.data_quality = "ok";
  a.municipality_code = std::move(municipality);
  return a;
}

struct Spec {
  int days_ago;        // Bogotá days before today
  int hour;            // Bogotá hour of the notification
  std::string number;  // attention number
  AffiliateFacts person;
  std::string origin;
  int triage;
  std::string destination;
  std::string reason;
  std::string principal;
  std::vector<std::string> related;
  bool referred = false;
};

Notification build(const Spec& s, core::Instant now) {
  const auto day_start = core::bogota_day_start(now) - days{s.days_ago};
  // Today's are spread over the part of today already gone (none in the future, none on another day).
  auto at = day_start + hours{s.hour};
  if (s.days_ago == 0) at = day_start + (now - day_start) * s.hour / 24;
  Notification n;
  n.provider_nit = kDemoProviderNit;
  n.habilitation_code = "080010000101";
  n.provider_name = "IPS Demo Salud S.A.S.";
  n.notified_at = at;
  n.notified_day = notification_day(at);
  n.created_by = kDemoCreatedBy;
  n.affiliate = s.person;
  auto& d = n.draft;
  d.attention_number = s.number;
  d.affiliate = AffiliateRef{s.person.document_type, s.person.document_number, s.person.child_number};
  d.attention_origin = s.origin;
  d.triage = s.triage;
  d.admitted_at = at - minutes{40};
  d.consultation_reason = s.reason;
  d.destination = s.destination;
  d.diagnoses = Diagnoses{s.principal, s.related};
  d.provider_nit = n.provider_nit;
  d.habilitation_code = n.habilitation_code;
  if (s.referred) {
    d.referral = Referral{true,
                          "Hospital Local de Soledad",
                          std::string{"890102768"},
                          std::string{"087580000101"},
                          std::string{"08"},
                          std::string{"08758"}};
  }
  if (s.person.is_newborn()) n.warnings.push_back(std::string{kNewbornDiagnosesNotChecked});
  return n;
}

}  // namespace

std::vector<Notification> demo_notifications(core::Instant now) {
  auto maria = affiliate(1, "CC", "1000000001", "María", "Fernanda", "Gómez", "Pérez", birth(now, 29, 40),
                         "F", "08001");
  maria.address = "Calle 72 # 45-10";
  auto newborn =
      affiliate(2, "CC", "1000000001", "Hijo de María", "", "Gómez", "Pérez", birth(now, 0, 3), "M", "08001");
  newborn.child_number = 1;
  const auto rafael =
      affiliate(8, "CC", "1000000008", "Rafael", "", "Orozco", "De la Hoz", birth(now, 71, 30), "M", "47001");
  const auto valentina =
      affiliate(4, "TI", "1000000004", "Valentina", "", "Torres", "Díaz", birth(now, 12, 50), "F", "13001");
  const auto daniela =
      affiliate(7, "CC", "1000000007", "Daniela", "", "Mendoza", "Castro", birth(now, 24, 200), "F", "13001");
  const auto samuel =
      affiliate(5, "RC", "1000000005", "Samuel", "", "Peña", "Suárez", birth(now, 4, 20), "M", "08001");

  const std::vector<Spec> specs = {
      {0,
       8,
       "1001",
       maria,
       "general_illness",
       3,
       "observation",
       "Dolor abdominal de 12 horas de evolución",
       "R104",
       {"A090"}},
      {0,
       9,
       "1002",
       newborn,
       "general_illness",
       2,
       "hospitalization",
       "Dificultad respiratoria del recién nacido",
       "P220",
       {}},
      {0, 10, "1003", rafael, "general_illness", 1, "hospitalization", "Dolor torácico opresivo", "I219", {}},
      {1,
       14,
       "1001",
       valentina,
       "traffic_accident",
       3,
       "home",
       "Trauma en antebrazo por caída de motocicleta",
       "S525",
       {}},
      {1, 19, "1002", daniela, "general_illness", 4, "home", "Fiebre y dolor articular", "A90X", {"R509"}},
      {2,
       11,
       "1001",
       samuel,
       "general_illness",
       4,
       "counter_referral",
       "Fiebre y tos",
       "J189",
       {"R509"},
       true},
      {3,
       22,
       "1001",
       rafael,
       "work_accident",
       2,
       "referral",
       "Trauma craneoencefálico leve en el trabajo",
       "S060",
       {}},
  };
  std::vector<Notification> out;
  for (const auto& s : specs) out.push_back(build(s, now));
  return out;
}

bool seed_demo_notifications(db::Database& db, const core::Clock& clock) {
  try {
    return db.write([&](db::Connection& c) {
      if (c.exists("SELECT 1 FROM notifications WHERE created_by = ? LIMIT 1", {kDemoCreatedBy}))
        return false;
      for (const auto& n : demo_notifications(clock.now())) urgency_store::insert(c, n);
      return true;
    });
  } catch (const DuplicateAttentionNumber&) {
    return false;  // another replica starting at the same moment seeded them (its rows hold the keys)
  }
}

}  // namespace portal::urgencies
