#include "forwarding_headers.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "portal/core/text.hpp"
#include "portal/http/client_address.hpp"

namespace portal::gateway {

namespace {

// Header names compared in ASCII lower case, lowered once per header into a stack buffer (the proxy
// runs this for every header of every request; std::tolower per character showed in profiles).
class LowerName {
 public:
  explicit LowerName(std::string_view name)
      : size_(std::min(name.size(), kMax)), truncated_(name.size() > kMax) {
    for (std::size_t i = 0; i < size_; ++i) {
      const char c = name[i];
      buf_[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
    }
  }
  // Names longer than the buffer equal none of the short names below; prefixes still work.
  bool is(std::string_view lower) const { return !truncated_ && view() == lower; }
  bool starts_with(std::string_view lower) const { return view().substr(0, lower.size()) == lower; }
  std::string_view view() const { return {buf_.data(), size_}; }

 private:
  static constexpr std::size_t kMax = 64;
  std::array<char, kMax> buf_{};
  std::size_t size_;
  bool truncated_;
};

constexpr std::array<std::string_view, 6> kHopByHop = {"connection", "keep-alive",        "te",
                                                       "trailer",    "transfer-encoding", "upgrade"};

// The names listed in a message's Connection header (RFC 9110 §7.6.1), lower-cased.
std::vector<std::string> connection_tokens(const http::Headers& headers) {
  std::vector<std::string> tokens;
  auto it = headers.find("Connection");
  if (it == headers.end()) return tokens;
  std::string_view list = it->second;
  while (!list.empty()) {
    auto comma = list.find(',');
    auto token = core::trim_ows(list.substr(0, comma));
    if (!token.empty()) tokens.emplace_back(LowerName(token).view());
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return tokens;
}

bool hop_by_hop(const LowerName& name, const std::vector<std::string>& connection) {
  for (auto h : kHopByHop)
    if (name.is(h)) return true;
  if (name.starts_with("proxy-")) return true;
  for (const auto& token : connection)
    if (name.is(token)) return true;
  return false;
}

bool client_identity(const LowerName& name) {
  for (std::string_view prefix :
       {"x-user-", "x-principal-", "x-authenticated-", "x-auth-", "x-forwarded-", "x-portal-"})
    if (name.starts_with(prefix)) return true;
  for (std::string_view exact :
       {"x-user", "x-principal", "x-subject", "x-roles", "x-provider-nit", "x-real-ip", "forwarded"})
    if (name.is(exact)) return true;
  return false;
}

}  // namespace

bool is_hop_by_hop(std::string_view name, const http::Headers& headers) {
  return hop_by_hop(LowerName(name), connection_tokens(headers));
}

bool is_client_identity_header(std::string_view name) { return client_identity(LowerName(name)); }

http::Headers upstream_request_headers(const http::Headers& client_headers, const ForwardContext& context) {
  const auto connection = connection_tokens(client_headers);
  http::Headers out;
  for (const auto& [name, value] : client_headers) {
    const LowerName lname(name);
    if (hop_by_hop(lname, connection) || client_identity(lname)) continue;
    // Expect: 100-continue is not answered by our servers (ARCHITECTURE.md); the body is already here.
    if (lname.is("host") || lname.is("content-length") || lname.is("content-type") || lname.is("expect") ||
        lname.is("x-request-id"))
      continue;
    out.emplace_hint(out.end(), name, value);
  }
  // The request id the server library propagated or assigned (GW-3), never a second one.
  out["X-Request-Id"] = context.request_id;
  // The gateway is the single public entry (GW-1): the peer address is the client, whatever the client
  // claims in its own X-Forwarded-For.
  out["X-Forwarded-For"] = context.client_ip;
  out["X-Forwarded-Proto"] = context.proto;
  if (!context.signed_client.empty()) out[http::kClientHeader] = context.signed_client;
  return out;
}

void strip_for_client(http::Headers& upstream_headers) {
  const auto connection = connection_tokens(upstream_headers);
  for (auto it = upstream_headers.begin(); it != upstream_headers.end();) {
    const LowerName lname(it->first);
    if (hop_by_hop(lname, connection) || lname.is("content-length") || lname.is("content-type"))
      it = upstream_headers.erase(it);
    else
      ++it;
  }
}

http::Headers client_response_headers(const http::Headers& upstream_headers) {
  http::Headers out = upstream_headers;
  strip_for_client(out);
  return out;
}

}  // namespace portal::gateway
