// AUTH-4: access tokens are compact JWS, RS256 with the key id in the header so verifiers can pick
// the right public key from the JWKS across rotations.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <stdexcept>

#include "rsa_key.hpp"

namespace portal::security {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void write_string(Writer& w, std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

void write_member(Writer& w, const char* name, std::string_view value) {
  w.Key(name);
  write_string(w, value);
}

void write_array(Writer& w, const char* name, const std::vector<std::string>& values) {
  w.Key(name);
  w.StartArray();
  for (const auto& v : values) write_string(w, v);
  w.EndArray();
}

std::string header_json(const SigningKey& key) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartObject();
  write_member(w, "alg", "RS256");
  write_member(w, "typ", "JWT");
  write_member(w, "kid", key.kid());
  w.EndObject();
  return buf.GetString();
}

std::string payload_json(const TokenClaims& claims) {
  const Principal& p = claims.principal;
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartObject();
  write_member(w, "iss", claims.issuer);
  write_member(w, "aud", claims.audience);
  write_member(w, "sub", p.subject);
  w.Key("exp");
  w.Int64(p.expires_at);
  w.Key("iat");
  w.Int64(claims.issued_at);
  // A token is usable from the moment it is issued unless the caller says otherwise.
  w.Key("nbf");
  w.Int64(claims.not_before != 0 ? claims.not_before : claims.issued_at);
  write_member(w, "jti", p.jti);
  write_member(w, "user_type", p.user_type);
  write_array(w, "roles", p.roles);
  write_array(w, "permissions", p.permissions);
  if (p.provider_nit) write_member(w, "provider_nit", *p.provider_nit);
  if (p.branch) write_member(w, "branch", *p.branch);
  w.EndObject();
  return buf.GetString();
}

}  // namespace

std::string sign_compact(const SigningKey& key, std::string_view header, std::string_view payload) {
  std::string token = base64url_encode(header);
  token += '.';
  token += base64url_encode(payload);
  auto signature = detail::rs256_sign(key.key(), token);
  if (!signature) throw std::runtime_error("RS256 signing failed: " + detail::openssl_error());
  token += '.';
  token += base64url_encode(*signature);
  return token;
}

std::string sign_token(const SigningKey& key, const TokenClaims& claims) {
  return sign_compact(key, header_json(key), payload_json(claims));
}

}  // namespace portal::security
