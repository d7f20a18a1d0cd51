#include <catch2/catch.hpp>

#include "jwt_fixtures.hpp"

using namespace portal::security;
using namespace portal::security::testing;

TEST_CASE("a signed token verifies and carries every claim") {
  portal::core::ManualClock clock(at_unix(kNow));
  TokenVerifier verifier({}, clock);
  REQUIRE(verifier.set_jwks(jwks_of(test_key())));
  CHECK(verifier.known_keys() == 1);

  const TokenClaims claims = sample_claims();
  auto result = verifier.verify(sign_token(test_key(), claims));
  REQUIRE(result.ok());
  CHECK_FALSE(result.error);
  const Principal& p = *result.principal;
  CHECK(p.subject == "user:42");
  CHECK(p.user_type == "provider");
  CHECK(p.roles == std::vector<std::string>{"provider_user"});
  CHECK(p.permissions == std::vector<std::string>{"urgencies", "authorizations"});
  CHECK(p.provider_nit == "900000001");
  CHECK(p.branch == "080010000101");
  CHECK(p.jti == "jti-1");
  CHECK(p.expires_at == kNow + 900);
  CHECK(p.user_id() == 42);

  SECTION("the same token again (served from the cache) is identical") {
    auto again = verifier.verify(sign_token(test_key(), claims));
    REQUIRE(again.ok());
    CHECK(again.principal->permissions == p.permissions);
    CHECK(again.principal->branch == p.branch);
  }
}

TEST_CASE("client and employee tokens without provider claims") {
  portal::core::ManualClock clock(at_unix(kNow));
  TokenVerifier verifier({}, clock);
  REQUIRE(verifier.set_jwks(jwks_of(test_key())));
  auto claims = sample_claims();
  claims.principal.subject = "client:demo-his";
  claims.principal.user_type = "client";
  claims.principal.roles = {};
  claims.principal.permissions = {"urgencies"};
  claims.principal.branch.reset();
  auto result = verifier.verify(sign_token(test_key(), claims));
  REQUIRE(result.ok());
  CHECK(result.principal->is_client());
  CHECK(result.principal->roles.empty());
  CHECK_FALSE(result.principal->branch);
  CHECK(result.principal->provider_nit == "900000001");
  CHECK_FALSE(result.principal->user_id());
}

TEST_CASE("tokens accepted within the leeway and with the audience in an array") {
  portal::core::ManualClock clock(at_unix(kNow));
  TokenVerifier verifier({}, clock);
  REQUIRE(verifier.set_jwks(jwks_of(test_key())));
  struct Row {
    const char* name;
    std::function<void(rapidjson::Document&)> edit;
  };
  const Row rows[] = {
      {"expired by 29 s (leeway 30 s)", [](auto& d) { d["exp"] = kNow - 29; }},
      {"nbf 29 s ahead", [](auto& d) { d["nbf"] = kNow + 29; }},
      {"no nbf", [](auto& d) { d.RemoveMember("nbf"); }},
      {"no typ in header", [](auto&) {}},
      {"aud array containing ours",
       [](auto& d) {
         rapidjson::Value aud(rapidjson::kArrayType);
         aud.PushBack("other", d.GetAllocator());
         aud.PushBack(rapidjson::StringRef(kAudience), d.GetAllocator());
         d["aud"] = aud;
       }},
      {"fractional exp", [](auto& d) { d["exp"] = static_cast<double>(kNow) + 100.5; }},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    const std::string header =
        std::string(row.name) == "no typ in header" ? R"({"alg":"RS256","kid":"kid-main"})" : rs256_header();
    auto result = verifier.verify(signed_with(test_key(), row.edit, header));
    INFO("error: " << (result.error ? to_string(*result.error) : "none"));
    CHECK(result.ok());
  }
}

TEST_CASE("set_jwks keeps the old keys on an invalid document and skips foreign keys") {
  portal::core::ManualClock clock(at_unix(kNow));
  TokenVerifier verifier({}, clock);
  REQUIRE(verifier.set_jwks(jwks_of(test_key())));
  for (const char* bad : {"", "nope", "[]", "{}", R"({"keys":{}})", R"({"keys":[1]})",
                          R"({"keys":[{"kty":"RSA","kid":"x","n":"AQAB"}]})",
                          R"({"keys":[{"kty":"RSA","kid":"x","n":"A=","e":"AQAB"}]})"}) {
    CAPTURE(bad);
    CHECK_FALSE(verifier.set_jwks(bad));
    CHECK(verifier.known_keys() == 1);
  }
  CHECK(verifier.verify(sign_token(test_key(), sample_claims())).ok());

  const std::string jwk = test_key().public_jwk();
  const std::string mixed = R"({"keys":[{"kty":"EC","kid":"ec1","crv":"P-256","x":"AA","y":"AA"},)"
                            R"({"kty":"RSA","use":"enc","kid":"enc1","n":"AQAB","e":"AQAB"},)"
                            R"({"kty":"RSA","alg":"RS512","kid":"rs512","n":"AQAB","e":"AQAB"},)"
                            R"({"kty":"RSA","kid":"weak","n":"AQAB","e":"AQAB"},)" +
                            jwk + "]}";
  REQUIRE(verifier.set_jwks(mixed));
  CHECK(verifier.known_keys() == 1);
  CHECK(verifier.verify(sign_token(test_key(), sample_claims())).ok());
}

TEST_CASE("VerifyError names") {
  CHECK(to_string(VerifyError::malformed) == "malformed");
  CHECK(to_string(VerifyError::unsupported_alg) == "unsupported_alg");
  CHECK(to_string(VerifyError::unknown_kid) == "unknown_kid");
  CHECK(to_string(VerifyError::bad_signature) == "bad_signature");
  CHECK(to_string(VerifyError::expired) == "expired");
  CHECK(to_string(VerifyError::not_yet_valid) == "not_yet_valid");
  CHECK(to_string(VerifyError::wrong_issuer) == "wrong_issuer");
  CHECK(to_string(VerifyError::wrong_audience) == "wrong_audience");
}
