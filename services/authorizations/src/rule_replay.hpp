#pragma once
// Rule-set replay (issue 13, item 7): what a candidate rule set would have decided for stored requests.
// Pure: the caller rebuilds each request's facts (replay_store) and evaluates them twice, with the rule set
// that judged the request (its baseline) and with the candidate; the tally compares the two line by line.
// Comparing against the baseline evaluated on the same facts, not against the stored outcome, isolates
// the effect of the rules: a contract or catalog that changed since the request was judged moves both
// evaluations alike. Such lines are counted apart (`baseline_drift_lines`) so nobody mistakes them for
// the candidate's doing. docs/rules.md explains the report.
#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "rules_engine.hpp"

namespace portal::authorizations {

enum class OutcomeChange { approve_to_pend, pend_to_approve };
std::string_view to_string(OutcomeChange change);

// Request ids, each at most once, up to a limit.
struct Samples {
  std::vector<long long> ids;
  void add(long long id, std::size_t limit);
};

struct ChangeCount {
  long long lines = 0;
  long long requests = 0;
  Samples samples;
};

// One rule of the candidate that decides a changed line: the pend rule that now holds it (or `no_rule`)
// for approve → pend, the approve rule that now approves it for pend → approve.
struct ChangeCause {
  OutcomeChange change = OutcomeChange::approve_to_pend;
  std::string rule_id;
  long long lines = 0;
  Samples samples;
};

struct ReplayReport {
  long long requests = 0;  // judged by both sets
  long long lines = 0;
  long long skipped_requests = 0;      // baseline rule set unreadable (its document no longer validates)
  long long changed_requests = 0;      // with at least one changed line
  long long baseline_drift_lines = 0;  // the baseline no longer gives the stored outcome (facts moved)
  ChangeCount approve_to_pend;
  ChangeCount pend_to_approve;
  std::vector<ChangeCause> causes;  // by change, then by number of lines (most first), then rule id
};

class ReplayTally {
 public:
  explicit ReplayTally(std::size_t samples) : samples_(samples) {}

  // baseline and candidate: the same facts evaluated by both sets (same lines, same order). stored: the
  // outcome of each line as stored when the request was judged (empty when unknown).
  void add(long long request_id, const Evaluation& baseline, const Evaluation& candidate,
           const std::vector<bool>& stored = {});
  void skip() { ++report_.skipped_requests; }
  ReplayReport report() const;

 private:
  std::size_t samples_;
  ReplayReport report_;
  std::map<std::pair<OutcomeChange, std::string>, ChangeCause> causes_;
};

}  // namespace portal::authorizations
