#include "demo_seed.hpp"

#include <set>

#include "authorization_store.hpp"
#include "decision.hpp"
#include "decision_store.hpp"
#include "default_rule_set.hpp"
#include "demo_history.hpp"
#include "request_facts.hpp"
#include "request_json.hpp"
#include "request_rules.hpp"
#include "rule_set.hpp"

namespace portal::authorizations {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

// As the affiliates demo seed computes them (services/affiliates/src/demo_seed.cpp): `years` old, whose
// birthday was `days_ago` days ago.
std::string birth(core::Instant now, int years, int days_ago) {
  const auto today = core::bogota_date(now);
  std::chrono::year_month_day anniversary{today.year() - std::chrono::years{years}, today.month(),
                                          today.day()};
  if (!anniversary.ok()) anniversary = {anniversary.year(), std::chrono::February, std::chrono::day{28}};
  return core::format_date(
      std::chrono::year_month_day{std::chrono::sys_days{anniversary} - std::chrono::days{days_ago}});
}

AffiliateFacts affiliate(long long id, std::string number, std::string first, std::string second,
                         std::string surname, std::string second_surname, std::string birth_date,
                         std::string sex, std::string municipality, std::string status = "active") {
  AffiliateFacts a;
  a.id = id;
  a.document_type = "CC";
  a.document_number = std::move(number);
  a.first_name = std::move(first);
  a.second_name = std::move(second);
  a.first_surname = std::move(surname);
  a.second_surname = std::move(second_surname);
  a.birth_date = std::move(birth_date);
  a.sex = std::move(sex);
  a.regime = "subsidized";
  a.affiliation_status = std::move(status);
  a.data_quality = "ok";
  a.municipality_code = std::move(municipality);
  a.address = "Calle 72 # 45-10";
  a.phone = "3005550101";
  return a;
}

struct Spec {
  std::string number;
  AffiliateFacts person;
  std::string service_type;
  std::optional<std::string> priority;
  std::string location;
  std::string service;
  std::optional<std::string> bed;
  std::string principal;
  std::vector<RequestLine> lines;
  std::string justification;
  core::Instant created_at;
};

RequestLine line(std::string code, int quantity) {
  RequestLine l;
  l.code = std::move(code);
  l.quantity = quantity;
  l.purpose = "15";
  l.modality = "01";
  return l;
}

}  // namespace

