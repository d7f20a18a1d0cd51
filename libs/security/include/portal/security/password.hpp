#pragma once
// AUTH-5: password policy and argon2id hashing (libsodium, PHC string format).
#include <string>
#include <string_view>

#include "portal/core/errors.hpp"

namespace portal::security {

// OWASP minimum for argon2id: m = 19 MiB, t = 2, p = 1 (libsodium uses p = 1).
inline constexpr unsigned long long kArgonOpsLimit = 2;
inline constexpr std::size_t kArgonMemLimit = 19ull * 1024 * 1024;

// "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>"; throws std::runtime_error on out-of-memory.
std::string hash_password(std::string_view password);
// Constant-time check; false for a malformed hash.
bool verify_password(std::string_view phc_hash, std::string_view password);
// True when the hash was made with weaker parameters than today's (re-hash after a successful login).
bool password_needs_rehash(std::string_view phc_hash);

// AUTH-5: at least 8 characters (and at most 128) with an upper-case letter, a lower-case letter and a
// digit; not a common/dictionary password (libpwquality + cracklib); not containing the username.
// Returns every broken rule as an error on `field`.
core::FieldErrors check_password_policy(std::string_view password, std::string_view username,
                                        std::string_view field = "password");
// False when the cracklib dictionary cannot be loaded (cracklib-runtime missing): the common-password
// rule then lets passwords through, so services should log this at start-up.
bool common_password_check_available();

// Random URL-safe token with `bytes` of entropy (activation, reset, refresh tokens).
std::string random_token(std::size_t bytes = 32);
// Hex SHA-256, to store tokens by hash only.
std::string sha256_hex(std::string_view data);
// Hex HMAC-SHA-256 of data under key (the gateway signs the client address it forwards, issue 9).
std::string hmac_sha256_hex(std::string_view key, std::string_view data);
// The same as 32 raw bytes (Standard Webhooks signatures are its base64, issue 15).
std::string hmac_sha256(std::string_view key, std::string_view data);
// `bytes` raw bytes from the OS CSPRNG (webhook secrets, issue 15).
std::string random_bytes(std::size_t bytes);
// Equal strings compared in time that depends only on their lengths.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace portal::security
