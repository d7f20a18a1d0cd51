// AUTH-5: passwords are stored only as argon2id PHC strings at OWASP's minimum cost (m = 19 MiB, t = 2,
// p = 1; ~20 ms per hash measured here, ARCHITECTURE.md).
#include <stdexcept>
#include <string>

#include "portal/security/password.hpp"
#include "sodium_init.hpp"

namespace portal::security {

std::string hash_password(std::string_view password) {
  detail::ensure_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kArgonOpsLimit, kArgonMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("argon2id hashing failed (out of memory)");
  }
  return out;
}

bool verify_password(std::string_view phc_hash, std::string_view password) {
  detail::ensure_sodium();
  if (phc_hash.empty() || phc_hash.size() >= crypto_pwhash_STRBYTES) return false;
  const std::string hash{phc_hash};  // NUL-terminated for libsodium
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool password_needs_rehash(std::string_view phc_hash) {
  detail::ensure_sodium();
  if (phc_hash.empty() || phc_hash.size() >= crypto_pwhash_STRBYTES) return true;
  const std::string hash{phc_hash};
  // Non-zero both for weaker parameters (1) and for a hash of another algorithm or format (-1).
  return crypto_pwhash_str_needs_rehash(hash.c_str(), kArgonOpsLimit, kArgonMemLimit) != 0;
}

}  // namespace portal::security
