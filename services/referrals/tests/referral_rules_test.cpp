// REF-1..REF-3 rules with an injected instant and the real embedded catalogs: the state machine table, the
// sides, the ambulance rule, providers (registry and DIVIPOLA), diagnoses (newborn exception) and REF-3's
// "updates never overwrite the initial data".
#include "referral_rules.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

#include "portal/json/json.hpp"
#include "referral_filter.hpp"
#include "referral_json.hpp"

using namespace portal;
using namespace portal::referrals;

namespace {

const catalog::Catalogs& catalogs() {
  static const auto c = catalog::Catalogs::embedded();
  return *c;
}

core::Instant at(const char* rfc3339) { return *core::parse_rfc3339(rfc3339); }
const core::Instant kNow = at("2026-05-10T14:00:00Z");

AffiliateFacts adult_woman() {
  AffiliateFacts a;
  a.id = 1;
  a.document_type = "CC";
  a.document_number = "1000000001";
  a.first_name = "María";
  a.first_surname = "Gómez";
  a.birth_date = "1996-01-10";
  a.sex = "F";
  a.regime = "subsidized";
  a.affiliation_status = "active";
  a.data_quality = "ok";
  a.municipality_code = "08001";
  return a;
}

AffiliateFacts newborn_boy() {
  auto a = adult_woman();
  a.child_number = 1;
  a.first_name = "Hijo de María";
  a.birth_date = "2026-05-07";
  a.sex = "M";
  return a;
}

directory::ProviderInfo provider(std::string nit, std::string branch) {
  directory::ProviderInfo p;
  p.nit = std::move(nit);
  p.legal_name = "IPS " + p.nit;
  p.branches.push_back({branch, "Sede", "08", "08001", "Calle 1"});
  return p;
}

ReferralDraft valid_draft() {
  ReferralDraft d;
  d.affiliate = {"CC", "1000000001", std::nullopt};
  d.referral_type = "emergency";
  d.origin.nit = "900000001";
  d.origin.habilitation_code = "080010000101";
  d.destination.nit = "900000002";
  d.destination.habilitation_code = "080010000201";
  d.origin_service = "emergency_general";
  d.triage = 2;
  d.diagnoses.principal = "o80.0";
  d.requested_service = "gynecology_obstetrics";
  d.pos = true;
  d.ambulance_type = "not_applicable";
  d.treating_professional = "Dra. Ruiz";
  return d;
}

const directory::ProviderInfo kOrigin = provider("900000001", "080010000101");
const directory::ProviderInfo kDestination = provider("900000002", "080010000201");
const ProviderAnswers kBoth{&kOrigin, &kDestination};

std::vector<std::string> codes_of(const core::FieldErrors& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field + ":" + e.code);
  return out;
}

bool has(const core::FieldErrors& errors, const std::string& field_code) {
  const auto all = codes_of(errors);
  return std::find(all.begin(), all.end(), field_code) != all.end();
}

}  // namespace

TEST_CASE("REF-2 state machine table") {
  struct Row {
    Status from;
    StepKind kind;
    const char* code;
    bool requires_acceptance;
    bool accepted;
    std::optional<Status> next;
    std::optional<Refusal> refused;
  };
  const auto open = Status::open;
  const auto in_process = Status::in_process;
  const auto closed = Status::closed;
  const auto step = StepKind::step;
  const auto closure = StepKind::closure;
  for (const auto& row : {
           Row{open, step, "patient_accepted", false, false, in_process, {}},
           Row{open, step, "bed_requested", false, false, open, {}},
           Row{open, step, "follow_up", false, false, open, {}},
           Row{in_process, step, "follow_up", false, true, in_process, {}},
           Row{in_process, step, "patient_accepted", false, true, in_process, {}},
           Row{in_process, step, "counter_referral", false, true, in_process, {}},
           Row{open, closure, "cancelled", false, false, closed, {}},
           Row{in_process, closure, "cancelled", false, true, closed, {}},
           Row{in_process, closure, "arrival_confirmed", true, true, closed, {}},
           Row{open, closure, "arrival_confirmed", true, false, {}, Refusal::acceptance_required},
           Row{closed, step, "follow_up", false, true, {}, Refusal::closed},
           Row{closed, step, "patient_accepted", false, true, {}, Refusal::closed},
           Row{closed, closure, "cancelled", false, true, {}, Refusal::closed},
           Row{closed, closure, "arrival_confirmed", true, true, {}, Refusal::closed},
       }) {
    CAPTURE(to_string(row.from), row.code, row.accepted);
    const auto t = transition(row.from, row.kind, row.code, row.requires_acceptance, row.accepted);
    CHECK(t.next == row.next);
    CHECK(t.refused == row.refused);
  }
}

