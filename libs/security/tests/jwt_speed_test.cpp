// Measures, does not judge: verify cost with and without the cache, printed for the performance notes
// (ARCHITECTURE.md measured ~26 µs per RS256 verify with a cached EVP_PKEY).
#include <catch2/catch.hpp>
#include <chrono>
#include <iostream>

#include "jwt_fixtures.hpp"

using namespace portal::security;
using namespace portal::security::testing;

namespace {

double micros_per_verify(const TokenVerifier& verifier, const std::string& token, int iterations) {
  const auto start = std::chrono::steady_clock::now();
  int ok = 0;
  for (int i = 0; i < iterations; ++i) ok += verifier.verify(token).ok() ? 1 : 0;
  const auto elapsed = std::chrono::steady_clock::now() - start;
  REQUIRE(ok == iterations);
  return std::chrono::duration<double, std::micro>(elapsed).count() / iterations;
}

}  // namespace

TEST_CASE("verify speed (printed)") {
  portal::core::ManualClock clock(at_unix(kNow));
  VerifierOptions uncached_options;
  uncached_options.cache_capacity = 0;
  TokenVerifier uncached(uncached_options, clock);
  TokenVerifier cached({}, clock);
  REQUIRE(uncached.set_jwks(jwks_of(test_key())));
  REQUIRE(cached.set_jwks(jwks_of(test_key())));
  const std::string token = sign_token(test_key(), sample_claims());

  const double full = micros_per_verify(uncached, token, 2000);
  const double hit = micros_per_verify(cached, token, 20000);
  std::cout << "security_test: RS256 verify uncached " << full << " us, cached " << hit << " us\n";
}
