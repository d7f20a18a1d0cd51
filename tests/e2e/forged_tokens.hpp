#pragma once
// Hand-built JWTs for the attack vectors of issue 2 §7 (alg none, HS256 keyed with the RSA public key,
// unknown kid, missing or bad claims, tampered payload, truncation). Built here with OpenSSL rather than
// with the project's signer, so a bug shared by signer and verifier cannot hide an attack.
#include <openssl/evp.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <rapidjson/document.h>

namespace portal::e2e {

struct JwtParts {
  std::string header_json;
  std::string payload_json;
  std::string signature_b64;  // as found in the token
};

std::optional<JwtParts> decode_jwt(std::string_view token);

// Applies `edit` to a JSON object and returns the result serialized.
std::string edit_json(const std::string& json, const std::function<void(rapidjson::Document&)>& edit);
void set_string(rapidjson::Document& doc, const char* name, const std::string& value);
void set_int(rapidjson::Document& doc, const char* name, long long value);
void remove_member(rapidjson::Document& doc, const char* name);

// "<b64 header>.<b64 payload>" plus the signature part.
std::string jws_unsigned(const std::string& header_json, const std::string& payload_json);
std::string sign_rs256(EVP_PKEY* key, const std::string& header_json, const std::string& payload_json);
std::string sign_hs256(std::string_view secret, const std::string& header_json, const std::string& payload_json);

// SubjectPublicKeyInfo PEM ("-----BEGIN PUBLIC KEY-----") of a key: what an attacker can get from the JWKS.
std::string public_key_pem(EVP_PKEY* key);

std::string rs256_header(const std::string& kid);

}  // namespace portal::e2e
