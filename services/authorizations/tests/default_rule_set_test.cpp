// AUT-2: the default rule set (docs/rules.md), one table row per rule, judged on facts built from the real
// catalogs; plus the age fact on the Bogotá date at the 17/18 boundary.
#include "default_rule_set.hpp"

#include <catch2/catch.hpp>

#include "request_facts.hpp"
#include "request_rules.hpp"
#include "rule_set.hpp"
#include "test_facts.hpp"

using namespace portal;
using namespace portal::authorizations;
using namespace portal::authorizations::testing;

namespace {

const RuleSet& default_rules() {
  static const RuleSet set = [] {
    auto parsed = parse_rule_set(default_rule_set_json(), catalogs());
    if (!parsed.rule_set) throw std::runtime_error("default rule set invalid: " + parsed.errors.at(0).field);
    return *parsed.rule_set;
  }();
  return set;
}

Evaluation judge(const RequestDraft& draft, const AffiliateFacts& affiliate, core::Instant now,
                 const FactSources& sources = {}) {
  const auto check = validate_request(draft, &affiliate, now, catalogs(), "");
  REQUIRE(check.errors.empty());
  return evaluate(default_rules(),
                  request_facts(draft, check.lines, check.diagnoses, affiliate, now, catalogs(), sources));
}

std::string deciding(const Evaluation& e) {
  std::string out;
  for (const auto& line : e.lines) {
    for (const auto& hit : line.decided_by) out += (out.empty() ? "" : ",") + hit.rule_id;
  }
  return out;
}

}  // namespace

TEST_CASE("the default rule set validates") {
  const auto parsed = parse_rule_set(default_rule_set_json(), catalogs());
  CHECK(parsed.errors.empty());
  REQUIRE(parsed.rule_set);
  CHECK(parsed.rule_set->rules.size() == 12);
}

TEST_CASE("each default rule, on real CUPS codes") {
  const auto now = at("2026-06-01T15:00:00Z");
  struct Row {
    const char* name;
    std::vector<RequestLine> lines;
    const char* affiliate_status;
    bool approved;
    const char* decided_by;
  };
  const std::vector<Row> rows = {
      {"POS laboratory", {procedure("902045", 10)}, "active", true, "approve_pos_laboratory"},
      {"laboratory over its limit", {procedure("902045", 11)}, "active", false, "pend_laboratory_quantity"},
      {"POS basic imaging", {procedure("870001", 2)}, "active", true, "approve_pos_basic_imaging"},
      {"imaging over its limit", {procedure("870001", 3)}, "active", false, "pend_imaging_quantity"},
      {"surgical (with copay)", {procedure("282000")}, "active", false, "pend_surgical,pend_copay"},
      {"hospital procedure", {procedure("109101")}, "active", false, "pend_hospital,pend_copay"},
      {"non-POS consultation", {procedure("890257")}, "active", false, "pend_non_pos"},
      {"POS consultation: no rule", {procedure("890201")}, "active", false, "no_rule"},
      {"non-active affiliate", {procedure("902045")}, "suspended", false, "pend_non_active_affiliate"},
      {"retired affiliate", {procedure("902045")}, "retired", false, "pend_non_active_affiliate"},
      {"a medicine", {medicine("20001234-01")}, "active", false, "pend_medicines"},
      {"lab approved, medicine held",
       {procedure("902045"), medicine("20001234-01")},
       "active",
       false,
       "approve_pos_laboratory,pend_medicines"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    auto draft = outpatient_draft();
    draft.lines = row.lines;
    auto affiliate = adult();
    affiliate.affiliation_status = row.affiliate_status;
    const auto e = judge(draft, affiliate, now);
    CHECK(e.approved == row.approved);
    CHECK(deciding(e) == row.decided_by);
  }
}

TEST_CASE("a device line is held by the default rule set") {
  auto draft = outpatient_draft();
  RequestLine device;
  device.type = LineType::device;
  device.code = "DM-1001";
  draft.lines = {device};
  const auto e = judge(draft, adult(), at("2026-06-01T15:00:00Z"));
  CHECK_FALSE(e.approved);
  CHECK(deciding(e) == "pend_devices");
}

TEST_CASE("the same code for the same affiliate within 30 days is held") {
  const auto now = at("2026-06-01T15:00:00Z");
  auto draft = outpatient_draft();
  struct Row {
    const char* last;
    bool approved;
  };
  for (auto [last, approved] : {Row{"2026-05-02T15:00:01Z", false}, Row{"2026-05-02T15:00:00Z", true}}) {
    CAPTURE(last);
    FactSources sources;
    sources.last_requested["902045"] = at(last);
    const auto e = judge(draft, adult(), now, sources);
    CHECK(e.approved == approved);
    if (!approved) CHECK(deciding(e) == "pend_repeated_30_days");
  }
}

TEST_CASE("the age fact is taken on the Bogotá date: 17/18 boundary") {
  auto parsed = parse_rule_set(R"({"name":"Edad","rules":[
    {"id":"approve_adults","description":{"es":"Adultos","en":"Adults"},"outcome":"approve","reason":"adult",
     "when":{"age_years":{"min":18}}},
    {"id":"pend_minors","description":{"es":"Menores","en":"Minors"},"outcome":"pend","reason":"minor",
     "when":{"age_years":{"max":17}}}]})",
                               catalogs());
  REQUIRE(parsed.rule_set);
  auto affiliate = adult();
  affiliate.birth_date = "2008-06-02";  // 18 on 2 June 2026, Bogotá
  const auto draft = outpatient_draft();
  struct Row {
    const char* now;
    const char* rule;
  };
  for (auto [now, rule] : {Row{"2026-06-02T04:59:59Z", "pend_minors"},  // 1 June 23:59:59 in Bogotá
                           Row{"2026-06-02T05:00:00Z", "approve_adults"}}) {
    CAPTURE(now);
    const auto check = validate_request(draft, &affiliate, at(now), catalogs(), "");
    const auto facts = request_facts(draft, check.lines, check.diagnoses, affiliate, at(now), catalogs(), {});
    const auto e = evaluate(*parsed.rule_set, facts);
    CHECK(deciding(e) == rule);
  }
}

TEST_CASE("facts of a request: CUPS flags, contract, department, diagnoses") {
  auto draft = outpatient_draft();
  draft.lines = {procedure("282000"), medicine("20001234-01")};
  draft.diagnoses.related = {"e11.9"};
  FactSources sources;
  sources.contracted_codes = {"282000"};
  const auto now = at("2026-06-01T15:00:00Z");
  const auto affiliate = adult();
  const auto check = validate_request(draft, &affiliate, now, catalogs(), "");
  REQUIRE(check.errors.empty());
  const auto f = request_facts(draft, check.lines, check.diagnoses, affiliate, now, catalogs(), sources);
  CHECK(f.diagnoses == std::vector<std::string>{"J189", "E119"});
  CHECK(f.department_code == "08");
  CHECK(f.age_years == 36);
  REQUIRE(f.lines.size() == 2);
  CHECK(f.lines[0].classification == "general");
  CHECK(f.lines[0].group == "surgical_procedures");
  CHECK(f.lines[0].surgical);
  CHECK(f.lines[0].copay);
  CHECK(f.lines[0].pos);
  CHECK(f.lines[0].contracted);
  CHECK_FALSE(f.lines[1].contracted);
  CHECK(f.lines[1].type == LineType::medicine);
  CHECK(f.lines[1].group.empty());
}
