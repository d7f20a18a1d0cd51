#include "rule_replay.hpp"

#include <algorithm>
#include <set>

namespace portal::authorizations {

std::string_view to_string(OutcomeChange change) {
  return change == OutcomeChange::approve_to_pend ? "approve_to_pend" : "pend_to_approve";
}

void Samples::add(long long id, std::size_t limit) {
  if (ids.size() >= limit || std::find(ids.begin(), ids.end(), id) != ids.end()) return;
  ids.push_back(id);
}

void ReplayTally::add(long long request_id, const Evaluation& baseline, const Evaluation& candidate,
                      const std::vector<bool>& stored) {
  ++report_.requests;
  const std::size_t n = std::min(baseline.lines.size(), candidate.lines.size());
  report_.lines += static_cast<long long>(n);
  std::set<OutcomeChange> changes;
  for (std::size_t i = 0; i < n; ++i) {
    const bool before = baseline.lines[i].approved;
    const bool after = candidate.lines[i].approved;
    if (i < stored.size() && stored[i] != before) ++report_.baseline_drift_lines;
    if (before == after) continue;
    const auto change = before ? OutcomeChange::approve_to_pend : OutcomeChange::pend_to_approve;
    auto& count =
        change == OutcomeChange::approve_to_pend ? report_.approve_to_pend : report_.pend_to_approve;
    ++count.lines;
    count.samples.add(request_id, samples_);
    changes.insert(change);
    for (const auto& hit : candidate.lines[i].decided_by) {
      auto& cause = causes_[{change, hit.rule_id}];
      cause.change = change;
      cause.rule_id = hit.rule_id;
      ++cause.lines;
      cause.samples.add(request_id, samples_);
    }
  }
  if (changes.contains(OutcomeChange::approve_to_pend)) ++report_.approve_to_pend.requests;
  if (changes.contains(OutcomeChange::pend_to_approve)) ++report_.pend_to_approve.requests;
  if (!changes.empty()) ++report_.changed_requests;
}

ReplayReport ReplayTally::report() const {
  ReplayReport out = report_;
  out.causes.clear();
  for (const auto& [key, cause] : causes_) out.causes.push_back(cause);
  std::stable_sort(out.causes.begin(), out.causes.end(), [](const ChangeCause& a, const ChangeCause& b) {
    if (a.change != b.change) return a.change < b.change;
    if (a.lines != b.lines) return a.lines > b.lines;
    return a.rule_id < b.rule_id;
  });
  return out;
}

}  // namespace portal::authorizations
