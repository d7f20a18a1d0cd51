#include <catch2/catch.hpp>

#include "login_throttle.hpp"

using namespace portal;
using namespace portal::auth;
using namespace std::chrono_literals;

namespace {
const auto kNow = *core::parse_rfc3339("2026-03-01T12:00:00Z");

std::vector<core::Instant> failures(int n, core::Instant first, std::chrono::milliseconds step) {
  std::vector<core::Instant> out;
  for (int i = 0; i < n; ++i) out.push_back(first + i * step);
  return out;
}
}  // namespace

TEST_CASE("AUTH-3 login throttle per account and per address") {
  struct Row {
    const char* name;
    std::vector<core::Instant> account, address;
    bool allowed;
    long long retry_after;
  };
  const std::vector<Row> rows = {
      {"no failures", {}, {}, true, 0},
      {"99 account failures", failures(99, kNow - 30min, 1s), {}, true, 0},
      {"100 account failures: the 101st attempt waits for the oldest to leave the hour",
       failures(100, kNow - 30min, 1s), {}, false, 30 * 60},
      {"100 failures older than an hour are forgotten", failures(100, kNow - 2h, 1s), {}, true, 0},
      {"a failure exactly one hour old is outside the window", failures(100, kNow - 1h, 0s), {}, true, 0},
      {"299 address failures", {}, failures(299, kNow - 10min, 1s), true, 0},
      {"300 address failures", {}, failures(300, kNow - 10min, 1s), false, 50 * 60},
      {"110 account failures: waits until 11 have left", failures(110, kNow - 50min, 20s), {}, false, 10 * 60 + 200},
      {"the longer wait of both limits wins", failures(100, kNow - 50min, 1s), failures(300, kNow - 20min, 1s), false,
       40 * 60},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    const auto d = check_login_throttle(row.account, row.address, kNow);
    CHECK(d.allowed == row.allowed);
    CHECK(d.retry_after_seconds == row.retry_after);
  }
}

TEST_CASE("AUTH-3 retry-after is at least one second and rounds up") {
  auto f = failures(100, kNow - 1h + 500ms, 0s);
  const auto d = auth::check_login_throttle(f, {}, kNow);
  CHECK_FALSE(d.allowed);
  CHECK(d.retry_after_seconds == 1);
}
