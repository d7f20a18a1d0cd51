#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <random>
#include <thread>

#include "jwt_fixtures.hpp"

using namespace portal::security;
using namespace portal::security::testing;
using namespace std::chrono_literals;

TEST_CASE("the verified-token cache never outlives exp nor 60 s") {
  portal::core::ManualClock clock(at_unix(kNow));
  TokenVerifier verifier({}, clock);
  REQUIRE(verifier.set_jwks(jwks_of(test_key())));

  SECTION("a token expiring in 40 s is rejected once past exp + leeway") {
    auto claims = sample_claims();
    claims.principal.expires_at = kNow + 40;
    const std::string token = sign_token(test_key(), claims);
    REQUIRE(verifier.verify(token).ok());
    clock.advance(40s + 29s);
    CHECK(verifier.verify(token).ok());  // past exp: re-verified, still inside the 30 s leeway
    clock.advance(2s);
    auto late = verifier.verify(token);
    REQUIRE(late.error);
    CHECK(*late.error == VerifyError::expired);
  }

  SECTION("cached results are used, but for 60 s at most") {
    const std::string token = sign_token(test_key(), sample_claims());
    REQUIRE(verifier.verify(token).ok());
    // Same kid, different key: only the cache can still vouch for the token.
    REQUIRE(verifier.set_jwks(jwks_of(impostor_key())));
    CHECK(verifier.verify(token).ok());
    clock.advance(59s);
    CHECK(verifier.verify(token).ok());
    clock.advance(1s);
    auto result = verifier.verify(token);
    REQUIRE(result.error);
    CHECK(*result.error == VerifyError::bad_signature);
  }

  SECTION("withdrawing a key from the JWKS empties the cache") {
    const std::string token = sign_token(test_key(), sample_claims());
    REQUIRE(verifier.verify(token).ok());
    REQUIRE(verifier.set_jwks(R"({"keys":[]})"));
    auto result = verifier.verify(token);
    REQUIRE(result.error);
    CHECK(*result.error == VerifyError::unknown_kid);
  }

  SECTION("a tiny cache stays bounded and keeps working") {
    VerifierOptions options;
    options.cache_capacity = 2;
    TokenVerifier small(options, clock);
    REQUIRE(small.set_jwks(jwks_of(test_key())));
    for (int i = 0; i < 5; ++i) {
      auto claims = sample_claims();
      claims.principal.jti = "jti-" + std::to_string(i);
      CHECK(small.verify(sign_token(test_key(), claims)).ok());
    }
  }
}

TEST_CASE("an unknown kid refetches the JWKS at most once per min_refetch (GW-2)") {
  portal::core::ManualClock clock(at_unix(kNow));
  TokenVerifier verifier({}, clock);
  REQUIRE(verifier.set_jwks(jwks_of(test_key())));
  int fetches = 0;
  std::string served = jwks_of(test_key());
  verifier.set_fetcher([&]() -> std::optional<std::string> {
    ++fetches;
    return served;
  }, 5s);

  const SigningKey rotated = SigningKey::generate("kid-next");
  const std::string token = sign_token(rotated, sample_claims());
  for (int i = 0; i < 5; ++i) {
    auto result = verifier.verify(token);
    REQUIRE(result.error);
    CHECK(*result.error == VerifyError::unknown_kid);
  }
  CHECK(fetches == 1);

  // The auth service rotated: once the interval has passed the new key is fetched and used.
  served = "{\"keys\":[" + test_key().public_jwk() + "," + rotated.public_jwk() + "]}";
  clock.advance(4s);
  CHECK_FALSE(verifier.verify(token).ok());
  CHECK(fetches == 1);
  clock.advance(1s);
  CHECK(verifier.verify(token).ok());
  CHECK(fetches == 2);
  CHECK(verifier.known_keys() == 2);
  CHECK(verifier.verify(sign_token(test_key(), sample_claims())).ok());
  CHECK(fetches == 2);

  SECTION("a failing fetch keeps the keys we had") {
    clock.advance(10s);
    verifier.set_fetcher([&]() -> std::optional<std::string> {
      ++fetches;
      return std::nullopt;
    });
    auto result = verifier.verify(signed_with(test_key(), [](auto&) {}, rs256_header("ghost")));
    CHECK(fetches == 3);
    REQUIRE(result.error);
    CHECK(*result.error == VerifyError::unknown_kid);
    CHECK(verifier.known_keys() == 2);
  }
}

TEST_CASE("a token signed by the previous key still verifies after rotate(2) (AUTH-4)") {
  std::random_device rd;
  const auto dir = std::filesystem::temp_directory_path() / ("portal-rotation-" + std::to_string(rd()));
  {
    auto store = KeyStore::load_or_create(dir.string());
    portal::core::ManualClock clock(at_unix(kNow));
    TokenVerifier verifier({}, clock);
    REQUIRE(verifier.set_jwks(store.jwks_json()));
    const std::string before = sign_token(store.current(), sample_claims());
    REQUIRE(verifier.verify(before).ok());

    store.rotate(2);
    REQUIRE(verifier.set_jwks(store.jwks_json()));
    const std::string after = sign_token(store.current(), sample_claims());
    CHECK(verifier.verify(before).ok());
    CHECK(verifier.verify(after).ok());

    store.rotate(2);  // the first key leaves the JWKS now
    REQUIRE(verifier.set_jwks(store.jwks_json()));
    auto gone = verifier.verify(before);
    REQUIRE(gone.error);
    CHECK(*gone.error == VerifyError::unknown_kid);
    CHECK(verifier.verify(after).ok());
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("many threads verify concurrently") {
  portal::core::ManualClock clock(at_unix(kNow));
  VerifierOptions options;
  options.cache_capacity = 16;  // small, so threads also race on clearing it
  TokenVerifier verifier(options, clock);
  REQUIRE(verifier.set_jwks(jwks_of(test_key())));
  std::vector<std::string> tokens;
  for (int i = 0; i < 40; ++i) {
    auto claims = sample_claims();
    claims.principal.jti = "t" + std::to_string(i);
    tokens.push_back(sign_token(test_key(), claims));
  }
  const std::string forged = sign_token(impostor_key(), sample_claims());
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 150; ++i) {
        if (!verifier.verify(tokens[static_cast<std::size_t>((i * 7 + t) % 40)]).ok()) ++failures;
        if (verifier.verify(forged).ok()) ++failures;
        if (i % 50 == 0) verifier.set_jwks(jwks_of(test_key()));
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(failures == 0);
}
