#pragma once
// SQL for the rule-set replay (issue 13, item 7): every stored request of a creation range, with what its
// facts need, read in one pass on a read connection (SQLite WAL: a reader never blocks the writer).
#include <functional>
#include <vector>

#include "authorization.hpp"
#include "authorization_store.hpp"
#include "portal/db/connection.hpp"
#include "request_facts.hpp"

namespace portal::authorizations {

// A stored request as the rules engine saw it: the request and affiliate snapshot, its lines, the facts
// the store held (its provider's contract for those codes as it is now, since contracts keep no history;
// the time each code was last requested for the affiliate before this request), and the stored outcome.
struct ReplayRequest {
  long long id = 0;
  long long rule_set_version = 0;
  core::Instant created_at{};
  RequestDraft draft;        // service_type, priority, patient_location, service, diagnoses, lines
  AffiliateFacts affiliate;  // birth_date, sex, regime, affiliation_status, municipality_code
  FactSources sources;
  std::vector<bool> stored_approved;  // per line, in line order
};

namespace replay_store {

// The rule-set versions that judged the requests of the range.
std::vector<long long> rule_set_versions(db::Connection& db, const TimeRange& range);

// Calls each(request) for every request created in [range.from, range.to), in id order; a request is handed
// over once all its lines are read. Returns how many.
long long for_each_request(db::Connection& db, const TimeRange& range,
                           const std::function<void(const ReplayRequest&)>& each);

}  // namespace replay_store
}  // namespace portal::authorizations
