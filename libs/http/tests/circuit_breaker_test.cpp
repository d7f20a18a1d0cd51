#include <catch2/catch.hpp>

#include "circuit_breaker.hpp"

using portal::http::CircuitBreaker;
using namespace std::chrono_literals;

TEST_CASE("GW-4 breaker opens after N consecutive failures, half-opens for one trial") {
  const auto t0 = std::chrono::steady_clock::time_point{} + 1h;
  CircuitBreaker b(3, 2000ms);
  CHECK(b.allow(t0));
  b.record_failure(t0);
  b.record_failure(t0);
  b.record_success();  // success resets the count
  b.record_failure(t0);
  b.record_failure(t0);
  CHECK_FALSE(b.is_open(t0));
  b.record_failure(t0);
  CHECK(b.is_open(t0));
  CHECK_FALSE(b.allow(t0 + 1999ms));
  CHECK(b.allow(t0 + 2000ms));        // the trial
  CHECK_FALSE(b.allow(t0 + 2001ms));  // only one at a time
  b.record_failure(t0 + 2100ms);      // trial failed: open again from now
  CHECK_FALSE(b.allow(t0 + 4000ms));
  CHECK(b.allow(t0 + 4100ms));
  b.record_success();
  CHECK(b.allow(t0 + 4101ms));
  CHECK(b.allow(t0 + 4101ms));
  CHECK_FALSE(b.is_open(t0 + 4101ms));
}
