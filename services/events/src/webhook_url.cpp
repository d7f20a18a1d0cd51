#include "webhook_url.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>

namespace portal::events_hub {
namespace {

ParsedUrl fail(std::string code) { return ParsedUrl{std::nullopt, std::move(code)}; }

bool valid_host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

bool valid_target_char(unsigned char c) { return c > 0x20 && c < 0x7f && c != '#'; }

}  // namespace

ParsedUrl parse_webhook_url(std::string_view text) {
  if (text.empty() || text.size() > kMaxUrlLength) return fail("invalid_url");
  const auto colon = text.find("://");
  if (colon == std::string_view::npos) return fail("invalid_url");
  std::string scheme(text.substr(0, colon));
  std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (scheme != "https" && scheme != "http") return fail("scheme_not_allowed");
  std::string_view rest = text.substr(colon + 3);
  const auto end_of_authority = rest.find_first_of("/?#");
  const std::string_view authority = rest.substr(0, end_of_authority);
  std::string_view target = end_of_authority == std::string_view::npos ? "" : rest.substr(end_of_authority);
  if (authority.find('@') != std::string_view::npos) return fail("credentials_not_allowed");
  if (target.find('#') != std::string_view::npos) return fail("invalid_url");
  if (!std::all_of(target.begin(), target.end(),
                   [](char c) { return valid_target_char(static_cast<unsigned char>(c)); }))
    return fail("invalid_url");

  WebhookUrl url;
  url.scheme = scheme;
  url.port = scheme == "https" ? 443 : 80;
  std::string_view port_text;
  if (authority.starts_with("[")) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return fail("invalid_url");
    url.host = std::string(authority.substr(1, close - 1));
    url.ipv6_literal = true;
    in6_addr probe{};
    if (::inet_pton(AF_INET6, url.host.c_str(), &probe) != 1) return fail("invalid_url");
    const auto after = authority.substr(close + 1);
    if (!after.empty()) {
      if (!after.starts_with(":")) return fail("invalid_url");
      port_text = after.substr(1);
      if (port_text.empty()) return fail("invalid_url");
    }
  } else {
    const auto port_colon = authority.rfind(':');
    std::string_view host = authority.substr(0, port_colon);
    if (port_colon != std::string_view::npos) {
      port_text = authority.substr(port_colon + 1);
      if (port_text.empty()) return fail("invalid_url");
    }
    if (host.empty() || host.size() > 253 || !std::all_of(host.begin(), host.end(), valid_host_char) ||
        host.front() == '.' || host.front() == '-' || host.find("..") != std::string_view::npos)
      return fail("invalid_url");
    url.host = std::string(host);
    std::transform(url.host.begin(), url.host.end(), url.host.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (url.host.back() == '.') url.host.pop_back();
  }
  if (!port_text.empty()) {
    int port = 0;
    const auto [p, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc{} || p != port_text.data() + port_text.size() || port < 1 || port > 65535)
      return fail("invalid_url");
    url.port = port;
  }
  url.target = target.empty() ? "/" : std::string(target);
  if (url.target.front() == '?') url.target = "/" + url.target;
  return ParsedUrl{std::move(url), ""};
}

}  // namespace portal::events_hub
