#include "address_policy.hpp"

#include <arpa/inet.h>

#include <array>
#include <cstdint>
#include <string>

namespace portal::events_hub {
namespace {

struct Net4 {
  std::uint32_t base;
  int bits;
  std::string_view kind;
};

constexpr std::uint32_t ip4(int a, int b, int c, int d) {
  return (std::uint32_t(a) << 24) | (std::uint32_t(b) << 16) | (std::uint32_t(c) << 8) | std::uint32_t(d);
}

constexpr std::array<Net4, 17> kForbidden4{{
    {ip4(0, 0, 0, 0), 32, "unspecified"},
    {ip4(0, 0, 0, 0), 8, "reserved"},
    {ip4(10, 0, 0, 0), 8, "private"},
    {ip4(100, 64, 0, 0), 10, "shared"},
    {ip4(127, 0, 0, 0), 8, "loopback"},
    {ip4(169, 254, 0, 0), 16, "link_local"},
    {ip4(172, 16, 0, 0), 12, "private"},
    {ip4(192, 0, 0, 0), 24, "reserved"},
    {ip4(192, 0, 2, 0), 24, "reserved"},
    {ip4(192, 88, 99, 0), 24, "reserved"},
    {ip4(192, 168, 0, 0), 16, "private"},
    {ip4(198, 18, 0, 0), 15, "reserved"},
    {ip4(198, 51, 100, 0), 24, "reserved"},
    {ip4(203, 0, 113, 0), 24, "reserved"},
    {ip4(224, 0, 0, 0), 4, "multicast"},
    {ip4(240, 0, 0, 0), 4, "reserved"},  // also 255.255.255.255
    {ip4(255, 255, 255, 255), 32, "reserved"},
}};

std::optional<std::string_view> kind4(std::uint32_t a) {
  for (const auto& n : kForbidden4) {
    const std::uint32_t mask = n.bits == 0 ? 0 : ~std::uint32_t{0} << (32 - n.bits);
    if ((a & mask) == n.base) return n.kind;
  }
  return std::nullopt;
}

std::uint32_t embedded4(const std::uint8_t* b) {
  return (std::uint32_t(b[12]) << 24) | (std::uint32_t(b[13]) << 16) | (std::uint32_t(b[14]) << 8) | b[15];
}

bool zeros(const std::uint8_t* b, int from, int to) {
  for (int i = from; i < to; ++i)
    if (b[i] != 0) return false;
  return true;
}

std::optional<std::string_view> kind6(const std::uint8_t* b) {
  if (zeros(b, 0, 16)) return "unspecified";
  if (zeros(b, 0, 15) && b[15] == 1) return "loopback";
  // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible, deprecated), 64:ff9b::a.b.c.d (NAT64 well-known prefix)
  if (zeros(b, 0, 10) && b[10] == 0xff && b[11] == 0xff)
    return kind4(embedded4(b)).value_or(std::string_view{});
  if (zeros(b, 0, 12)) return "reserved";
  if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && zeros(b, 4, 12))
    return kind4(embedded4(b)).value_or(std::string_view{});
  if ((b[0] & 0xfe) == 0xfc) return "private";                     // fc00::/7 unique local
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return "link_local";  // fe80::/10
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return "private";     // fec0::/10 site-local (deprecated)
  if (b[0] == 0xff) return "multicast";
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) return "reserved";  // 2001:db8::/32
  if (b[0] == 0x20 && b[1] == 0x02) {  // 6to4: judged by the IPv4 address it carries
    const std::uint32_t a =
        (std::uint32_t(b[2]) << 24) | (std::uint32_t(b[3]) << 16) | (std::uint32_t(b[4]) << 8) | b[5];
    if (auto k = kind4(a)) return k;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string_view> forbidden_address_kind(std::string_view ip) {
  const std::string text(ip);
  in_addr v4{};
  if (::inet_pton(AF_INET, text.c_str(), &v4) == 1) return kind4(ntohl(v4.s_addr));
  in6_addr v6{};
  if (::inet_pton(AF_INET6, text.c_str(), &v6) == 1) {
    auto k = kind6(v6.s6_addr);
    if (k && k->empty()) return std::nullopt;  // a mapped public IPv4 address
    return k;
  }
  return "invalid";
}

}  // namespace portal::events_hub
