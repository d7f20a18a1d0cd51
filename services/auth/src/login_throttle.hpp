#pragma once
// AUTH-3, issue 9 (OWASP ASVS 2.2.1): failed logins are counted per account, per (account, client address)
// and per address, so that an attacker cannot turn the throttle against the account's owner:
//   - the (account, address) that keeps failing is refused outright (the only hard lock);
//   - an address failing on many accounts is refused (credential stuffing from one place);
//   - an account failing from everywhere only slows down: each address may try it once per delay,
//     a delay that grows with the account's failures and is capped, so the owner at a new address gets
//     in after at most `delay_max`, whatever the attacker does elsewhere.
// Pure: given the failure instants of the last window, the newest attempt from this address and now,
// decide whether another attempt may be verified.
#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

#include "portal/core/clock.hpp"

namespace portal::auth {

struct ThrottleLimits {
  int per_account_address = 20;        // failures of one account from one address: then that pair is locked
  int per_address = 300;               // one address may try several accounts (a clinic behind one NAT)
  int delay_after = 5;                 // account failures (every address) before delays start
  std::chrono::seconds delay_base{1};  // the first delay; it doubles with every further failure
  std::chrono::seconds delay_max{30};  // the owner never waits longer than this
  std::chrono::milliseconds window = std::chrono::hours{1};
};

enum class ThrottleScope { none, account, account_address, address };
// The metric label: "account", "account_address", "address" ("none" when allowed).
std::string_view to_string(ThrottleScope scope);

struct LoginHistory {
  std::vector<core::Instant> account_failures;          // the account, from every address
  std::vector<core::Instant> account_address_failures;  // the account, from this address
  std::vector<core::Instant> address_failures;          // this address, on every account
  // The newest failure of the account from this address, or the newest delay this address was told to
  // wait for it (decision.start_delay), whichever is later.
  std::optional<core::Instant> last_attempt_here;
};

struct ThrottleDecision {
  bool allowed = true;
  long long retry_after_seconds = 0;  // > 0 when not allowed
  ThrottleScope scope = ThrottleScope::none;
  // The caller records now as this address's delay start for the account, so that the next attempt
  // after retry_after_seconds is verified (impatient retries meanwhile do not push it back).
  bool start_delay = false;
};

// The delay between attempts at an account with that many failures in the window: 0 below delay_after,
// then delay_base doubled per further failure, at most delay_max.
std::chrono::seconds account_delay(int account_failures, const ThrottleLimits& limits);

// Failures outside (now - window, now] are ignored; order does not matter. The address and
// (account, address) limits are checked first: they are the hard ones.
ThrottleDecision check_login_throttle(const LoginHistory& history, core::Instant now,
                                      const ThrottleLimits& limits = {});

}  // namespace portal::auth
