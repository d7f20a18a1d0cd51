#include "login_throttle.hpp"

#include <algorithm>

#include "rate_window.hpp"

namespace portal::auth {

std::string_view to_string(ThrottleScope scope) {
  switch (scope) {
    case ThrottleScope::account:
      return "account";
    case ThrottleScope::account_address:
      return "account_address";
    case ThrottleScope::address:
      return "address";
    case ThrottleScope::none:
      break;
  }
  return "none";
}

std::chrono::seconds account_delay(int account_failures, const ThrottleLimits& limits) {
  if (account_failures < limits.delay_after || limits.delay_base <= std::chrono::seconds{0})
    return std::chrono::seconds{0};
  auto delay = limits.delay_base;
  for (int i = limits.delay_after; i < account_failures && delay < limits.delay_max; ++i) delay *= 2;
  return std::min(delay, limits.delay_max);
}

ThrottleDecision check_login_throttle(const LoginHistory& history, core::Instant now,
                                      const ThrottleLimits& limits) {
  if (const auto wait = seconds_until_below(history.address_failures, now, limits.per_address, limits.window))
    return ThrottleDecision{false, wait, ThrottleScope::address, false};
  if (const auto wait = seconds_until_below(history.account_address_failures, now, limits.per_account_address,
                                            limits.window))
    return ThrottleDecision{false, wait, ThrottleScope::account_address, false};

  const auto in_window = std::count_if(history.account_failures.begin(), history.account_failures.end(),
                                       [&](core::Instant t) { return t > now - limits.window && t <= now; });
  const auto delay = account_delay(static_cast<int>(in_window), limits);
  if (delay == std::chrono::seconds{0}) return ThrottleDecision{};
  const auto last = history.last_attempt_here;
  if (!last || *last > now) return ThrottleDecision{false, delay.count(), ThrottleScope::account, true};
  const auto elapsed = now - *last;
  if (elapsed >= delay) return ThrottleDecision{};
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(delay - elapsed).count();
  return ThrottleDecision{false, std::max<long long>(1, (ms + 999) / 1000), ThrottleScope::account, false};
}

}  // namespace portal::auth
