#pragma once
// AUT-2: a rule set is a JSON document an EPS admin uploads (docs/rules.md). Reading it validates it and
// lists every problem at once (422): unknown fields, wrong types, bad ranges, unknown CUPS or CIE-10 codes
// and other catalog values, duplicate rule ids, and a rule that can never match. Pure: the catalogs are a
// parameter.
#include <optional>
#include <string>
#include <string_view>

#include "portal/catalog/catalogs.hpp"
#include "portal/core/errors.hpp"
#include "rules_engine.hpp"

namespace portal::authorizations {

inline constexpr std::size_t kMaxRules = 500;
inline constexpr std::size_t kMaxListItems = 2000;

struct RuleSetParse {
  std::optional<RuleSet> rule_set;  // set only when there is no error
  core::FieldErrors errors;         // fields as JSON paths: "rules[2].when.age_years.min"
};

// `body` is the whole document. Codes: malformed_json, required, invalid_type, unknown_field,
// invalid_value, invalid_format, too_long, out_of_range, invalid_range, unknown_code, duplicate_id,
// never_matches, too_many.
RuleSetParse parse_rule_set(std::string_view body, const catalog::Catalogs& catalogs);

}  // namespace portal::authorizations
