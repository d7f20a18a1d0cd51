#include "portal/http/client_address.hpp"

#include <arpa/inet.h>

#include <stdexcept>

#include "portal/core/text.hpp"
#include "portal/security/password.hpp"

namespace portal::http {
namespace {

// Parses an address; v4 addresses fill the first 4 bytes.
std::optional<Cidr> parse_address(std::string_view text) {
  const std::string s{core::trim_ows(text)};
  Cidr c;
  if (::inet_pton(AF_INET, s.c_str(), c.address.data()) == 1) {
    c.v4 = true;
    c.prefix_bits = 32;
    return c;
  }
  if (::inet_pton(AF_INET6, s.c_str(), c.address.data()) == 1) {
    c.v4 = false;
    c.prefix_bits = 128;
    return c;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Cidr> parse_cidr(std::string_view text) {
  text = core::trim_ows(text);
  const auto slash = text.find('/');
  auto c = parse_address(text.substr(0, slash));
  if (!c) return std::nullopt;
  if (slash == std::string_view::npos) return c;
  const auto bits_text = text.substr(slash + 1);
  if (bits_text.empty() || bits_text.size() > 3) return std::nullopt;
  int bits = 0;
  for (char ch : bits_text) {
    if (ch < '0' || ch > '9') return std::nullopt;
    bits = bits * 10 + (ch - '0');
  }
  if (bits > (c->v4 ? 32 : 128)) return std::nullopt;
  c->prefix_bits = bits;
  return c;
}

bool cidr_contains(const Cidr& network, std::string_view address) {
  const auto a = parse_address(address);
  if (!a || a->v4 != network.v4) return false;
  int bits = network.prefix_bits;
  for (std::size_t i = 0; bits > 0; ++i, bits -= 8) {
    const std::uint8_t mask = bits >= 8 ? 0xFF : static_cast<std::uint8_t>(0xFF << (8 - bits));
    if ((a->address[i] & mask) != (network.address[i] & mask)) return false;
  }
  return true;
}

bool any_contains(const std::vector<Cidr>& networks, std::string_view address) {
  for (const auto& n : networks)
    if (cidr_contains(n, address)) return true;
  return false;
}

const std::vector<Cidr>& loopback_networks() {
  static const std::vector<Cidr> kLoopback = parse_cidr_list("127.0.0.0/8, ::1");
  return kLoopback;
}

MetricsAccess parse_metrics_access(std::string_view text) {
  MetricsAccess access;
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text == "*") {
    access.anyone = true;
    access.networks.clear();
  } else if (!text.empty()) {
    access.networks = parse_cidr_list(text);
  }
  return access;
}

std::vector<Cidr> parse_cidr_list(std::string_view text) {
  std::vector<Cidr> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto item = core::trim_ows(text.substr(0, comma));
    if (!item.empty()) {
      auto c = parse_cidr(item);
      if (!c) throw std::invalid_argument("invalid address or network '" + std::string(item) + "'");
      out.push_back(*c);
    }
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

std::string client_behind_proxies(std::string_view peer, std::optional<std::string_view> forwarded_for,
                                  const std::vector<Cidr>& trusted) {
  if (!forwarded_for || !any_contains(trusted, peer)) return std::string{peer};
  std::string_view rest = *forwarded_for;
  std::string_view leftmost;
  while (!rest.empty()) {
    const auto comma = rest.rfind(',');
    const auto item = core::trim_ows(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
    if (item.empty()) continue;
    if (!parse_address(item)) return std::string{peer};  // a forged or broken list: believe nothing
    if (!any_contains(trusted, item)) return std::string{item};
    leftmost = item;
  }
  return leftmost.empty() ? std::string{peer} : std::string{leftmost};
}

std::string sign_client_header(std::string_view key, std::string_view client_ip) {
  return std::string{client_ip} + "; sig=" + security::hmac_sha256_hex(key, client_ip);
}

std::optional<std::string> verify_client_header(std::string_view key, std::string_view header) {
  if (key.empty()) return std::nullopt;
  const auto sep = header.find("; sig=");
  if (sep == std::string_view::npos) return std::nullopt;
  const auto ip = header.substr(0, sep);
  if (!parse_address(ip)) return std::nullopt;
  if (!security::constant_time_equal(header.substr(sep + 6), security::hmac_sha256_hex(key, ip)))
    return std::nullopt;
  return std::string{ip};
}

}  // namespace portal::http
