#include <catch2/catch.hpp>

#include <atomic>

#include "portal/http/jwks_cache.hpp"
#include "server_fixture.hpp"

using namespace portal::http;
using namespace portal::http::test;
using namespace std::chrono_literals;

TEST_CASE("JwksCache retries until auth answers, then the verifier accepts its tokens") {
  ServerFixture issuer;  // provides the key and a token signer
  portal::core::SystemClock clock;
  portal::security::TokenVerifier verifier({}, clock);
  std::ostringstream out;
  portal::core::Logger log("t", portal::core::LogLevel::info, &out);
  std::atomic<int> calls{0};
  const std::string jwks = R"({"keys":[)" + ServerFixture::shared_key().public_jwk() + "]}";
  JwksCache cache(
      [&]() -> std::optional<std::string> {
        if (++calls < 3) return std::nullopt;  // auth not up yet
        return jwks;
      },
      verifier, log, {.retry_every = 20ms, .refresh_every = 300s});
  CHECK_FALSE(cache.loaded());
  cache.start();
  for (int i = 0; i < 100 && !cache.loaded(); ++i) std::this_thread::sleep_for(10ms);
  REQUIRE(cache.loaded());
  CHECK(calls == 3);
  CHECK(verifier.verify(issuer.token()).ok());
  cache.stop();
}

TEST_CASE("jwks_fetch_from reads a 200 body and refuses anything else") {
  portal::core::Logger logger("t", portal::core::LogLevel::error);
  portal::metrics::Registry registry("t");
  Server s({}, logger, registry, nullptr);
  s.route(Method::get, "/jwks", [](Request&) { return Response::json(200, R"({"keys":[]})"); }, Access::public_route);
  s.start();
  Client c({.port = s.port()});
  CHECK(jwks_fetch_from(c, logger, "/jwks")() == std::optional<std::string>{R"({"keys":[]})"});
  CHECK_FALSE(jwks_fetch_from(c, logger, "/missing")().has_value());
  s.stop();
}
