#include "portal/events/signature.hpp"

#include <array>
#include <charconv>

#include "portal/mail/mime.hpp"
#include "portal/security/password.hpp"

namespace portal::events {

std::string base64(std::string_view bytes) { return mail::base64_encode(bytes); }

std::optional<std::string> unbase64(std::string_view text) {
  static const std::array<int, 256> kValue = [] {
    std::array<int, 256> v{};
    v.fill(-1);
    const std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (std::size_t i = 0; i < alphabet.size(); ++i)
      v[static_cast<unsigned char>(alphabet[i])] = static_cast<int>(i);
    return v;
  }();
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    int v[4];
    int pad = 0;
    for (int j = 0; j < 4; ++j) {
      const char c = text[i + j];
      if (c == '=' && i + 4 == text.size() && j >= 2) {
        v[j] = 0;
        ++pad;
      } else if (pad > 0 || (v[j] = kValue[static_cast<unsigned char>(c)]) < 0) {
        return std::nullopt;
      }
    }
    const unsigned n =
        (unsigned(v[0]) << 18) | (unsigned(v[1]) << 12) | (unsigned(v[2]) << 6) | unsigned(v[3]);
    out += static_cast<char>(n >> 16);
    if (pad < 2) out += static_cast<char>((n >> 8) & 0xff);
    if (pad < 1) out += static_cast<char>(n & 0xff);
  }
  return out;
}

std::string new_webhook_secret() { return std::string(kSecretPrefix) + base64(security::random_bytes(32)); }

std::optional<std::string> webhook_signature(std::string_view secret, std::string_view id,
                                             std::int64_t timestamp, std::string_view body) {
  if (!secret.starts_with(kSecretPrefix)) return std::nullopt;
  const auto key = unbase64(secret.substr(kSecretPrefix.size()));
  if (!key || key->empty()) return std::nullopt;
  std::string signed_content;
  signed_content.reserve(id.size() + body.size() + 24);
  signed_content.append(id).append(".").append(std::to_string(timestamp)).append(".").append(body);
  return "v1," + base64(security::hmac_sha256(*key, signed_content));
}

std::string internal_signature(std::string_view key, std::int64_t unix_seconds, std::string_view body) {
  const std::string t = std::to_string(unix_seconds);
  std::string content;
  content.reserve(t.size() + 1 + body.size());
  content.append(t).append(".").append(body);
  return "t=" + t + ",v1=" + security::hmac_sha256_hex(key, content);
}

bool verify_internal_signature(std::string_view key, std::string_view header, std::string_view body,
                               std::int64_t now_unix_seconds) {
  if (!header.starts_with("t=")) return false;
  const auto comma = header.find(",v1=");
  if (comma == std::string_view::npos) return false;
  std::int64_t t = 0;
  const auto digits = header.substr(2, comma - 2);
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), t);
  if (ec != std::errc{} || end != digits.data() + digits.size()) return false;
  if (t > now_unix_seconds + kInternalSignatureToleranceSeconds ||
      t < now_unix_seconds - kInternalSignatureToleranceSeconds)
    return false;
  return security::constant_time_equal(internal_signature(key, t, body), header);
}

}  // namespace portal::events
