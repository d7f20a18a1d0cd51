#pragma once
// Who the client is (issue 9 item 8). Per-address budgets (login throttling, contact lookups, e-mail
// limits, the gateway's rate limits) are only as good as the address they count, so:
//   - the gateway believes X-Forwarded-For only from PORTAL_TRUSTED_PROXIES (CIDRs: the load balancer),
//     and then takes the right-most address that is not itself a trusted proxy;
//   - services believe only the gateway, through X-Portal-Client: the client address it determined,
//     signed with HMAC-SHA-256 under a key they share (PORTAL_FORWARDING_KEY). A loopback peer without
//     the key is just its own address, whatever headers it sends.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portal::http {

inline constexpr const char* kClientHeader = "X-Portal-Client";

// An IPv4 or IPv6 network: "10.0.0.0/8", "192.168.1.7" (/32), "::1" (/128), "fd00::/8".
struct Cidr {
  std::array<std::uint8_t, 16> address{};
  int prefix_bits = 0;
  bool v4 = true;
};
std::optional<Cidr> parse_cidr(std::string_view text);
bool cidr_contains(const Cidr& network, std::string_view address);
bool any_contains(const std::vector<Cidr>& networks, std::string_view address);
// "10.0.0.0/8, ::1" → networks; throws std::invalid_argument naming the first bad item.
std::vector<Cidr> parse_cidr_list(std::string_view text);
// 127.0.0.0/8 and ::1: this machine.
const std::vector<Cidr>& loopback_networks();

// Who may read GET /metrics (issue 10): loopback by default; PORTAL_METRICS_ALLOW lists CIDRs (the
// Prometheus servers' networks), or "*" for anyone. Others get 404, as for a route that does not exist.
struct MetricsAccess {
  bool anyone = false;
  std::vector<Cidr> networks = loopback_networks();
  bool allows(std::string_view client_ip) const { return anyone || any_contains(networks, client_ip); }
};
// The PORTAL_METRICS_ALLOW value → access; throws std::invalid_argument naming a bad item.
MetricsAccess parse_metrics_access(std::string_view text);

// The client behind trusted proxies: `peer` itself when it is not trusted; else X-Forwarded-For read
// from the right, skipping trusted addresses; the left-most entry when every one is trusted.
std::string client_behind_proxies(std::string_view peer, std::optional<std::string_view> forwarded_for,
                                  const std::vector<Cidr>& trusted);

// X-Portal-Client value for `client_ip`: "<ip>; sig=<hex HMAC-SHA-256(key, ip)>".
std::string sign_client_header(std::string_view key, std::string_view client_ip);
// The address in a header signed under key; nullopt when absent, malformed or not signed by the key.
std::optional<std::string> verify_client_header(std::string_view key, std::string_view header);

}  // namespace portal::http
