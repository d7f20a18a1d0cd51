// AUT-2: a rule set is validated on upload and every problem is listed (422).
#include "rule_set.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

#include "test_facts.hpp"

using namespace portal;
using namespace portal::authorizations;
using portal::authorizations::testing::catalogs;

namespace {

bool has(const core::FieldErrors& errors, const std::string& field, const std::string& code) {
  return std::any_of(errors.begin(), errors.end(),
                     [&](const core::FieldError& e) { return e.field == field && e.code == code; });
}

}  // namespace

TEST_CASE("a valid rule set is read with its lists sorted and codes canonical") {
  const auto parsed = parse_rule_set(R"({"name":"Prueba","rules":[
    {"id":"approve_lab","description":{"es":"Lab","en":"Lab"},"outcome":"approve","reason":"lab",
     "when":{"cups_codes":["902045","901107"],"diagnosis_codes":["j18.9"],"quantity":{"max":5},
             "age_years":{"min":18},"line_types":["procedure"]}}]})",
                                     catalogs());
  INFO((parsed.errors.empty() ? "" : parsed.errors[0].field + " " + parsed.errors[0].code));
  REQUIRE(parsed.rule_set);
  const auto& rule = parsed.rule_set->rules.at(0);
  CHECK(rule.outcome == Outcome::approve);
  CHECK(*rule.when.cups_codes == std::vector<std::string>{"901107", "902045"});
  CHECK(*rule.when.diagnosis_codes == std::vector<std::string>{"J189"});
  CHECK(rule.when.quantity->max == 5);
  CHECK_FALSE(rule.when.quantity->min);
  CHECK(rule.when.age_years->min == 18);
}

TEST_CASE("every problem of a rule set is listed at once") {
  const auto parsed = parse_rule_set(R"({"name":"Mala","version":3,"rules":[
    {"id":"r1","description":{"es":"a","en":"a"},"outcome":"deny","reason":"x","when":{"colour":"red"}},
    {"id":"r1","description":{"es":"b"},"outcome":"pend","reason":"no_rule",
     "when":{"age_years":{"min":70,"max":18},"quantity":{"min":0}}},
    {"id":"Bad Id","description":{"es":"c","en":"c"},"outcome":"approve","reason":"ok",
     "when":{"cups_codes":["999999"],"diagnosis_codes":["ZZZ99"],"service_groups":[]}},
    {"id":"r4","description":{"es":"d","en":"d"},"outcome":"pend","reason":"never",
     "when":{"line_types":["medicine"],"surgical":true}},
    {"id":"r5","description":{"es":"e","en":"e"},"outcome":"approve","reason":"never",
     "when":{"cups_codes":["902045"],"surgical":true}},
    {"id":"r6","description":{"es":"f","en":"f"},"outcome":"pend","reason":"never",
     "when":{"medicine_codes":["20001234-01"],"pos":true}},
    {"id":"r7","description":{"es":"g","en":"g"},"outcome":"pend","reason":"wrong",
     "when":{"sex":"X","regimes":["special"],"repeated_within_days":0,"pos":"yes"}},
    {"id":"r8","description":{"es":"h","en":"h"},"outcome":"pend","reason":"never",
     "when":{"departments":["13"],"municipalities":["08001"]}}
  ]})",
                                     catalogs());
  CHECK_FALSE(parsed.rule_set);
  const auto& e = parsed.errors;
  struct Row {
    const char* field;
    const char* code;
  };
  for (auto [field, code] : {Row{"version", "unknown_field"},
                             Row{"rules[0].outcome", "invalid_value"},
                             Row{"rules[0].when.colour", "unknown_field"},
                             Row{"rules[1].id", "duplicate_id"},
                             Row{"rules[1].description.en", "required"},
                             Row{"rules[1].reason", "invalid_value"},
                             Row{"rules[1].when.age_years", "invalid_range"},
                             Row{"rules[1].when.quantity.min", "out_of_range"},
                             Row{"rules[2].id", "invalid_format"},
                             Row{"rules[2].when.cups_codes[0]", "unknown_code"},
                             Row{"rules[2].when.diagnosis_codes[0]", "unknown_code"},
                             Row{"rules[2].when.service_groups", "never_matches"},
                             Row{"rules[3].when", "never_matches"},
                             Row{"rules[4].when", "never_matches"},
                             Row{"rules[5].when", "never_matches"},
                             Row{"rules[6].when.sex", "invalid_value"},
                             Row{"rules[6].when.regimes[0]", "invalid_value"},
                             Row{"rules[6].when.repeated_within_days", "out_of_range"},
                             Row{"rules[6].when.pos", "invalid_type"},
                             Row{"rules[7].when", "never_matches"}}) {
    CAPTURE(field, code);
    CHECK(has(e, field, code));
  }
  CHECK(e.size() == 20);
  // Messages in both languages.
  for (const auto& error : e) {
    CHECK_FALSE(error.message.es.empty());
    CHECK_FALSE(error.message.en.empty());
  }
}

TEST_CASE("a rule set document that is not one") {
  struct Row {
    const char* body;
    const char* field;
    const char* code;
  };
  for (auto [body, field, code] :
       {Row{"{", "", "malformed_json"}, Row{"[]", "", "not_an_object"},
        Row{R"({"name":"x"})", "rules", "required"}, Row{R"({"name":"x","rules":[]})", "rules", "required"},
        Row{R"({"rules":[1]})", "rules[0]", "invalid_type"}}) {
    CAPTURE(body);
    const auto parsed = parse_rule_set(body, catalogs());
    CHECK_FALSE(parsed.rule_set);
    CHECK(has(parsed.errors, field, code));
  }
}
