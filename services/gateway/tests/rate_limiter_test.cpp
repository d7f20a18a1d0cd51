#include <catch2/catch.hpp>
#include <chrono>

#include "rate_limiter.hpp"

using namespace std::chrono_literals;
using portal::core::Instant;
using portal::gateway::BucketPolicy;
using portal::gateway::RateLimiter;
using portal::gateway::RateLimits;
using portal::gateway::retry_after_for;
using portal::gateway::TokenBuckets;

namespace {
const Instant kT0 = Instant{std::chrono::milliseconds{1'800'000'000'000}};
}

TEST_CASE("GW-4 token bucket: burst, then denial with Retry-After, then refill over time") {
  TokenBuckets buckets(BucketPolicy{3, 0.5});  // 3 at once, one every 2 s
  for (int i = 0; i < 3; ++i) CHECK(buckets.take("10.0.0.1", kT0).allowed);
  auto denied = buckets.take("10.0.0.1", kT0);
  CHECK_FALSE(denied.allowed);
  CHECK(denied.retry_after == 2s);
  // Another key has its own bucket.
  CHECK(buckets.take("10.0.0.2", kT0).allowed);

  struct Row {
    std::chrono::milliseconds at;
    bool allowed;
    long long retry_after;
  };
  for (auto [at, allowed, retry_after] : {Row{1000ms, false, 1},   // half a token back: 1 s to go
                                          Row{2000ms, true, 0},    // one token back
                                          Row{2500ms, false, 2},   // spent; 0.25 back → 1.5 s → 2
                                          Row{10000ms, true, 0},   // refilled
                                          Row{10000ms, true, 0},
                                          Row{10000ms, true, 0},   // 3 tokens is the cap (7.5 s gave 3.75)
                                          Row{10000ms, false, 2}}) {
    CAPTURE(at.count());
    auto d = buckets.take("10.0.0.1", kT0 + at);
    CHECK(d.allowed == allowed);
    CHECK(d.retry_after.count() == retry_after);
  }
}

TEST_CASE("GW-4 Retry-After is whole seconds, rounded up, at least 1") {
  struct Row {
    double missing, rate;
    long long seconds;
  };
  for (auto [missing, rate, seconds] : {Row{1, 2, 1}, Row{1, 0.5, 2}, Row{0.1, 1000, 1}, Row{1, 0.3, 4},
                                        Row{0.5, 0.5, 1}, Row{1, 0, 3600}}) {
    CAPTURE(missing, rate);
    CHECK(retry_after_for(missing, rate).count() == seconds);
  }
}

TEST_CASE("GW-4 login is stricter than the general per-address limit; accounts are separate") {
  RateLimiter limiter(RateLimits{BucketPolicy{2, 1}, BucketPolicy{5, 1}, BucketPolicy{3, 1}});
  CHECK(limiter.check_address("1.1.1.1", true, kT0).allowed);
  CHECK(limiter.check_address("1.1.1.1", true, kT0).allowed);
  auto login = limiter.check_address("1.1.1.1", true, kT0);
  CHECK_FALSE(login.allowed);
  CHECK(login.retry_after == 1s);
  // Other routes from the same address still pass until the general bucket (5, of which the two
  // logins took 2) is spent.
  for (int i = 0; i < 3; ++i) CHECK(limiter.check_address("1.1.1.1", false, kT0).allowed);
  CHECK_FALSE(limiter.check_address("1.1.1.1", false, kT0).allowed);

  for (int i = 0; i < 3; ++i) CHECK(limiter.check_account("user:1", kT0).allowed);
  CHECK_FALSE(limiter.check_account("user:1", kT0).allowed);
  CHECK(limiter.check_account("user:2", kT0).allowed);
}

TEST_CASE("GW-4 default limits let 101 failed logins through from one address within a few seconds") {
  RateLimiter limiter(RateLimits{});
  int allowed = 0;
  for (int i = 0; i < 110; ++i)
    if (limiter.check_address("127.0.0.1", true, kT0 + std::chrono::milliseconds{i * 20}).allowed) ++allowed;
  CHECK(allowed == 110);
  int later = 0;
  for (int i = 0; i < 200; ++i)
    if (limiter.check_address("127.0.0.1", true, kT0 + 3s).allowed) ++later;
  CHECK(later < 60);  // the stricter bucket does run out
}

TEST_CASE("GW-4 rate limits from configuration") {
  auto c = portal::core::Config::from_text("PORTAL_RATE_LOGIN_BURST=10\nPORTAL_RATE_ACCOUNT_PER_SECOND=7\n");
  auto limits = portal::gateway::rate_limits_from_config(c);
  CHECK(limits.login_per_address.burst == 10);
  CHECK(limits.login_per_address.refill_per_second == 2);
  CHECK(limits.per_account.refill_per_second == 7);
  CHECK(limits.per_address.burst == 2000);
  CHECK_THROWS(portal::gateway::rate_limits_from_config(portal::core::Config::from_text("PORTAL_RATE_ADDRESS_BURST=0")));
}

TEST_CASE("GW-4 bucket memory stays bounded under many distinct addresses") {
  TokenBuckets buckets(BucketPolicy{2, 1}, 160);
  for (int i = 0; i < 5000; ++i) buckets.take("10.0." + std::to_string(i), kT0);
  CHECK(buckets.key_count() <= 160);
  // A recent debtor is still limited after the sweeps.
  buckets.take("victim", kT0 + 1s);
  buckets.take("victim", kT0 + 1s);
  CHECK_FALSE(buckets.take("victim", kT0 + 1s).allowed);
}
