#pragma once
// AUT-2: the rule set that ships (docs/rules.md). Its source is rules/default_rule_set.json, compiled into
// the binary so a fresh database gets it as version 1.
#include <string_view>

namespace portal::authorizations {

std::string_view default_rule_set_json();

}  // namespace portal::authorizations