bool seed_demo_authorizations(db::Database& db, const core::Clock& clock, const catalog::Catalogs& catalogs,
                              const DueTimes& due_times) {
  const auto now = clock.now();
  const auto day_start = core::bogota_day_start(now);
  const auto at_or_after_midnight = [&](core::Instant t) {
    return t < day_start ? day_start + minutes(1) : t;
  };
  // The snapshots as the affiliates demo seed holds these people (ids in its insertion order: María is the
  // first, Rafael the tenth), so the history fact (same code, same affiliate) links demo and live requests.
  const auto maria =
      affiliate(1, "1000000001", "María", "Fernanda", "Gómez", "Pérez", birth(now, 29, 40), "F", "08001");
  const auto rafael =
      affiliate(10, "1000000008", "Rafael", "", "Orozco", "De la Hoz", birth(now, 71, 30), "M", "47001");
  const std::vector<Spec> specs = {
      {"DEMO-0001",
       rafael,
       "elective",
       "non_priority",
       "outpatient",
       "internal_medicine",
       std::nullopt,
       "D509",
       {line("902045", 1), line("903841", 1)},
       "Control de anemia: tiempo de protrombina y glucosa",
       at_or_after_midnight(now - minutes(20))},
      {"DEMO-0002",
       maria,
       "post_emergency",
       std::nullopt,
       "emergency",
       "emergency_general",
       std::nullopt,
       "K359",
       {line("470101", 1)},
       "Dolor abdominal en fosa ilíaca derecha: apendicectomía",
       at_or_after_midnight(now - hours(3))},
      {"DEMO-0003",
       rafael,
       "post_emergency",
       std::nullopt,
       "hospitalization",
       "general_adult_ward",
       "304-B",
       "I509",
       {line("109101", 3)},
       "Falla cardíaca descompensada: estancia hospitalaria",
       at_or_after_midnight(now - hours(7))},
      {"DEMO-0004",
       rafael,
       "elective",
       "priority",
       "outpatient",
       "internal_medicine",
       std::nullopt,
       "I10X",
       {line("890201", 1)},
       "Control de hipertensión arterial",
       at_or_after_midnight(now - minutes(45))},
      // Issue 13: held for the auditor with two lines, so the demo auditor can approve one and deny the other
      // (a specialist consultation, and a non-POS alternative-medicine one).
      {"DEMO-0005",
       rafael,
       "elective",
       "non_priority",
       "outpatient",
       "internal_medicine",
       std::nullopt,
       "M545",
       {line("890202", 1), line("890257", 1)},
       "Lumbago crónico: valoración por especialista y medicina alternativa",
       at_or_after_midnight(now - minutes(30))},
  };
  const auto rules = parse_rule_set(default_rule_set_json(), catalogs);
  if (!rules.rule_set) return false;
  return db.write([&](db::Connection& c) {
    if (authorization_store::exists_request(c, kDemoProviderNit, request_year(now), specs.front().number))
      return false;
    // Contracts of the demo providers: the IPS is contracted for laboratory, basic imaging and consultations.
    std::set<std::string> codes;
    if (const auto* cups = catalogs.get(catalog::kCups)) {
      for (const auto& item : cups->items()) {
        if (item.code.starts_with("90") || item.code.starts_with("87") || item.code.starts_with("8902")) {
          codes.insert(item.code);
        }
      }
    }
    authorization_store::replace_contract(c, kDemoProviderNit, codes, now);
    const auto active = authorization_store::active_rule_set(c);
    for (const auto& s : specs) {
      RequestDraft d;
      d.request_number = s.number;
      d.affiliate = AffiliateRef{s.person.document_type, s.person.document_number, std::nullopt};
      d.attention_origin = "general_illness";
      d.service_type = s.service_type;
      d.priority = s.priority;
      d.patient_location = s.location;
      d.service = s.service;
      d.bed_number = s.bed;
      d.service_group = "01";
      d.diagnoses.principal = s.principal;
      d.clinical_justification = s.justification;
      d.lines = s.lines;
      d.requester = {"Ana Lucía Ruiz", "Médica general", "6053850000", std::string("3005550000")};
      const auto check = validate_request(d, &s.person, s.created_at, catalogs, "");
      if (!check.ok())
        throw std::runtime_error("demo request " + s.number + " invalid: " + check.errors[0].field);
      d.lines = check.lines;
      d.diagnoses = check.diagnoses;
      FactSources sources;
      sources.contracted_codes = codes;
      const auto evaluation = evaluate(
          *rules.rule_set, request_facts(d, d.lines, d.diagnoses, s.person, s.created_at, catalogs, sources));
      AuthorizationRequest r;
      r.provider_nit = kDemoProviderNit;
      r.habilitation_code = "080010000101";
      r.provider_name = "IPS Demo Salud S.A.S.";
      r.draft = d;
      r.draft.provider_nit = r.provider_nit;
      r.draft.habilitation_code = r.habilitation_code;
      r.affiliate = s.person;
      r.request_year = request_year(s.created_at);
      r.created_at = s.created_at;
      r.created_by = "demo-seed";
      r.status = evaluation.approved ? RequestStatus::approved : RequestStatus::pending;
      r.status_reason = evaluation.status_reason;
      r.rule_set_version = active ? active->version : 1;
      r.evaluation_json = evaluation_json(evaluation, *rules.rule_set, d.lines);
      r.due_at = due_at(s.created_at, s.location, due_times);
      for (const auto& e : evaluation.lines) r.line_approved.push_back(e.approved);
      authorization_store::insert(c, r);
      if (r.status == RequestStatus::approved) {  // AUT-9: approved at once, its authorization issued
        authorization_store::issue_authorization(
            c, issued_authorization(r, std::vector<bool>(r.draft.lines.size(), true), r.provider_nit,
                                    r.habilitation_code, r.created_at, catalogs));
      }
    }
    seed_demo_history(c, now, catalogs, active ? active->version : 1);
    return true;
  });
}

}  // namespace portal::authorizations
