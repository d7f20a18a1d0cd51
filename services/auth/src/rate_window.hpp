#pragma once
// Rolling-window counting shared by every limit of the auth service (AUTH-3 login failures, issue 9's
// contact lookups and e-mailed links). Pure: given the instants of past events and now, how long until
// one more is allowed.
#include <chrono>
#include <vector>

#include "portal/core/clock.hpp"

namespace portal::auth {

// Seconds (rounded up, at least 1) until fewer than `limit` of `events` lie in (now - window, now];
// 0 when that is already so. Events outside the window, or in the future, are ignored; order does not
// matter. A limit of 0 or less never allows.
long long seconds_until_below(std::vector<core::Instant> events, core::Instant now, int limit,
                              std::chrono::milliseconds window);

}  // namespace portal::auth