TEST_CASE("REF-2 the catalogs hold the steps and closures the state machine names") {
  CHECK(catalogs().find(catalog::kReferralSteps, kPatientAccepted)->text("side") == "destination");
  CHECK(catalogs().find(catalog::kReferralSteps, kCounterReferral)->text("side") == "destination");
  CHECK(catalogs().find(catalog::kClosureReasons, kArrivalConfirmed)->flag("requires_acceptance"));
  CHECK_FALSE(catalogs().find(catalog::kClosureReasons, kCancelled)->flag("requires_acceptance", true));
  CHECK(catalogs().find(catalog::kArrivalConditions, kNotApplicable) != nullptr);
}

TEST_CASE("REF-2 who records which side's steps") {
  struct Row {
    const char* side;
    Parties parties;
    bool allowed;
  };
  for (const auto& row :
       {Row{"destination", {true, false, false}, true}, Row{"destination", {false, false, true}, true},
        Row{"destination", {false, true, false}, false}, Row{"origin", {false, true, false}, true},
        Row{"origin", {false, false, true}, false}, Row{"any", {false, true, false}, true},
        Row{"any", {false, false, true}, true}, Row{"eps", {false, true, true}, false},
        Row{"eps", {true, false, false}, true}, Row{"any", {false, false, false}, false}}) {
    CAPTURE(row.side, row.parties.eps, row.parties.origin, row.parties.destination);
    CHECK(side_allows(row.side, row.parties) == row.allowed);
  }
  Referral r;
  r.draft = valid_draft();
  const auto dest = parties_of(std::string{"900000002"}, false, r);
  CHECK((!dest.origin && dest.destination && !dest.eps));
  CHECK_FALSE(parties_of(std::string{"900000003"}, false, r).any());
  CHECK(parties_of(std::nullopt, true, r).eps);
}

TEST_CASE("REF-1 a valid registration passes; registered providers get the registry's name and place") {
  const auto woman = adult_woman();
  const auto res = validate_registration(valid_draft(), &woman, kBoth, kNow, catalogs(), "01 8000");
  INFO(codes_of(res.errors).size());
  CHECK(res.ok());
  CHECK(res.draft.diagnoses.principal == "O800");
  CHECK(res.draft.destination.name == "IPS 900000002 - Sede");
  CHECK(res.draft.destination.municipality_code == "08001");
  CHECK(res.warnings.empty());
}

TEST_CASE("REF-1 ambulance other than not_applicable requires transfer type and requirements") {
  const auto woman = adult_woman();
  struct Row {
    const char* ambulance;
    std::optional<std::string> type;
    std::optional<std::string> requirements;
    std::vector<std::string> errors;
  };
  for (const auto& row :
       {Row{"not_applicable", {}, {}, {}}, Row{"medicalized", "secondary", "Oxígeno", {}},
        Row{"medicalized",
            {},
            {},
            {"transfer_type:required_with_ambulance", "transfer_requirements:required_with_ambulance"}},
        Row{"basic", "secondary", {}, {"transfer_requirements:required_with_ambulance"}},
        Row{"not_applicable", "secondary", {}, {"transfer_type:only_with_ambulance"}},
        Row{"submarine", {}, {}, {"ambulance_type:invalid_value"}}}) {
    CAPTURE(row.ambulance);
    auto d = valid_draft();
    d.ambulance_type = row.ambulance;
    d.transfer_type = row.type;
    d.transfer_requirements = row.requirements;
    const auto res = validate_registration(d, &woman, kBoth, kNow, catalogs(), "");
    CHECK(codes_of(res.errors) == row.errors);
  }
}

