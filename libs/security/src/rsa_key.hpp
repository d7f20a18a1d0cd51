#pragma once
// RSA primitives over OpenSSL 3 EVP shared by the signer, the key store and the verifier.
#include <openssl/evp.h>

#include <optional>
#include <string>
#include <string_view>

#include "portal/security/jwt.hpp"

namespace portal::security::detail {

// Keys below this size are refused both for signing and from a JWKS (NIST SP 800-57: 2048-bit minimum).
inline constexpr int kMinRsaBits = 2048;

// The last OpenSSL error as text (for exceptions at start-up; never sent to clients).
std::string openssl_error();

// Big-endian bytes of an RSA parameter (OSSL_PKEY_PARAM_RSA_N / _E).
std::optional<std::string> rsa_param_bytes(EVP_PKEY* key, const char* param);

// Public key from JWK n/e (raw big-endian bytes); null when they don't form a usable RSA key.
EvpKey rsa_public_key(std::string_view n, std::string_view e);

// RSASSA-PKCS1-v1_5 with SHA-256 (JWS "RS256", RFC 7518 §3.3).
std::optional<std::string> rs256_sign(EVP_PKEY* key, std::string_view input);
bool rs256_verify(EVP_PKEY* key, std::string_view input, std::string_view signature);

// 16 random hex characters, a new key id.
std::string random_kid();

}  // namespace portal::security::detail
