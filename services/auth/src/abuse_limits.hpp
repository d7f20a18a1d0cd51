#pragma once
// Issue 9: the limits that keep the anonymous steps of registration and password reset from being used
// as an oracle or a mail cannon, read from the environment (docs/security.md gives the reasoning).
#include <chrono>

#include "login_throttle.hpp"
#include "portal/core/config.hpp"

namespace portal::auth {

struct AbuseLimits {
  // AUTH-2 steps b and c: every contact lookup and registration counts against its client address; a
  // document that matches no contact also counts against the NIT, whoever asks.
  int lookups_per_address = 20;
  int lookup_misses_per_nit = 30;
  // AUTH-2 resend, AUTH-6 reset (and the activation mail of a registration): links e-mailed to one
  // account, and requests from one address (matched or not).
  int mails_per_account = 5;
  int mail_requests_per_address = 30;
  // The reset and resend answers are not sent before this much time has passed since the request
  // arrived, so the matched and unmatched paths take the same time.
  std::chrono::milliseconds mail_request_floor{150};
  std::chrono::milliseconds window = std::chrono::hours{1};
};

// PORTAL_REGISTRATION_LOOKUPS_PER_ADDRESS, PORTAL_REGISTRATION_MISSES_PER_NIT, PORTAL_MAIL_LINKS_PER_ACCOUNT,
// PORTAL_MAIL_REQUESTS_PER_ADDRESS, PORTAL_MAIL_REQUEST_FLOOR_MS.
AbuseLimits abuse_limits_from_config(const core::Config& config);
// PORTAL_LOGIN_FAILURES_PER_ACCOUNT_ADDRESS, PORTAL_LOGIN_FAILURES_PER_ADDRESS, PORTAL_LOGIN_DELAY_AFTER,
// PORTAL_LOGIN_DELAY_BASE_SECONDS, PORTAL_LOGIN_DELAY_MAX_SECONDS.
ThrottleLimits throttle_limits_from_config(const core::Config& config);

}  // namespace portal::auth
