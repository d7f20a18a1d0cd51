#include "login_throttle.hpp"

#include <algorithm>

namespace portal::auth {
namespace {

// Seconds until enough failures leave the window for one more attempt; 0 when allowed now.
long long wait_for(std::vector<core::Instant> failures, core::Instant now, int limit,
                   std::chrono::milliseconds window) {
  std::erase_if(failures, [&](core::Instant t) { return t <= now - window || t > now; });
  if (static_cast<int>(failures.size()) < limit) return 0;
  std::sort(failures.begin(), failures.end());
  // Attempts are allowed again once the count drops to limit - 1.
  const core::Instant frees_at = failures[failures.size() - static_cast<std::size_t>(limit)] + window;
  const auto ms = (frees_at - now).count();
  return std::max<long long>(1, (ms + 999) / 1000);
}

}  // namespace

ThrottleDecision check_login_throttle(const std::vector<core::Instant>& account_failures,
                                      const std::vector<core::Instant>& address_failures, core::Instant now,
                                      const ThrottleLimits& limits) {
  const long long wait = std::max(wait_for(account_failures, now, limits.per_account, limits.window),
                                  wait_for(address_failures, now, limits.per_address, limits.window));
  return wait > 0 ? ThrottleDecision{false, wait} : ThrottleDecision{true, 0};
}

}  // namespace portal::auth
