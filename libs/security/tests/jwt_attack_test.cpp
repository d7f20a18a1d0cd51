// GW-2 / issue 2 §7: every known way to forge or stretch a token is rejected, each for its own reason.
#include <openssl/bio.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

#include <catch2/catch.hpp>

#include "jwt_fixtures.hpp"

using namespace portal::security;
using namespace portal::security::testing;

namespace {

std::string public_pem(const SigningKey& key) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PUBKEY(bio, key.key());
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(len));
  BIO_free(bio);
  return pem;
}

std::string payload_part() { return base64url_encode(to_json(standard_payload())); }

// The classic key-confusion forgery: HS256 keyed with the verifier's own RSA public key.
std::string hs256_with_public_key() {
  const std::string input = base64url_encode(R"({"alg":"HS256","typ":"JWT","kid":"kid-main"})") + "." + payload_part();
  const std::string secret = public_pem(test_key());
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()), reinterpret_cast<const unsigned char*>(input.data()),
       input.size(), mac, &len);
  return input + "." + base64url_encode(std::string(reinterpret_cast<const char*>(mac), len));
}

std::string unsigned_token(const std::string& header) { return base64url_encode(header) + "." + payload_part() + "."; }

std::string valid_token() { return sign_token(test_key(), sample_claims()); }

// Swap the payload for one granting more, keeping the original signature.
std::string tampered_payload() {
  const std::string token = valid_token();
  const auto dot1 = token.find('.');
  const auto dot2 = token.rfind('.');
  rapidjson::Document d = standard_payload();
  d["roles"][0] = "provider_admin";
  return token.substr(0, dot1) + "." + base64url_encode(to_json(d)) + token.substr(dot2);
}

std::string with_edit(const std::function<void(rapidjson::Document&)>& edit) { return signed_with(test_key(), edit); }

}  // namespace

TEST_CASE("JWT attack vectors are rejected with the right reason") {
  portal::core::ManualClock clock(at_unix(kNow));
  TokenVerifier verifier({}, clock);
  REQUIRE(verifier.set_jwks(jwks_of(test_key())));
  REQUIRE(verifier.verify(valid_token()).ok());

  struct Row {
    const char* name;
    std::string token;
    VerifyError expected;
  };
  const std::string good = valid_token();
  const Row rows[] = {
      {"alg none, empty signature", unsigned_token(R"({"alg":"none"})"), VerifyError::unsupported_alg},
      {"alg none with typ and kid", unsigned_token(R"({"alg":"none","typ":"JWT","kid":"kid-main"})"),
       VerifyError::unsupported_alg},
      {"alg None (case games)", unsigned_token(R"({"alg":"None","kid":"kid-main"})"), VerifyError::unsupported_alg},
      {"HS256 keyed with the RSA public key PEM", hs256_with_public_key(), VerifyError::unsupported_alg},
      {"RS512 header", sign_compact(test_key(), R"({"alg":"RS512","kid":"kid-main"})", to_json(standard_payload())),
       VerifyError::unsupported_alg},
      {"alg missing", sign_compact(test_key(), R"({"kid":"kid-main"})", to_json(standard_payload())),
       VerifyError::unsupported_alg},
      {"alg not a string", sign_compact(test_key(), R"({"alg":["RS256"],"kid":"kid-main"})", to_json(standard_payload())),
       VerifyError::unsupported_alg},
      {"RS256 by another key under the same kid", sign_token(impostor_key(), sample_claims()),
       VerifyError::bad_signature},
      {"unknown kid", signed_with(test_key(), [](auto&) {}, rs256_header("nobody")), VerifyError::unknown_kid},
      {"kid missing", sign_compact(test_key(), R"({"alg":"RS256","typ":"JWT"})", to_json(standard_payload())),
       VerifyError::unknown_kid},
      {"missing exp", with_edit([](auto& d) { d.RemoveMember("exp"); }), VerifyError::malformed},
      {"exp not a number", with_edit([](auto& d) { d["exp"] = "never"; }), VerifyError::malformed},
      {"expired by 61 s", with_edit([](auto& d) { d["exp"] = kNow - 61; }), VerifyError::expired},
      {"nbf 61 s ahead", with_edit([](auto& d) { d["nbf"] = kNow + 61; }), VerifyError::not_yet_valid},
      {"missing iat", with_edit([](auto& d) { d.RemoveMember("iat"); }), VerifyError::malformed},
      {"wrong iss", with_edit([](auto& d) { d["iss"] = "evil-issuer"; }), VerifyError::wrong_issuer},
      {"missing iss", with_edit([](auto& d) { d.RemoveMember("iss"); }), VerifyError::wrong_issuer},
      {"wrong aud", with_edit([](auto& d) { d["aud"] = "other-app"; }), VerifyError::wrong_audience},
      {"missing aud", with_edit([](auto& d) { d.RemoveMember("aud"); }), VerifyError::wrong_audience},
      {"empty sub", with_edit([](auto& d) { d["sub"] = ""; }), VerifyError::malformed},
      {"unknown user_type", with_edit([](auto& d) { d["user_type"] = "root"; }), VerifyError::malformed},
      {"roles not a list", with_edit([](auto& d) { d["roles"] = "provider_admin"; }), VerifyError::malformed},
      {"tampered payload, original signature", tampered_payload(), VerifyError::bad_signature},
      {"duplicate exp claim",
       sign_compact(test_key(), rs256_header(), to_json(standard_payload()).insert(1, "\"exp\":9999999999,")),
       VerifyError::malformed},
      {"crit header", sign_compact(test_key(), R"({"alg":"RS256","kid":"kid-main","crit":["exp"]})",
                                   to_json(standard_payload())),
       VerifyError::malformed},
      {"typ not JWT", sign_compact(test_key(), R"({"alg":"RS256","typ":"JWE","kid":"kid-main"})",
                                   to_json(standard_payload())),
       VerifyError::malformed},
      {"truncated by 1 character", good.substr(0, good.size() - 1), VerifyError::malformed},
      {"truncated by 10 characters", good.substr(0, good.size() - 10), VerifyError::bad_signature},
      {"truncated after the payload", good.substr(0, good.rfind('.')), VerifyError::malformed},
      {"signature removed", good.substr(0, good.rfind('.') + 1), VerifyError::bad_signature},
      {"two-part token", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0", VerifyError::malformed},
      {"four-part token", good + ".AAAA", VerifyError::malformed},
      {"garbage base64", "###.$$$.%%%", VerifyError::malformed},
      {"padded signature", good + "==", VerifyError::malformed},
      {"header not JSON", base64url_encode("alg=RS256") + "." + payload_part() + ".AAAA", VerifyError::malformed},
      {"payload not JSON", sign_compact(test_key(), rs256_header(), "{\"exp\":"), VerifyError::malformed},
      {"payload with invalid UTF-8",
       sign_compact(test_key(), rs256_header(),
                    "{\"iss\":\"eps-portal-auth\",\"aud\":\"eps-portal\",\"sub\":\"user:\xff\",\"exp\":1780000900,"
                    "\"iat\":1780000000,\"user_type\":\"provider\"}"),
       VerifyError::malformed},
      {"empty string", "", VerifyError::malformed},
      {"dots only", "..", VerifyError::malformed},
      {"oversized token", std::string(20000, 'A') + "." + payload_part() + ".AAAA", VerifyError::malformed},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    auto result = verifier.verify(row.token);
    CHECK_FALSE(result.ok());
    REQUIRE(result.error);
    CHECK(to_string(*result.error) == to_string(row.expected));
  }
}
