#pragma once
// Signatures, pure functions (issue 15):
//   - Standard Webhooks (https://www.standardwebhooks.com): the receiver of a webhook checks
//     webhook-signature = "v1,<base64 HMAC-SHA256(key, id + '.' + timestamp + '.' + body)>" where key is
//     the base64 part of the endpoint's secret "whsec_<base64>";
//   - the relay's POST to portal-events: "t=<unix seconds>,v1=<hex HMAC-SHA256(key, t + '.' + body)>" under
//     the key the services already share (PORTAL_FORWARDING_KEY), so no client can inject events.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace portal::events {

inline constexpr std::string_view kSecretPrefix = "whsec_";

// "whsec_" + base64 of 32 random bytes.
std::string new_webhook_secret();
// The webhook-signature header value; nullopt when the secret is not "whsec_<base64>".
std::optional<std::string> webhook_signature(std::string_view secret, std::string_view id,
                                             std::int64_t timestamp, std::string_view body);

// Standard base64 (with padding) of raw bytes, and back; nullopt for malformed input.
std::string base64(std::string_view bytes);
std::optional<std::string> unbase64(std::string_view text);

inline constexpr const char* kInternalSignatureHeader = "X-Portal-Event-Signature";
// How old an internal signature may be (clock skew between replicas plus the relay's queueing).
inline constexpr std::int64_t kInternalSignatureToleranceSeconds = 300;

std::string internal_signature(std::string_view key, std::int64_t unix_seconds, std::string_view body);
// True when header signs body under key at a time within the tolerance of now.
bool verify_internal_signature(std::string_view key, std::string_view header, std::string_view body,
                               std::int64_t now_unix_seconds);

}  // namespace portal::events
