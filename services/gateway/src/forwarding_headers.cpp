#include "forwarding_headers.hpp"

#include <array>
#include <cctype>

namespace portal::gateway {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

constexpr std::array<std::string_view, 6> kHopByHop = {"connection", "keep-alive", "te", "trailer",
                                                       "transfer-encoding", "upgrade"};

bool named_in_connection(std::string_view name, const http::Headers& headers) {
  auto it = headers.find("Connection");
  if (it == headers.end()) return false;
  std::string_view list = it->second;
  while (!list.empty()) {
    auto comma = list.find(',');
    if (iequals(trim(list.substr(0, comma)), name)) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

bool is_hop_by_hop(std::string_view name, const http::Headers& headers) {
  for (auto h : kHopByHop)
    if (iequals(name, h)) return true;
  return istarts_with(name, "proxy-") || named_in_connection(name, headers);
}

bool is_client_identity_header(std::string_view name) {
  for (std::string_view prefix : {"x-user-", "x-principal-", "x-authenticated-", "x-auth-", "x-forwarded-"})
    if (istarts_with(name, prefix)) return true;
  for (std::string_view exact : {"x-user", "x-principal", "x-subject", "x-roles", "x-provider-nit", "x-real-ip",
                                 "forwarded"})
    if (iequals(name, exact)) return true;
  return false;
}

http::Headers upstream_request_headers(const http::Headers& client_headers, const ForwardContext& context) {
  http::Headers out;
  for (const auto& [name, value] : client_headers) {
    if (is_hop_by_hop(name, client_headers) || is_client_identity_header(name)) continue;
    // Expect: 100-continue is not answered by our servers (ARCHITECTURE.md); the body is already here.
    if (iequals(name, "host") || iequals(name, "content-length") || iequals(name, "content-type") ||
        iequals(name, "expect") || iequals(name, "x-request-id"))
      continue;
    out.emplace(name, value);
  }
  // The request id the server library propagated or assigned (GW-3), never a second one.
  out["X-Request-Id"] = context.request_id;
  // The gateway is the single public entry (GW-1): the peer address is the client, whatever the client
  // claims in its own X-Forwarded-For.
  out["X-Forwarded-For"] = context.client_ip;
  out["X-Forwarded-Proto"] = context.proto;
  return out;
}

http::Headers client_response_headers(const http::Headers& upstream_headers) {
  http::Headers out;
  for (const auto& [name, value] : upstream_headers) {
    if (is_hop_by_hop(name, upstream_headers)) continue;
    if (iequals(name, "content-length") || iequals(name, "content-type")) continue;
    out.emplace(name, value);
  }
  return out;
}

}  // namespace portal::gateway
