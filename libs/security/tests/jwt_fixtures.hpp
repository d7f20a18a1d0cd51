#pragma once
// Shared by the JWT tests: one RSA key per process (generation costs ~100 ms), a fixed "now", and
// builders for hand-made headers and payloads so each test states only what it changes.
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "portal/core/clock.hpp"
#include "portal/security/jwt.hpp"

namespace portal::security::testing {

inline constexpr std::int64_t kNow = 1'780'000'000;  // 2026-05-28
inline constexpr const char* kIssuer = "eps-portal-auth";
inline constexpr const char* kAudience = "eps-portal";

inline core::Instant at_unix(long long seconds) { return core::Instant{std::chrono::seconds{seconds}}; }

inline const SigningKey& test_key() {
  static const SigningKey key = SigningKey::generate("kid-main");
  return key;
}

// Another key pair under the same kid: a forger who knows the kid but not the private key.
inline const SigningKey& impostor_key() {
  static const SigningKey key = SigningKey::generate("kid-main");
  return key;
}

inline std::string jwks_of(const SigningKey& key) { return "{\"keys\":[" + key.public_jwk() + "]}"; }

inline TokenClaims sample_claims(long long now = kNow) {
  TokenClaims c;
  c.issuer = kIssuer;
  c.audience = kAudience;
  c.issued_at = now;
  c.not_before = now;
  c.principal.subject = "user:42";
  c.principal.user_type = "provider";
  c.principal.roles = {"provider_user"};
  c.principal.permissions = {"urgencies", "authorizations"};
  c.principal.provider_nit = "900000001";
  c.principal.branch = "080010000101";
  c.principal.jti = "jti-1";
  c.principal.expires_at = now + 900;
  return c;
}

inline std::string to_json(const rapidjson::Value& v) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  v.Accept(w);
  return buf.GetString();
}

// The payload sign_token would write for sample_claims(now), as a document a test can edit.
inline rapidjson::Document standard_payload(std::int64_t now = kNow) {
  rapidjson::Document d;
  d.SetObject();
  auto& a = d.GetAllocator();
  d.AddMember("iss", rapidjson::Value(kIssuer, a), a);
  d.AddMember("aud", rapidjson::Value(kAudience, a), a);
  d.AddMember("sub", "user:42", a);
  d.AddMember("exp", now + 900, a);
  d.AddMember("iat", now, a);
  d.AddMember("nbf", now, a);
  d.AddMember("jti", "jti-1", a);
  d.AddMember("user_type", "provider", a);
  rapidjson::Value roles(rapidjson::kArrayType);
  roles.PushBack("provider_user", a);
  d.AddMember("roles", roles, a);
  rapidjson::Value perms(rapidjson::kArrayType);
  perms.PushBack("urgencies", a);
  d.AddMember("permissions", perms, a);
  d.AddMember("provider_nit", "900000001", a);
  return d;
}

inline std::string rs256_header(const std::string& kid = "kid-main") {
  return R"({"alg":"RS256","typ":"JWT","kid":")" + kid + "\"}";
}

// A token whose payload is the standard one changed by `edit`, signed by `key`.
inline std::string signed_with(const SigningKey& key, const std::function<void(rapidjson::Document&)>& edit,
                               const std::string& header = rs256_header()) {
  rapidjson::Document d = standard_payload();
  edit(d);
  return sign_compact(key, header, to_json(d));
}

}  // namespace portal::security::testing
