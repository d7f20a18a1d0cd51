// AUTH-3, issue 9 (OWASP ASVS 2.2.1): the throttle schedule. Only the (account, address) that keeps
// failing, or an address failing on many accounts, is locked; the account itself only slows down.
#include "login_throttle.hpp"

#include <catch2/catch.hpp>

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

TEST_CASE("issue 9 delay schedule: doubling from the 5th failure of the account, capped at 30 s") {
  struct Row {
    int failures;
    long long seconds;
  };
  const ThrottleLimits defaults;
  for (auto [n, seconds] : {Row{0, 0}, Row{1, 0}, Row{4, 0}, Row{5, 1}, Row{6, 2}, Row{7, 4}, Row{8, 8},
                            Row{9, 16}, Row{10, 30}, Row{11, 30}, Row{200, 30}, Row{1000000, 30}}) {
    CAPTURE(n);
    CHECK(account_delay(n, defaults).count() == seconds);
  }
  ThrottleLimits custom;
  custom.delay_after = 3;
  custom.delay_base = 2s;
  custom.delay_max = 60s;
  for (auto [n, seconds] : {Row{2, 0}, Row{3, 2}, Row{4, 4}, Row{7, 32}, Row{8, 60}, Row{50, 60}}) {
    CAPTURE(n);
    CHECK(account_delay(n, custom).count() == seconds);
  }
  ThrottleLimits no_delay;
  no_delay.delay_base = 0s;
  CHECK(account_delay(500, no_delay).count() == 0);
}

TEST_CASE("issue 9 login throttle per account, per (account, address) and per address") {
  struct Row {
    const char* name;
    LoginHistory history;
    bool allowed;
    long long retry_after;
    ThrottleScope scope;
    bool start_delay;
  };
  const auto elsewhere = failures(200, kNow - 50min, 10s);  // an attack on the account from other addresses
  const std::vector<Row> rows = {
      {"no failures", {}, true, 0, ThrottleScope::none, false},
      {"4 failures of the account",
       {failures(4, kNow - 5min, 1s), {}, {}, {}},
       true,
       0,
       ThrottleScope::none,
       false},
      {"5 failures elsewhere: a new address waits 1 s, and that wait is recorded",
       {failures(5, kNow - 5min, 1s), {}, {}, {}},
       false,
       1,
       ThrottleScope::account,
       true},
      {"200 failures elsewhere: a new address waits the cap, not an hour",
       {elsewhere, {}, {}, {}},
       false,
       30,
       ThrottleScope::account,
       true},
      {"200 failures elsewhere, told to wait 10 s ago: 20 s left, the wait is not restarted",
       {elsewhere, {}, {}, kNow - 10s},
       false,
       20,
       ThrottleScope::account,
       false},
      {"200 failures elsewhere, told to wait 30 s ago: verified",
       {elsewhere, {}, {}, kNow - 30s},
       true,
       0,
       ThrottleScope::none,
       false},
      {"200 failures elsewhere, last attempt here long ago: verified",
       {elsewhere, {}, {}, kNow - 40min},
       true,
       0,
       ThrottleScope::none,
       false},
      {"a last attempt in the future counts as none",
       {elsewhere, {}, {}, kNow + 5s},
       false,
       30,
       ThrottleScope::account,
       true},
      {"account failures older than the window are forgotten",
       {failures(200, kNow - 3h, 1s), {}, {}, {}},
       true,
       0,
       ThrottleScope::none,
       false},
      {"19 failures from this address, the last 12 min ago: one more try",
       {failures(19, kNow - 30min, 1min), failures(19, kNow - 30min, 1min), failures(19, kNow - 30min, 1min),
        kNow - 30min + 18min},
       true,
       0,
       ThrottleScope::none,
       false},
      {"20 failures from this address: that pair is locked until the oldest leaves the hour",
       {failures(20, kNow - 50min, 1min), failures(20, kNow - 50min, 1min), failures(20, kNow - 50min, 1min),
        kNow - 31min},
       false,
       10 * 60,
       ThrottleScope::account_address,
       false},
      {"299 failures from this address on many accounts",
       {{}, {}, failures(299, kNow - 10min, 1s), {}},
       true,
       0,
       ThrottleScope::none,
       false},
      {"300 failures from this address on many accounts",
       {{}, {}, failures(300, kNow - 10min, 1s), {}},
       false,
       50 * 60,
       ThrottleScope::address,
       false},
      {"the address limit is checked first",
       {failures(20, kNow - 50min, 1min),
        failures(20, kNow - 50min, 1min),
        failures(300, kNow - 20min, 1s),
        {}},
       false,
       40 * 60,
       ThrottleScope::address,
       false},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    const auto d = check_login_throttle(row.history, kNow);
    CHECK(d.allowed == row.allowed);
    CHECK(d.retry_after_seconds == row.retry_after);
    CHECK(d.scope == row.scope);
    CHECK(d.start_delay == row.start_delay);
  }
}

TEST_CASE("issue 9 retry-after rounds up to whole seconds, at least one") {
  const LoginHistory almost{failures(200, kNow - 50min, 10s), {}, {}, kNow - 29s - 500ms};
  const auto d = check_login_throttle(almost, kNow);
  CHECK_FALSE(d.allowed);
  CHECK(d.retry_after_seconds == 1);
  const LoginHistory locked{{}, failures(20, kNow - 1h + 500ms, 0s), {}, {}};
  CHECK(check_login_throttle(locked, kNow).retry_after_seconds == 1);
}

TEST_CASE("issue 9 scope names are the metric's labels") {
  CHECK(to_string(ThrottleScope::account) == "account");
  CHECK(to_string(ThrottleScope::account_address) == "account_address");
  CHECK(to_string(ThrottleScope::address) == "address");
  CHECK(to_string(ThrottleScope::none) == "none");
}
