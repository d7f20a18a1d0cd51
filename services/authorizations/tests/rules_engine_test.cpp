// AUT-2: the engine's semantics, one condition kind at a time (table tests, no I/O).
#include "rules_engine.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <functional>

using namespace portal;
using namespace portal::authorizations;

namespace {

LineFacts lab() {
  LineFacts l;
  l.type = LineType::procedure;
  l.code = "902045";
  l.classification = "general";
  l.group = "basic_diagnostics";
  l.pos = true;
  l.quantity = 1;
  return l;
}

RequestFacts request_with(LineFacts line) {
  RequestFacts r;
  r.service_type = "elective";
  r.priority = "non_priority";
  r.patient_location = "outpatient";
  r.service = "general_medicine";
  r.diagnoses = {"J189", "E119"};
  r.age_years = 30;
  r.sex = "F";
  r.regime = "subsidized";
  r.affiliation_status = "active";
  r.department_code = "08";
  r.municipality_code = "08001";
  r.lines = {std::move(line)};
  return r;
}

std::vector<std::string> list(std::initializer_list<const char*> items) {
  std::vector<std::string> out(items.begin(), items.end());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("AUT-2 each condition kind matches its fact and nothing else") {
  using C = Conditions;
  struct Row {
    const char* name;
    std::function<void(C&)> set;
    std::function<void(RequestFacts&)> change;  // a change of the facts that makes the condition fail
  };
  const std::vector<Row> rows = {
      {"line_types", [](C& c) { c.line_types = {{LineType::procedure}}; },
       [](RequestFacts& r) { r.lines[0].type = LineType::device; }},
      {"cups_codes", [](C& c) { c.cups_codes = list({"902045"}); },
       [](RequestFacts& r) { r.lines[0].code = "902046"; }},
      {"cups_prefixes", [](C& c) { c.cups_prefixes = list({"90"}); },
       [](RequestFacts& r) { r.lines[0].code = "870001"; }},
      {"cups condition on a medicine", [](C& c) { c.cups_prefixes = list({"90"}); },
       [](RequestFacts& r) { r.lines[0].type = LineType::medicine; }},
      {"service_groups", [](C& c) { c.service_groups = list({"basic_diagnostics"}); },
       [](RequestFacts& r) { r.lines[0].group = "therapies"; }},
      {"pos", [](C& c) { c.pos = true; }, [](RequestFacts& r) { r.lines[0].pos = false; }},
      {"surgical", [](C& c) { c.surgical = false; }, [](RequestFacts& r) { r.lines[0].surgical = true; }},
      {"hospital", [](C& c) { c.hospital = false; }, [](RequestFacts& r) { r.lines[0].hospital = true; }},
      {"copay", [](C& c) { c.copay = false; }, [](RequestFacts& r) { r.lines[0].copay = true; }},
      {"medicine_codes", [](C& c) { c.medicine_codes = list({"20001234-01"}); },
       [](RequestFacts& r) { r.lines[0].code = "20001234-02"; }},
      {"quantity",
       [](C& c) {
         c.quantity = Range{1, 10};
       },
       [](RequestFacts& r) { r.lines[0].quantity = 11; }},
      {"contracted", [](C& c) { c.contracted = true; },
       [](RequestFacts& r) { r.lines[0].contracted = false; }},
      {"repeated_within_days", [](C& c) { c.repeated_within_days = 30; },
       [](RequestFacts& r) { r.lines[0].since_same_code = std::chrono::days(30); }},
      {"service_types", [](C& c) { c.service_types = list({"elective"}); },
       [](RequestFacts& r) { r.service_type = "post_emergency"; }},
      {"priorities", [](C& c) { c.priorities = list({"non_priority"}); },
       [](RequestFacts& r) { r.priority = "priority"; }},
      {"patient_locations", [](C& c) { c.patient_locations = list({"outpatient"}); },
       [](RequestFacts& r) { r.patient_location = "emergency"; }},
      {"services", [](C& c) { c.services = list({"general_medicine"}); },
       [](RequestFacts& r) { r.service = "pediatrics"; }},
      {"diagnosis_codes (any diagnosis)", [](C& c) { c.diagnosis_codes = list({"E119"}); },
       [](RequestFacts& r) { r.diagnoses = {"J189"}; }},
      {"diagnosis_prefixes", [](C& c) { c.diagnosis_prefixes = list({"J"}); },
       [](RequestFacts& r) { r.diagnoses = {"E119"}; }},
      {"sex", [](C& c) { c.sex = "F"; }, [](RequestFacts& r) { r.sex = "M"; }},
      {"age_years",
       [](C& c) {
         c.age_years = Range{18, std::nullopt};
       },
       [](RequestFacts& r) { r.age_years = 17; }},
      {"age unknown",
       [](C& c) {
         c.age_years = Range{0, 150};
       },
       [](RequestFacts& r) { r.age_years.reset(); }},
      {"regimes", [](C& c) { c.regimes = list({"subsidized"}); },
       [](RequestFacts& r) { r.regime = "contributory"; }},
      {"affiliation_statuses", [](C& c) { c.affiliation_statuses = list({"active"}); },
       [](RequestFacts& r) { r.affiliation_status = "suspended"; }},
      {"departments", [](C& c) { c.departments = list({"08"}); },
       [](RequestFacts& r) { r.department_code = "13"; }},
      {"municipalities", [](C& c) { c.municipalities = list({"08001"}); },
       [](RequestFacts& r) { r.municipality_code = "08758"; }},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    Conditions c;
    row.set(c);
    auto facts = request_with(lab());
    if (std::string(row.name) == "medicine_codes") {
      facts.lines[0].type = LineType::medicine;
      facts.lines[0].code = "20001234-01";
    }
    if (std::string(row.name) == "contracted") facts.lines[0].contracted = true;
    if (std::string(row.name) == "repeated_within_days")
      facts.lines[0].since_same_code = std::chrono::days(29);
    CHECK(matches(c, facts, facts.lines[0]));
    row.change(facts);
    CHECK_FALSE(matches(c, facts, facts.lines[0]));
  }
}

TEST_CASE("AUT-2 the frequency window: a repeat less than N days later matches, never-requested does not") {
  Conditions c;
  c.repeated_within_days = 30;
  auto facts = request_with(lab());
  struct Row {
    std::optional<std::chrono::milliseconds> since;
    bool match;
  };
  for (auto [since, match] :
       {Row{std::nullopt, false}, Row{std::chrono::hours(1), true},
        Row{std::chrono::days(30) - std::chrono::milliseconds(1), true}, Row{std::chrono::days(30), false}}) {
    facts.lines[0].since_same_code = since;
    CHECK(matches(c, facts, facts.lines[0]) == match);
  }
}

TEST_CASE("AUT-2 pend wins over approve, no rule gives no_rule, and the request needs every line approved") {
  RuleSet set;
  set.rules.push_back({"approve_lab", {"a", "a"}, {}, Outcome::approve, "lab"});
  set.rules[0].when.service_groups = list({"basic_diagnostics"});
  set.rules.push_back({"pend_copay", {"p", "p"}, {}, Outcome::pend, "copay_required"});
  set.rules[1].when.copay = true;
  set.rules.push_back({"approve_pos", {"a", "a"}, {}, Outcome::approve, "pos"});
  set.rules[2].when.pos = true;

  auto facts = request_with(lab());
  auto e = evaluate(set, facts);
  CHECK(e.approved);
  REQUIRE(e.lines.size() == 1);
  CHECK(e.lines[0].approved);
  REQUIRE(e.lines[0].decided_by.size() == 2);  // both approve rules, in rule-set order
  CHECK(e.lines[0].decided_by[0].rule_id == "approve_lab");
  CHECK(e.lines[0].decided_by[1].rule_id == "approve_pos");
  CHECK(e.status_reason.empty());

  facts.lines[0].copay = true;  // approve rules still match; the pend rule wins
  e = evaluate(set, facts);
  CHECK_FALSE(e.approved);
  CHECK(e.lines[0].matched.size() == 3);
  REQUIRE(e.lines[0].decided_by.size() == 1);
  CHECK(e.lines[0].decided_by[0].rule_id == "pend_copay");
  CHECK(e.status_reason == "pend_copay: 902045");

  // A second line nobody covers: no_rule, and the request is pending although the first is approved.
  facts.lines[0].copay = false;
  LineFacts other;
  other.code = "890201";
  other.group = "professional_consultation";
  other.pos = false;
  facts.lines.push_back(other);
  e = evaluate(set, facts);
  CHECK_FALSE(e.approved);
  CHECK(e.lines[0].approved);
  CHECK_FALSE(e.lines[1].approved);
  REQUIRE(e.lines[1].decided_by.size() == 1);
  CHECK(e.lines[1].decided_by[0].rule_id == "no_rule");
  CHECK(e.lines[1].decided_by[0].reason == "no_rule");
  CHECK(e.status_reason == "no_rule: 890201");
}

TEST_CASE("AUT-2 the outcome does not depend on the order of the rules; the listing follows it") {
  RuleSet a;
  a.rules.push_back({"pend_surgical", {"p", "p"}, {}, Outcome::pend, "surgical"});
  a.rules[0].when.surgical = true;
  a.rules.push_back({"pend_copay", {"p", "p"}, {}, Outcome::pend, "copay"});
  a.rules[1].when.copay = true;
  a.rules.push_back({"approve_all", {"a", "a"}, {}, Outcome::approve, "all"});
  RuleSet b = a;
  std::reverse(b.rules.begin(), b.rules.end());
  auto line = lab();
  line.surgical = true;
  line.copay = true;
  const auto facts = request_with(line);
  const auto ea = evaluate(a, facts);
  const auto eb = evaluate(b, facts);
  CHECK(ea.approved == eb.approved);
  CHECK(ea.status_reason == "pend_surgical: 902045; pend_copay: 902045");
  CHECK(eb.status_reason == "pend_copay: 902045; pend_surgical: 902045");
  // The same input twice gives the same answer.
  CHECK(evaluate(a, facts).status_reason == ea.status_reason);
}

TEST_CASE("AUT-2 a request without lines is never approved") {
  RuleSet set;
  set.rules.push_back({"approve_all", {"a", "a"}, {}, Outcome::approve, "all"});
  RequestFacts facts;
  CHECK_FALSE(evaluate(set, facts).approved);
}
