// Secrets handed to users (activation, reset, refresh tokens) come from the OS CSPRNG and are stored
// only as SHA-256 hashes, so a leaked database holds nothing that can be replayed (AUTH-2, AUTH-6).
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>
#include <string>

#include "portal/security/jwt.hpp"
#include "portal/security/password.hpp"
#include "sodium_init.hpp"

namespace portal::security {

std::string random_bytes(std::size_t bytes) {
  detail::ensure_sodium();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return raw;
}

std::string random_token(std::size_t bytes) { return base64url_encode(random_bytes(bytes)); }

namespace {

std::string to_hex(const unsigned char* bytes, unsigned int len) {
  constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 15];
  }
  return out;
}

}  // namespace

std::string hmac_sha256(std::string_view key, std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest, &len) == nullptr)
    throw std::runtime_error("HMAC-SHA-256 failed");
  return std::string(reinterpret_cast<const char*>(digest), len);
}

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
  const std::string digest = hmac_sha256(key, data);
  return to_hex(reinterpret_cast<const unsigned char*>(digest.data()),
                static_cast<unsigned int>(digest.size()));
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 failed");
  return to_hex(digest, len);
}

}  // namespace portal::security
