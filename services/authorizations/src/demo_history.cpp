#include "demo_history.hpp"

#include <array>

#include "authorization_store.hpp"
#include "decision.hpp"
#include "decision_store.hpp"

namespace portal::authorizations {
namespace {

using std::chrono::days;
using std::chrono::hours;

AffiliateFacts person(int i) {
  static constexpr std::array<const char*, 6> kFirst = {"Luz",   "Andrés", "Carmen",
                                                        "Jorge", "Paola",  "Héctor"};
  static constexpr std::array<const char*, 6> kSurname = {"Pacheco", "Ruiz",   "Vargas",
                                                          "Meza",    "Ospino", "Barros"};
  static constexpr std::array<const char*, 6> kTown = {"08001", "47001", "08758", "20001", "13001", "70001"};
  const auto k = static_cast<std::size_t>(i % 6);
  AffiliateFacts a;
  a.id = 90000001 + i;
  a.document_type = "CC";
  a.document_number = "10900000" + std::string(i < 10 ? "0" : "") + std::to_string(i);
  a.first_name = kFirst[k];
  a.first_surname = kSurname[k];
  a.second_surname = kSurname[(k + 2) % 6];
  a.birth_date = std::to_string(1950 + i * 7 % 50) + "-0" + std::to_string(1 + i % 9) + "-15";
  a.sex = k % 2 == 0 ? "F" : "M";
  a.regime = i % 3 == 0 ? "contributory" : "subsidized";
  a.affiliation_status = "active";
  a.data_quality = "ok";
  a.municipality_code = kTown[k];
  a.address = "Carrera 43 # 70-" + std::to_string(10 + i);
  a.phone = "60535500" + std::to_string(10 + i);
  return a;
}

struct Kind {
  const char* code;  // CUPS (general classification)
  const char* location;
  const char* service;
  const char* diagnosis;
  const char* justification;
};
// Consultation, basic and specialised diagnostics, surgery (hospital), therapy: the timeliness groups.
constexpr std::array<Kind, 6> kKinds = {{
    {"890201", "outpatient", "general_medicine", "I10X", "Control de hipertensión arterial"},
    {"902045", "outpatient", "general_medicine", "D509", "Control de anemia ferropénica"},
    {"871121", "outpatient", "general_medicine", "J189", "Sospecha de neumonía: radiografía de tórax"},
    {"452301", "outpatient", "internal_medicine", "K921", "Sangrado digestivo bajo: colonoscopia"},
    {"470101", "emergency", "emergency_general", "K359", "Apendicitis aguda: apendicectomía"},
    {"931000", "outpatient", "general_medicine", "M545", "Lumbago: terapia física"},
}};

RequestLine line(const char* code) {
  RequestLine l;
  l.code = code;
  l.classification = "general";
  l.quantity = 1;
  l.purpose = "15";
  l.modality = "01";
  return l;
}

}  // namespace

int seed_demo_history(db::Connection& c, core::Instant now, const catalog::Catalogs& catalogs,
                      long long rule_set_version) {
  const auto today = core::bogota_date(now);
  const int year = static_cast<int>(today.year());
  const auto this_month = static_cast<unsigned>(today.month());
  int inserted = 0;
  int serial = 0;
  for (unsigned month = 1; month <= this_month; ++month) {
    const int count = 8 + static_cast<int>(month * 5 % 7);  // 8..14 a month
    for (int k = 0; k < count; ++k) {
      ++serial;
      const auto day = std::chrono::year_month_day{std::chrono::year{year}, std::chrono::month{month},
                                                   std::chrono::day{static_cast<unsigned>(1 + k * 2 % 27)}};
      const auto created = core::bogota_day_start(day) + hours(8 + k % 8);
      if (created + hours(12) > now) continue;  // only the past: today's demo requests are issue 12's
      const auto& kind = kKinds[static_cast<std::size_t>(serial % 6)];
      AuthorizationRequest r;
      r.provider_nit = "900000001";
      r.habilitation_code = "080010000101";
      r.provider_name = "IPS Demo Salud S.A.S.";
      auto& d = r.draft;
      d.request_number = "H" + std::to_string(month) + "-" + std::to_string(k + 1);
      r.affiliate = person(serial % 12);
      d.affiliate = AffiliateRef{r.affiliate.document_type, r.affiliate.document_number, std::nullopt};
      d.attention_origin = "general_illness";
      d.service_type = std::string(kind.location) == "emergency" ? "post_emergency" : "elective";
      if (d.service_type == "elective") d.priority = k % 3 == 0 ? "priority" : "non_priority";
      d.patient_location = kind.location;
      d.service = kind.service;
      d.diagnoses.principal = kind.diagnosis;
      d.clinical_justification = kind.justification;
      d.lines = {line(kind.code)};
      // Every fifth one also asks for a non-POS consultation (alternative medicine): the denied part.
      const int pick = serial % 10;
      if (pick == 3 || pick == 8) d.lines.push_back(line("890257"));
      d.requester = {"Ana Lucía Ruiz", "Médica general", "6053850000", std::nullopt};
      d.provider_nit = r.provider_nit;
      d.habilitation_code = r.habilitation_code;
      r.request_year = year;
      r.created_at = created;
      r.created_by = "demo-seed";
      r.rule_set_version = rule_set_version;
      r.evaluation_json = "[]";
      const bool at_once = std::string(kind.code) == "902045" || std::string(kind.code) == "871121";
      r.status = at_once && d.lines.size() == 1 ? RequestStatus::approved : RequestStatus::pending;
      r.status_reason = r.status == RequestStatus::pending ? "demo: revisión del auditor" : "";
      r.line_approved.assign(d.lines.size(), r.status == RequestStatus::approved);
      authorization_store::insert(c, r);
      ++inserted;

      // The decision: approve (most), deny, partial, refer, annul; at once for laboratory and imaging.
      DecisionPlan plan;
      plan.outcomes.assign(d.lines.size(), LineOutcome::approved);
      plan.justifications.assign(d.lines.size(), "");
      std::string decision = "approve";
      if (r.status == RequestStatus::approved) {
        decision = "";
      } else if (d.lines.size() == 2) {
        decision = "partial";
        plan.outcomes[1] = LineOutcome::denied;
        plan.justifications[1] = "Medicina alternativa: fuera del plan de beneficios";
      } else if (pick == 5 && serial % 4 == 1) {
        decision = "refer";
      } else if (pick == 7) {
        decision = serial % 3 == 0 ? "annul" : "deny";
      }
      if (decision == "deny") {
        plan.outcomes.assign(d.lines.size(), LineOutcome::denied);
        plan.justifications.assign(d.lines.size(), "No pertinente según la historia clínica");
      }
      if (decision == "deny" && std::string(kind.code) == "470101" &&
          (r.affiliate.municipality_code == "08001" || r.affiliate.municipality_code == "13001")) {
        decision = "approve";  // a POS procedure of a Cartagena or Barranquilla resident cannot be denied
        plan.outcomes.assign(d.lines.size(), LineOutcome::approved);
        plan.justifications.assign(d.lines.size(), "");
      }
      const auto decided_at = created + hours(1 + serial % 11);  // before now: created + 12 h <= now
      core::Instant issued_at = created;
      std::vector<bool> authorized(d.lines.size(), true);
      std::string nit = r.provider_nit;
      std::string branch = r.habilitation_code;
      if (!decision.empty()) {
        if (decided_at > now) continue;  // still pending: the auditor's queue
        AuthorizationRequest decided = r;
        decided.decided_at = decided_at;
        issued_at = decided_at;
        if (decision == "annul") {
          decided.status = RequestStatus::annulled;
          decided.annulment_cause = "duplicate";
          plan.outcomes.assign(d.lines.size(), std::nullopt);
        } else {
          plan.to = decision == "approve"   ? RequestStatus::approved
                    : decision == "deny"    ? RequestStatus::denied
                    : decision == "partial" ? RequestStatus::partially_approved
                                            : RequestStatus::referred;
          decided.status = plan.to;
          if (plan.has_authorization()) decided.authorization_number = authorization_number(year, r.id);
          if (plan.has_denial()) decided.denial_number = denial_number(year, r.id);
          if (decision == "refer") {
            decided.referred_to = ReferredTo{"900000002", "080010000201", "Clínica Ejemplo del Caribe"};
            nit = "900000002";
            branch = "080010000201";
          }
        }
        authorization_store::apply_decision(c, decided, 1, plan);
        authorization_store::insert_audit(
            c, DecisionAudit{r.id, decision, "pending", std::string(to_string(decided.status)), decided_at,
                             "demo-seed", "127.0.0.1", "demo-seed", decision, "{}"});
        if (plan.has_denial()) {
          authorization_store::insert_denial(
              c, DenialRecord{*decided.denial_number,
                              r.id,
                              decided_at,
                              "Carlos Pérez Núñez",
                              "72000111",
                              "No pertinente según la historia clínica",
                              {"Manejo ambulatorio con control por medicina general en 30 días"}});
        }
        if (decision == "annul" || !plan.has_authorization()) continue;
        for (std::size_t i = 0; i < authorized.size(); ++i)
          authorized[i] = plan.outcomes[i] == LineOutcome::approved;
      }
      const auto issued = issued_authorization(r, authorized, nit, branch, issued_at, catalogs);
      authorization_store::issue_authorization(c, issued);
      // Used for most of them, fewer in the last weeks (not delivered yet), after 0-8 days.
      const auto used_day = std::chrono::sys_days{core::bogota_date(issued_at)} + days(serial % 9);
      const bool delivered =
          serial % 10 < 8 && used_day <= std::chrono::sys_days{today} && nit == r.provider_nit;
      if (delivered) {
        auto record = authorization_store::find_authorization(c, issued.number);
        const auto used_on = core::format_date(std::chrono::year_month_day{used_day});
        authorization_store::record_usage(c, *record, used_on, serial % 9, now, "demo-seed");
      }
    }
  }
  return inserted;
}

}  // namespace portal::authorizations