TEST_CASE("REF-1 origin and destination: registry for registered ones, DIVIPOLA for the others") {
  const auto woman = adult_woman();
  auto unregistered = valid_draft();
  unregistered.origin = {"800123456", std::nullopt, "Hospital Local", "13", "13001"};
  CHECK(validate_registration(unregistered, &woman, {nullptr, &kDestination}, kNow, catalogs(), "").ok());

  auto wrong_place = valid_draft();
  wrong_place.origin = {"800123456", std::nullopt, "", "13", "08001"};
  auto res = validate_registration(wrong_place, &woman, {nullptr, &kDestination}, kNow, catalogs(), "");
  CHECK(codes_of(res.errors) ==
        std::vector<std::string>{"origin.name:required",
                                 "origin.municipality_code:municipality_not_in_department"});

  auto unknown_place = valid_draft();
  unknown_place.destination = {"800123456", std::nullopt, "Hospital", "98", "99999"};
  res = validate_registration(unknown_place, &woman, {&kOrigin, nullptr}, kNow, catalogs(), "");
  CHECK(codes_of(res.errors) ==
        std::vector<std::string>{"destination.department_code:unknown_department",
                                 "destination.municipality_code:unknown_municipality"});

  res = validate_registration(valid_draft(), &woman, {&kOrigin, nullptr}, kNow, catalogs(), "");
  CHECK(codes_of(res.errors) == std::vector<std::string>{"destination.nit:unknown_provider"});
  auto other_branch = valid_draft();
  other_branch.destination.habilitation_code = "999999999999";
  res = validate_registration(other_branch, &woman, kBoth, kNow, catalogs(), "");
  CHECK(codes_of(res.errors) == std::vector<std::string>{"destination.habilitation_code:unknown_branch"});

  auto same = valid_draft();
  same.destination = same.origin;
  res = validate_registration(same, &woman, {&kOrigin, &kOrigin}, kNow, catalogs(), "");
  CHECK(has(res.errors, "destination:same_as_origin"));
}

TEST_CASE("REF-1 diagnoses follow URG-2, newborns for existence only with a warning") {
  const auto woman = adult_woman();
  const auto boy = newborn_boy();
  auto d = valid_draft();
  d.diagnoses.principal = "N40X";  // prostate: male only
  auto res = validate_registration(d, &woman, kBoth, kNow, catalogs(), "");
  CHECK(codes_of(res.errors) == std::vector<std::string>{"diagnoses.principal:sex_mismatch"});

  d.affiliate.child_number = 1;
  d.diagnoses.principal = "O800";  // childbirth on a newborn boy: not checked for sex and age
  res = validate_registration(d, &boy, kBoth, kNow, catalogs(), "");
  CHECK(res.ok());
  CHECK(res.warnings == std::vector<std::string>{"newborn_diagnoses_not_checked"});
  d.diagnoses.principal = "ZZZZ";
  res = validate_registration(d, &boy, kBoth, kNow, catalogs(), "");
  CHECK(codes_of(res.errors) == std::vector<std::string>{"diagnoses.principal:unknown_code"});

  res = validate_registration(valid_draft(), nullptr, kBoth, kNow, catalogs(), "01 8000");
  CHECK(codes_of(res.errors) == std::vector<std::string>{"affiliate:affiliate_not_found"});
}

TEST_CASE("REF-1 one open referral per affiliate: the newborn's key differs from the mother's") {
  CHECK(affiliate_key({"CC", "1000000001", std::nullopt}) == "CC:1000000001:0");
  CHECK(affiliate_key({"CC", "1000000001", 1}) == "CC:1000000001:1");
  CHECK(affiliate_key({"CC", "1000000001", 2}) != affiliate_key({"CC", "1000000001", 1}));
}

TEST_CASE("REF-2 steps and closures against the catalogs") {
  Referral r;
  r.draft = valid_draft();
  r.affiliate = adult_woman();
  struct Row {
    StepKind kind;
    const char* code;
    const char* condition;
    std::vector<std::string> errors;
  };
  for (const auto& row : {Row{StepKind::step, "patient_accepted", "", {}},
                          Row{StepKind::step, "nope", "", {"step:invalid_value"}},
                          Row{StepKind::closure, "arrival_confirmed", "stable", {}},
                          Row{StepKind::closure,
                              "arrival_confirmed",
                              "not_applicable",
                              {"arrival_condition:condition_required_on_arrival"}},
                          Row{StepKind::closure, "cancelled", "not_applicable", {}},
                          Row{StepKind::closure,
                              "lost",
                              "bored",
                              {"closure_reason:invalid_value", "arrival_condition:invalid_value"}}}) {
    CAPTURE(row.code, row.condition);
    StepDraft s;
    s.kind = row.kind;
    if (row.kind == StepKind::step) {
      s.step = row.code;
    } else {
      s.closure_reason = row.code;
      s.arrival_condition = row.condition;
    }
    CHECK(codes_of(validate_step(s, r, kNow, catalogs()).errors) == row.errors);
  }
}

