#pragma once
// Issue 15, pure: a webhook endpoint's URL as the registration and the deliverer read it. Only absolute
// http(s) URLs without user information or fragment; the host is a DNS name, an IPv4 address or a
// bracketed IPv6 address. Whether http is allowed and where the host points are decided elsewhere
// (address_policy.hpp, target_resolver.hpp).
#include <optional>
#include <string>
#include <string_view>

namespace portal::events_hub {

inline constexpr std::size_t kMaxUrlLength = 2000;

struct WebhookUrl {
  std::string scheme;  // "https" | "http"
  std::string host;    // without brackets for IPv6
  int port = 0;        // explicit or the scheme's default
  std::string target;  // path and query, at least "/"
  bool ipv6_literal = false;
};

// The URL, or the error code for the `url` field: "invalid_url", "scheme_not_allowed" (not http/https),
// "credentials_not_allowed" (user:password@).
struct ParsedUrl {
  std::optional<WebhookUrl> url;
  std::string error;
};
ParsedUrl parse_webhook_url(std::string_view text);

}  // namespace portal::events_hub
