#include "rate_window.hpp"

#include <algorithm>

namespace portal::auth {

long long seconds_until_below(std::vector<core::Instant> events, core::Instant now, int limit,
                              std::chrono::milliseconds window) {
  std::erase_if(events, [&](core::Instant t) { return t <= now - window || t > now; });
  if (static_cast<int>(events.size()) < limit) return 0;
  if (limit <= 0) return std::max<long long>(1, std::chrono::ceil<std::chrono::seconds>(window).count());
  std::sort(events.begin(), events.end());
  // One more is allowed once the count drops to limit - 1.
  const core::Instant frees_at = events[events.size() - static_cast<std::size_t>(limit)] + window;
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(frees_at - now).count();
  return std::max<long long>(1, (ms + 999) / 1000);
}

}  // namespace portal::auth
