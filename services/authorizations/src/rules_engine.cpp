// AUT-2: evaluation of a rule set over the facts of one request (docs/rules.md).
#include "rules_engine.hpp"

#include <algorithm>

namespace portal::authorizations {
namespace {

bool in(const std::vector<std::string>& sorted, const std::string& value) {
  return std::binary_search(sorted.begin(), sorted.end(), value);
}

bool starts_with_any(const std::vector<std::string>& prefixes, const std::string& value) {
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](const std::string& p) { return value.starts_with(p); });
}

// A list condition holds when the value is listed; an absent condition always holds.
bool holds(const std::optional<std::vector<std::string>>& list, const std::string& value) {
  return !list || in(*list, value);
}

bool holds(const std::optional<bool>& flag, bool value) { return !flag || *flag == value; }

bool line_conditions(const Conditions& c, const LineFacts& line) {
  if (c.line_types &&
      std::find(c.line_types->begin(), c.line_types->end(), line.type) == c.line_types->end()) {
    return false;
  }
  const bool procedure_condition =
      c.cups_codes || c.cups_prefixes || c.service_groups || c.pos || c.surgical || c.hospital || c.copay;
  if (procedure_condition) {
    if (line.type != LineType::procedure) return false;
    if (!holds(c.cups_codes, line.code)) return false;
    if (c.cups_prefixes && !starts_with_any(*c.cups_prefixes, line.code)) return false;
    if (!holds(c.service_groups, line.group)) return false;
    if (!holds(c.pos, line.pos) || !holds(c.surgical, line.surgical) || !holds(c.hospital, line.hospital) ||
        !holds(c.copay, line.copay)) {
      return false;
    }
  }
  if (c.medicine_codes && (line.type != LineType::medicine || !in(*c.medicine_codes, line.code)))
    return false;
  if (c.quantity && !c.quantity->contains(line.quantity)) return false;
  if (!holds(c.contracted, line.contracted)) return false;
  if (c.repeated_within_days &&
      !(line.since_same_code && *line.since_same_code < std::chrono::days{*c.repeated_within_days})) {
    return false;
  }
  return true;
}

bool request_conditions(const Conditions& c, const RequestFacts& r) {
  if (!holds(c.service_types, r.service_type) || !holds(c.priorities, r.priority) ||
      !holds(c.patient_locations, r.patient_location) || !holds(c.services, r.service)) {
    return false;
  }
  if (c.diagnosis_codes && std::none_of(r.diagnoses.begin(), r.diagnoses.end(),
                                        [&](const std::string& d) { return in(*c.diagnosis_codes, d); })) {
    return false;
  }
  if (c.diagnosis_prefixes && std::none_of(r.diagnoses.begin(), r.diagnoses.end(), [&](const std::string& d) {
        return starts_with_any(*c.diagnosis_prefixes, d);
      })) {
    return false;
  }
  if (c.sex && *c.sex != r.sex) return false;
  // An affiliate whose age is unknown matches no age condition: such a rule cannot vouch for them.
  if (c.age_years && !(r.age_years && c.age_years->contains(*r.age_years))) return false;
  return holds(c.regimes, r.regime) && holds(c.affiliation_statuses, r.affiliation_status) &&
         holds(c.departments, r.department_code) && holds(c.municipalities, r.municipality_code);
}

}  // namespace

std::string_view to_string(Outcome outcome) { return outcome == Outcome::approve ? "approve" : "pend"; }

bool matches(const Conditions& when, const RequestFacts& request, const LineFacts& line) {
  return line_conditions(when, line) && request_conditions(when, request);
}

Evaluation evaluate(const RuleSet& rules, const RequestFacts& request) {
  Evaluation out;
  out.approved = !request.lines.empty();
  out.lines.reserve(request.lines.size());
  for (std::size_t i = 0; i < request.lines.size(); ++i) {
    const LineFacts& line = request.lines[i];
    LineEvaluation e{i, line.type, line.code, false, {}, {}};
    bool any_pend = false;
    bool any_approve = false;
    for (const Rule& rule : rules.rules) {
      if (!matches(rule.when, request, line)) continue;
      e.matched.push_back({rule.id, rule.outcome, rule.reason});
      (rule.outcome == Outcome::pend ? any_pend : any_approve) = true;
    }
    e.approved = any_approve && !any_pend;
    if (e.matched.empty()) {
      e.decided_by.push_back({std::string(kNoRule), Outcome::pend, std::string(kNoRule)});
    } else {
      const Outcome decisive = any_pend ? Outcome::pend : Outcome::approve;
      for (const auto& hit : e.matched) {
        if (hit.outcome == decisive) e.decided_by.push_back(hit);
      }
    }
    if (!e.approved) {
      out.approved = false;
      for (const auto& hit : e.decided_by) {
        if (!out.status_reason.empty()) out.status_reason += "; ";
        out.status_reason += hit.rule_id + ": " + line.code;
      }
    }
    out.lines.push_back(std::move(e));
  }
  return out;
}

}  // namespace portal::authorizations
