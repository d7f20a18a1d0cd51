#pragma once
// Issue 15 SSRF protection, pure: the kind of address a webhook may not be sent to — anything that is not
// a public unicast address on the Internet. IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible and NAT64
// (64:ff9b::/96) IPv6 addresses are judged by the IPv4 address they carry.
#include <optional>
#include <string_view>

namespace portal::events_hub {

// "loopback", "private", "link_local" (169.254/16, fe80::/10: cloud metadata at 169.254.169.254 and
// fd00:ec2::254 lives in "private"), "shared" (100.64/10, carrier-grade NAT), "unspecified", "multicast",
// "reserved" (0/8, 192.0.0/24, documentation and benchmarking nets, 240/4, broadcast), or nullopt for a
// public address. Text that is not an IP address is "invalid".
std::optional<std::string_view> forbidden_address_kind(std::string_view ip);

}  // namespace portal::events_hub
