// Secrets handed to users (activation, reset, refresh tokens) come from the OS CSPRNG and are stored
// only as SHA-256 hashes, so a leaked database holds nothing that can be replayed (AUTH-2, AUTH-6).
#include <openssl/evp.h>

#include <stdexcept>
#include <string>

#include "portal/security/jwt.hpp"
#include "portal/security/password.hpp"
#include "sodium_init.hpp"

namespace portal::security {

std::string random_token(std::size_t bytes) {
  detail::ensure_sodium();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return base64url_encode(raw);
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 failed");
  constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

}  // namespace portal::security
