#pragma once
// AUTH-3: repeated failed logins are throttled per account and per client address. Pure: given the
// failure instants of the last window and now, decide whether another attempt may be verified.
#include <chrono>
#include <vector>

#include "portal/core/clock.hpp"

namespace portal::auth {

struct ThrottleLimits {
  int per_account = 100;  // issue 2: no more than 100 failed attempts per account per hour
  int per_address = 300;  // one address may try several accounts (a clinic behind one NAT)
  std::chrono::milliseconds window = std::chrono::hours{1};
};

struct ThrottleDecision {
  bool allowed = true;
  long long retry_after_seconds = 0;  // > 0 when not allowed
};

// Failures outside (now - window, now] are ignored; order does not matter.
ThrottleDecision check_login_throttle(const std::vector<core::Instant>& account_failures,
                                      const std::vector<core::Instant>& address_failures, core::Instant now,
                                      const ThrottleLimits& limits = {});

}  // namespace portal::auth
