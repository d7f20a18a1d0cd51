#include "jwks.hpp"

#include "jwt_json.hpp"
#include "rsa_key.hpp"

namespace portal::security::detail {

std::optional<PublicKeys> parse_jwks(std::string_view jwks_json) {
  auto doc = parse_json_object(jwks_json);
  if (!doc) return std::nullopt;
  auto keys = doc->FindMember("keys");
  if (keys == doc->MemberEnd() || !keys->value.IsArray()) return std::nullopt;
  PublicKeys out;
  for (const auto& jwk : keys->value.GetArray()) {
    if (!jwk.IsObject()) return std::nullopt;
    if (string_member(jwk, "kty") != "RSA") continue;
    if (jwk.HasMember("use") && string_member(jwk, "use") != "sig") continue;
    if (jwk.HasMember("alg") && string_member(jwk, "alg") != "RS256") continue;
    auto kid = string_member(jwk, "kid");
    auto n64 = string_member(jwk, "n");
    auto e64 = string_member(jwk, "e");
    if (!kid || kid->empty() || !n64 || !e64) return std::nullopt;
    auto n = base64url_decode(*n64);
    auto e = base64url_decode(*e64);
    if (!n || !e) return std::nullopt;
    if (out.find(*kid) != out.end()) return std::nullopt;
    EvpKey key = rsa_public_key(*n, *e);
    if (!key) continue;
    out.emplace(std::string{*kid}, std::shared_ptr<EVP_PKEY>{std::move(key)});
  }
  return out;
}

}  // namespace portal::security::detail
