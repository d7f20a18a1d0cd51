// Issue 2 §7 e2e: each JWT attack vector gets 401 at the gateway (GW-2: algorithm pinned, known kid,
// exp/nbf with a leeway under 61 s, iss, aud, signature). Forged tokens carry a real user's claims and,
// where the attack is about claims, a signature by auth's real key — so the only thing wrong with each
// token is the attack itself. A control token built the same way must be accepted.
#include <catch2/catch.hpp>

#include "e2e_suite.hpp"
#include "forged_tokens.hpp"
#include "support/json_fields.hpp"

using namespace portal;
using namespace portal::e2e;

namespace {

// The real token's claims with fresh times: valid unless a case breaks it.
std::string fresh_payload(const std::string& real_token) {
  const long long now = now_unix();
  return edit_json(payload_of(real_token), [&](rapidjson::Document& d) {
    set_int(d, "iat", now);
    set_int(d, "nbf", now);
    set_int(d, "exp", now + 600);
    set_string(d, "jti", "e2e-forged-" + std::to_string(now));
  });
}

struct Attack {
  std::string name;
  std::string token;
};

}  // namespace

TEST_CASE("every JWT attack vector is answered 401 by the gateway", "[e2e][jwt]") {
  auto& s = Suite::get();
  const auto real = s.provider_tokens(kDemoNit, "admin").access;
  const std::string kid = kid_of(real);
  const auto key = s.auth_signing_key(kid);
  const std::string header = rs256_header(kid);
  const std::string base = fresh_payload(real);
  const long long now = now_unix();
  auto with = [&](const std::function<void(rapidjson::Document&)>& edit) { return edit_json(base, edit); };
  auto me = [&](const std::string& token) { return s.gateway().get("/api/v1/me", test::bearer(token)); };

  // Control: the same construction, nothing broken, is accepted — so each 401 below is the attack's.
  REQUIRE(me(real).status == 200);
  REQUIRE(me(sign_rs256(key.key(), header, base)).status == 200);

  const auto other_key = security::SigningKey::generate("e2e-unknown-kid");
  const std::string public_pem = public_key_pem(key.key());
  const std::string hs_header = R"({"alg":"HS256","typ":"JWT","kid":")" + kid + "\"}";
  auto real_parts = decode_jwt(real);
  REQUIRE(real_parts.has_value());
  const std::string tampered_payload = edit_json(real_parts->payload_json, [](rapidjson::Document& d) {
    set_string(d, "provider_nit", kOtherNit);
  });
  const std::string real_signing_input = real.substr(0, real.rfind('.'));

  const std::vector<Attack> attacks = {
      {"alg none, no signature", jws_unsigned(R"({"alg":"none","typ":"JWT"})", base) + "."},
      {"alg none with kid", jws_unsigned(R"({"alg":"none","typ":"JWT","kid":")" + kid + "\"}", base) + "."},
      {"HS256 keyed with the RSA public key PEM", sign_hs256(public_pem, hs_header, base)},
      {"HS256 keyed with the PEM without its final newline",
       sign_hs256(public_pem.substr(0, public_pem.size() - 1), hs_header, base)},
      {"unknown kid", sign_rs256(other_key.key(), rs256_header("e2e-unknown-kid"), base)},
      {"known kid, signed by another key", sign_rs256(other_key.key(), header, base)},
      {"missing exp", sign_rs256(key.key(), header, with([](auto& d) { remove_member(d, "exp"); }))},
      {"expired by 61 s", sign_rs256(key.key(), header, with([&](auto& d) {
                                       set_int(d, "iat", now - 961);
                                       set_int(d, "nbf", now - 961);
                                       set_int(d, "exp", now - 61);
                                     }))},
      {"nbf 61 s ahead", sign_rs256(key.key(), header, with([&](auto& d) { set_int(d, "nbf", now + 61); }))},
      {"wrong iss", sign_rs256(key.key(), header, with([](auto& d) { set_string(d, "iss", "evil-issuer"); }))},
      {"wrong aud", sign_rs256(key.key(), header, with([](auto& d) { set_string(d, "aud", "another-app"); }))},
      {"tampered payload (provider_nit changed, original signature)",
       jws_unsigned(real_parts->header_json, tampered_payload) + "." + real_parts->signature_b64},
      {"truncated signature", real.substr(0, real.size() - 8)},
      {"truncated to two parts", real_signing_input},
      {"signature of another token", real_signing_input + "." + decode_jwt(sign_rs256(key.key(), header, base))->signature_b64},
      {"not a JWT", "not-a-token"},
  };
  for (const auto& attack : attacks) {
    CAPTURE(attack.name);
    auto r = me(attack.token);
    CHECK(r.status == 401);
    CHECK(r.is_problem());
  }
}

TEST_CASE("a malformed Authorization header is 401, not 500", "[e2e][jwt]") {
  auto& s = Suite::get();
  for (const char* value : {"Bearer", "Bearer ", "Basic YWRtaW46RGVtby4yMDI2", "bearer x.y.z", "Bearer a.b.c.d"}) {
    CAPTURE(value);
    auto r = s.gateway().get("/api/v1/me", {{"Authorization", value}});
    CHECK(r.status == 401);
  }
}
