// Issue 9: the rolling-hour count behind every limit of the auth service.
#include "rate_window.hpp"

#include <catch2/catch.hpp>

using namespace portal;
using namespace portal::auth;
using namespace std::chrono_literals;

namespace {
const auto kNow = *core::parse_rfc3339("2026-03-01T12:00:00Z");

std::vector<core::Instant> events(int n, core::Instant first, std::chrono::milliseconds step) {
  std::vector<core::Instant> out;
  for (int i = 0; i < n; ++i) out.push_back(first + i * step);
  return out;
}
}  // namespace

TEST_CASE("issue 9 rolling-window budget") {
  struct Row {
    const char* name;
    std::vector<core::Instant> events;
    int limit;
    long long wait;
  };
  const std::vector<Row> rows = {
      {"nothing spent", {}, 5, 0},
      {"4 of 5 spent", events(4, kNow - 10min, 1s), 5, 0},
      {"5 of 5 spent: waits for the oldest to leave the hour", events(5, kNow - 10min, 1s), 5, 50 * 60},
      {"spent more than an hour ago: forgotten", events(5, kNow - 2h, 1s), 5, 0},
      {"exactly one hour old is outside", events(5, kNow - 1h, 0s), 5, 0},
      {"future instants are ignored", events(5, kNow + 1s, 0s), 5, 0},
      {"7 spent of 5: waits until 3 have left", events(7, kNow - 30min, 1min), 5, 32 * 60},
      {"a limit of zero never allows", {}, 0, 3600},
      {"a negative limit never allows", events(2, kNow - 1min, 1s), -1, 3600},
      {"rounds up to whole seconds", events(1, kNow - 1h + 500ms, 0s), 1, 1},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    CHECK(seconds_until_below(row.events, kNow, row.limit, 1h) == row.wait);
  }
}