TEST_CASE("REF-3 a step's updates never overwrite the initial data; the current data applies them in order") {
  Referral r;
  r.draft = valid_draft();
  r.draft.diagnoses.principal = "O800";
  r.affiliate = adult_woman();
  StepDraft s;
  s.step = "follow_up";
  s.update.diagnoses = DiagnosisCodes{"o82.0", {}};
  s.update.ambulance_type = "medicalized";
  auto check = validate_step(s, r, kNow, catalogs());
  CHECK(codes_of(check.errors) == std::vector<std::string>{"transfer_type:required_with_ambulance",
                                                           "transfer_requirements:required_with_ambulance"});
  s.update.transfer_type = "secondary";
  s.update.transfer_requirements = "Monitor";
  check = validate_step(s, r, kNow, catalogs());
  REQUIRE(check.ok());
  CHECK(check.draft.update.diagnoses->principal == "O820");
  r.timeline.push_back(Step{1, check.draft, Status::open, Status::open, kNow, {}});
  const auto current = current_clinical_data(r);
  CHECK(current.diagnoses->principal == "O820");
  CHECK(current.ambulance_type == "medicalized");
  CHECK(r.draft.diagnoses.principal == "O800");
  CHECK(r.draft.ambulance_type == "not_applicable");
  // A later step without an ambulance drops the transfer data from the current view.
  StepDraft later;
  later.step = "follow_up";
  later.update.ambulance_type = "not_applicable";
  REQUIRE(validate_step(later, r, kNow, catalogs()).ok());
  r.timeline.push_back(Step{2, later, Status::open, Status::open, kNow, {}});
  CHECK_FALSE(current_clinical_data(r).transfer_type.has_value());
}

TEST_CASE("REF-1 body: shape errors all at once, and the stored JSON reads back the same") {
  auto parsed =
      json::parse(R"({"affiliate":{"document_type":"CC"},"triage":9,"pos":"yes","origin":{},"call_id":0})");
  REQUIRE(parsed.ok());
  core::FieldErrors errors;
  parse_registration(parsed.doc, catalogs(), errors);
  std::vector<std::string> fields;
  for (const auto& e : errors) fields.push_back(e.field);
  for (const char* f : {"affiliate.document_number", "referral_type", "origin.nit", "destination", "triage",
                        "pos", "call_id", "treating_professional", "diagnoses"}) {
    CAPTURE(f);
    CHECK(std::find(fields.begin(), fields.end(), f) != fields.end());
  }
  auto d = valid_draft();
  d.transfer_requirements = "Oxígeno";
  d.res2335.procedures.push_back({"890201", 1});
  d.res2335.emergency_contact_name = "Pedro";
  const auto back = draft_from_json(draft_json(d), catalogs());
  CHECK(draft_json(back) == draft_json(d));
}

TEST_CASE("REF-4 filters") {
  http::QueryParams q{{"status", "active"},
                      {"service_type", "non_pos"},
                      {"destination_municipality_code", "8001"},
                      {"date_from", "2026-05-01"},
                      {"date_to", "2026-05-02"}};
  core::FieldErrors errors;
  const auto f = parse_filter(q, errors);
  CHECK(errors.empty());
  CHECK(f.statuses == std::vector<Status>{Status::open, Status::in_process});
  CHECK(f.pos == false);
  CHECK(f.destination_municipality_code == "08001");
  const auto range = time_range(f);
  CHECK(core::to_rfc3339(*range.from) == "2026-05-01T05:00:00Z");
  CHECK(core::to_rfc3339(*range.to) == "2026-05-03T05:00:00Z");
  core::FieldErrors bad;
  parse_filter({{"status", "lost"}, {"date_from", "2026-05-03"}, {"date_to", "2026-05-01"}}, bad);
  CHECK(bad.size() == 2);
}
