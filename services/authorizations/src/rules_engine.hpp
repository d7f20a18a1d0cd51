#pragma once
// AUT-2: the automatic-approval rules engine. Pure: a rule set (data, rule_set.hpp reads and validates it)
// and the facts of one request in, a decision per line out. No I/O, no clock (the facts carry the time
// elapsed since the same code was last requested), no catalog lookups (the facts carry the CUPS flags).
//
// Semantics (docs/rules.md):
//   - a line is approved only when some `approve` rule matches it and no `pend` rule does (pend wins);
//   - a line no rule matches is pended with reason `no_rule`;
//   - the request is approved only if every line is approved. No rule ever denies.
// Order: lines in the order of the request (procedures, then medicines, then devices); for each line every
// rule in the order of the rule set; the matched rules are reported in that order. The outcome does not
// depend on the order of the rules, only the order in which they are listed does.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "authorization.hpp"
#include "portal/core/errors.hpp"

namespace portal::authorizations {

enum class Outcome { approve, pend };
std::string_view to_string(Outcome outcome);

inline constexpr std::string_view kNoRule = "no_rule";

// An inclusive range; a missing bound is open.
struct Range {
  std::optional<long long> min;
  std::optional<long long> max;
  bool contains(long long v) const { return (!min || v >= *min) && (!max || v <= *max); }
};

// The conditions of a rule; every one present must hold (a conjunction). Lists hold sorted, unique
// values (rule_set.cpp sorts them), so membership is a binary search.
struct Conditions {
  std::optional<std::vector<LineType>> line_types;
  // the procedure (CUPS lines only: a condition on these never matches a medicine or device)
  std::optional<std::vector<std::string>> cups_codes;
  std::optional<std::vector<std::string>> cups_prefixes;
  std::optional<std::vector<std::string>> service_groups;
  std::optional<bool> pos;
  std::optional<bool> surgical;
  std::optional<bool> hospital;
  std::optional<bool> copay;
  // medicines (IUM/CUM)
  std::optional<std::vector<std::string>> medicine_codes;
  // any line
  std::optional<Range> quantity;
  std::optional<bool> contracted;           // the provider is contracted for the line's code
  std::optional<int> repeated_within_days;  // same code, same affiliate, less than N days before
  // the request
  std::optional<std::vector<std::string>> service_types;
  std::optional<std::vector<std::string>> priorities;
  std::optional<std::vector<std::string>> patient_locations;
  std::optional<std::vector<std::string>> services;
  std::optional<std::vector<std::string>> diagnosis_codes;     // any diagnosis of the request
  std::optional<std::vector<std::string>> diagnosis_prefixes;  // any diagnosis of the request
  // the affiliate
  std::optional<std::string> sex;  // F | M
  std::optional<Range> age_years;  // on the Bogotá date of the request
  std::optional<std::vector<std::string>> regimes;
  std::optional<std::vector<std::string>> affiliation_statuses;
  std::optional<std::vector<std::string>> departments;
  std::optional<std::vector<std::string>> municipalities;
};

struct Rule {
  std::string id;
  core::Text description;
  Conditions when;
  Outcome outcome = Outcome::pend;
  std::string reason;  // a reason code, e.g. "surgical_procedure"
};

struct RuleSet {
  std::string name;
  std::vector<Rule> rules;
};

// What the engine knows about one line.
struct LineFacts {
  LineType type = LineType::procedure;
  std::string code;
  std::string classification;
  int quantity = 1;
  // from the CUPS catalog (procedures only)
  std::string group;
  bool pos = false;
  bool surgical = false;
  bool hospital = false;
  bool copay = false;
  bool contracted = false;
  // history: time since the same code was last requested for the same affiliate (none: never)
  std::optional<std::chrono::milliseconds> since_same_code;
};

struct RequestFacts {
  std::string service_type;
  std::string priority;  // "" when not given (post-emergency)
  std::string patient_location;
  std::string service;
  std::vector<std::string> diagnoses;  // normalised CIE-10, principal first
  // the affiliate
  std::optional<int> age_years;
  std::string sex;
  std::string regime;
  std::string affiliation_status;
  std::string department_code;
  std::string municipality_code;
  std::vector<LineFacts> lines;
};

struct RuleHit {
  std::string rule_id;
  Outcome outcome = Outcome::pend;
  std::string reason;
};

struct LineEvaluation {
  std::size_t index = 0;  // position in RequestFacts::lines
  LineType type = LineType::procedure;
  std::string code;
  bool approved = false;
  std::vector<RuleHit> matched;     // every matching rule, in rule-set order
  std::vector<RuleHit> decided_by;  // the pend rules that held it, or the approve rules, or {no_rule}
};

struct Evaluation {
  bool approved = false;
  std::vector<LineEvaluation> lines;
  // "Motivo del Estado" (manual 000 §4.2.2) of a pending request: the rules that held it and the codes
  // they held, "pend_surgical: 474100; no_rule: 993120". Empty when approved.
  std::string status_reason;
};

bool matches(const Conditions& when, const RequestFacts& request, const LineFacts& line);
Evaluation evaluate(const RuleSet& rules, const RequestFacts& request);

}  // namespace portal::authorizations
