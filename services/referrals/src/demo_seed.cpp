#include "demo_seed.hpp"

#include "portal/db/errors.hpp"
#include "referral_store.hpp"

namespace portal::referrals {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

ProviderRef registered(std::string nit, std::string branch, std::string name) {
  ProviderRef p;
  p.nit = std::move(nit);
  p.habilitation_code = std::move(branch);
  p.name = std::move(name);
  p.department_code = "08";
  p.municipality_code = "08001";
  return p;
}

AffiliateFacts person(std::string type, std::string number, std::optional<int> child, std::string first,
                      std::string surname, std::string sex, std::string municipality) {
  AffiliateFacts a;
  a.document_type = std::move(type);
  a.document_number = std::move(number);
  a.child_number = child;
  a.first_name = std::move(first);
  a.first_surname = std::move(surname);
  a.sex = std::move(sex);
  a.regime = "subsidized";
  a.affiliation_status = "active";
  a.data_quality = "ok";
  a.municipality_code = std::move(municipality);
  return a;
}

Referral referral(AffiliateFacts a, std::string type, std::string principal, std::string service,
                  std::string ambulance, core::Instant at) {
  Referral r;
  r.affiliate = a;
  auto& d = r.draft;
  d.affiliate = {a.document_type, a.document_number, a.child_number};
  d.referral_type = std::move(type);
  d.origin = registered("900000001", "080010000101", "IPS Demo Salud S.A.S. - Sede Barranquilla");
  d.destination = registered("900000002", "080010000201", "Clínica Ejemplo del Caribe - Sede Principal");
  d.origin_service = "emergency_general";
  d.triage = 2;
  d.diagnoses.principal = std::move(principal);
  d.requested_service = std::move(service);
  d.pos = true;
  d.ambulance_type = std::move(ambulance);
  if (d.ambulance_type != "not_applicable") {
    d.transfer_type = "secondary";
    d.transfer_requirements = "Monitor de signos vitales, oxígeno por cánula nasal";
  }
  d.treating_professional = "Dra. Carolina Ruiz";
  d.res2335.care_cause = "38";
  d.res2335.care_priority = "1";
  d.res2335.care_type = "1";
  d.res2335.service_group = "03";
  d.res2335.modality = "01";
  r.status = Status::open;
  r.created_at = at;
  r.created_by = "demo";
  r.created_by_type = "employee";
  r.created_from = "127.0.0.1";
  return r;
}

Step step(int seq, StepKind kind, std::string code, Status before, Status after, core::Instant at,
          std::string nit) {
  Step s;
  s.seq = seq;
  s.draft.kind = kind;
  if (kind == StepKind::step) {
    s.draft.step = std::move(code);
  } else {
    s.draft.closure_reason = std::move(code);
    s.draft.arrival_condition = s.draft.closure_reason == "cancelled" ? "not_applicable" : "stable";
  }
  s.status_before = before;
  s.status_after = after;
  s.at = at;
  s.actor = {"demo", "provider", std::move(nit), "127.0.0.1"};
  return s;
}

}  // namespace

bool seed_demo_referrals(db::Database& db, const core::Clock& clock, const catalog::Catalogs&) {
  const auto now = clock.now();
  try {
    return db.write([&](db::Connection& c) {
      if (referral_store::count_all(c) > 0) return false;
      auto open = referral(person("CC", "1000000007", std::nullopt, "Daniela", "Mendoza", "F", "13001"),
                           "priority", "R104", "gynecology_obstetrics", "not_applicable", now - hours(3));
      referral_store::insert(c, open);

      auto in_process = referral(person("CC", "1000000008", std::nullopt, "Rafael", "Orozco", "M", "47001"),
                                 "emergency", "J189", "internal_medicine", "medicalized", now - hours(5));
      const auto id2 = referral_store::insert(c, in_process);
      referral_store::append_step(c, id2, 1,
                                  step(1, StepKind::step, "patient_accepted", Status::open,
                                       Status::in_process, now - hours(4), "900000002"));

      auto arrived = referral(person("TI", "1000000004", std::nullopt, "Valentina", "Torres", "F", "13001"),
                              "emergency", "K359", "general_surgery", "basic", now - hours(30));
      const auto id3 = referral_store::insert(c, arrived);
      referral_store::append_step(c, id3, 1,
                                  step(1, StepKind::step, "patient_accepted", Status::open,
                                       Status::in_process, now - hours(29), "900000002"));
      referral_store::append_step(c, id3, 2,
                                  step(2, StepKind::closure, "arrival_confirmed", Status::in_process,
                                       Status::closed, now - hours(27), "900000002"));

      auto cancelled = referral(person("CE", "E2000010", std::nullopt, "Ana", "García", "F", "08001"),
                                "elective", "M545", "orthopedics", "not_applicable", now - hours(50));
      const auto id4 = referral_store::insert(c, cancelled);
      referral_store::append_step(c, id4, 1,
                                  step(1, StepKind::closure, "cancelled", Status::open, Status::closed,
                                       now - hours(48), "900000001"));

      auto newborn = referral(person("CC", "1000000001", 1, "Hijo de María", "Gómez", "M", "08001"),
                              "emergency", "P220", "pediatrics", "neonatal", now - minutes(90));
      referral_store::insert(c, newborn);
      return true;
    });
  } catch (const db::UniqueViolation&) {
    return false;  // another replica seeded first
  }
}

}  // namespace portal::referrals
