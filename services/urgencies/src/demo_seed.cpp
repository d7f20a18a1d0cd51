#include "demo_seed.hpp"

#include "res3047_mapping.hpp"
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
  // Issue 11: filed as Res. 2335 bodies would be (the 2335 codes from the mapping tables).
  d.shape = BodyShape::res2335;
  complete_fields(d);
  d.admission_route = admission_route_of(d.referral);
  return n;
}

// Issue 11 item 7: one notification on each side of 1 April 2026 (Bogotá), so both documents can be seen:
// 31/03/2026 23:40 gives the Res. 3047 Anexo 2 and 01/04/2026 00:20 the Res. 2335 report.
std::vector<Notification> boundary_notifications(const AffiliateFacts& maria, const AffiliateFacts& rafael) {
  std::vector<Notification> out;
  Spec before{
      0,      0, "0331", maria, "traffic_accident", 3, "home", "Esguince de tobillo en accidente de tránsito",
      "S934", {}};
  Spec after{0,
             0,
             "0401",
             rafael,
             "general_illness",
             2,
             "hospitalization",
             "Disnea súbita y dolor pleurítico",
             "J189",
             {"R509"}};
  const auto before_at = *core::parse_rfc3339("2026-03-31T23:40:00-05:00");
  const auto after_at = *core::parse_rfc3339("2026-04-01T00:20:00-05:00");
  for (auto [spec, at] : {std::pair{before, before_at}, std::pair{after, after_at}}) {
    Notification n = build(spec, at);  // days_ago 0 and hour 0: notified at `at` itself
    n.notified_at = at;
    n.notified_day = notification_day(at);
    n.draft.admitted_at = at - minutes{40};
    out.push_back(std::move(n));
  }
  // The March one as the old 3047 form it was filed in.
  out[0].draft.shape = BodyShape::res3047;
  out[1].draft.care_address = "Carrera 5 # 12-30, apartamento 201, Santa Marta (casa de su hija)";
  return out;
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

std::vector<Notification> demo_boundary_notifications() {
  // Ages at the fixed dates of 2026 (the demo affiliates' birthdays are relative to the run's clock).
  const auto march = *core::parse_rfc3339("2026-03-31T12:00:00-05:00");
  auto maria = affiliate(1, "CC", "1000000001", "María", "Fernanda", "Gómez", "Pérez", birth(march, 29, 40),
                         "F", "08001");
  maria.address = "Calle 72 # 45-10";
  const auto rafael = affiliate(8, "CC", "1000000008", "Rafael", "", "Orozco", "De la Hoz",
                                birth(march, 71, 30), "M", "47001");
  return boundary_notifications(maria, rafael);
}

bool seed_demo_notifications(db::Database& db, const core::Clock& clock) {
  try {
    return db.write([&](db::Connection& c) {
      // The two 1-April-2026 boundary notifications (issue 11) are looked for on their own, so a demo
      // database seeded before them gets them on its next start.
      const bool recent =
          !c.exists("SELECT 1 FROM notifications WHERE created_by = ? LIMIT 1", {kDemoCreatedBy});
      const bool boundary = !c.exists(
          "SELECT 1 FROM notifications WHERE created_by = ? AND notified_day = '2026-03-31' LIMIT 1",
          {kDemoCreatedBy});
      if (!recent && !boundary) return false;
      if (recent)
        for (const auto& n : demo_notifications(clock.now())) urgency_store::insert(c, n);
      if (boundary)
        for (const auto& n : demo_boundary_notifications()) urgency_store::insert(c, n);
      return true;
    });
  } catch (const DuplicateAttentionNumber&) {
    return false;  // another replica starting at the same moment seeded them (its rows hold the keys)
  }
}

}  // namespace portal::urgencies
