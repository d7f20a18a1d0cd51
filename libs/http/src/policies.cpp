#include "policies.hpp"

#include <array>
#include <cctype>
#include <cstdint>
#include <random>

#include "portal/core/text.hpp"
#include "portal/http/etag.hpp"

namespace portal::http {
namespace {

using core::iequals;

std::string_view strip_weak(std::string_view tag) {
  if (tag.size() >= 2 && (tag[0] == 'W' || tag[0] == 'w') && tag[1] == '/') tag.remove_prefix(2);
  return tag;
}

}  // namespace

std::string weak_etag(std::string_view body) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : body) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string tag = "W/\"0000000000000000\"";
  for (int i = 0; i < 16; ++i) tag[3 + i] = kHex[(hash >> (60 - 4 * i)) & 0xF];
  return tag;
}

bool etag_list_matches(std::string_view header_value, std::string_view etag) {
  const std::string_view wanted = strip_weak(etag);
  while (!header_value.empty()) {
    const auto comma = header_value.find(',');
    const std::string_view item = core::trim_ows(header_value.substr(0, comma));
    header_value = comma == std::string_view::npos ? std::string_view{} : header_value.substr(comma + 1);
    if (item == "*" || (!item.empty() && strip_weak(item) == wanted)) return true;
  }
  return false;
}

namespace policy {

const std::string& effective_content_type(const Response& res) {
  const auto it = res.headers.find("Content-Type");
  return it != res.headers.end() ? it->second : res.content_type;
}

bool is_sane_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string generate_request_id() {
  // Per-thread generator seeded from the OS: request ids need uniqueness, not secrecy.
  thread_local std::mt19937_64 rng{[] {
    std::random_device rd;
    std::seed_seq seq{rd(), rd(), rd(), rd(), rd(), rd(), rd(), rd()};
    return std::mt19937_64{seq};
  }()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(32, '0');
  for (int half = 0; half < 2; ++half) {
    std::uint64_t v = rng();
    for (int i = 0; i < 16; ++i) id[half * 16 + i] = kHex[(v >> (60 - 4 * i)) & 0xF];
  }
  return id;
}

std::optional<std::string_view> bearer_token(std::string_view authorization) {
  authorization = core::trim_ows(authorization);
  if (authorization.size() < 7 || !iequals(authorization.substr(0, 6), "bearer") || authorization[6] != ' ')
    return std::nullopt;
  const std::string_view token = core::trim_ows(authorization.substr(7));
  if (token.empty()) return std::nullopt;
  return token;
}

bool keep_connection(bool http11, std::optional<std::string_view> connection_header) {
  if (!connection_header) return http11;
  std::string_view rest = *connection_header;
  bool close = false;
  bool keep_alive = false;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string_view token = core::trim_ows(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    if (iequals(token, "close")) close = true;
    if (iequals(token, "keep-alive")) keep_alive = true;
  }
  if (close) return false;
  return http11 || keep_alive;
}

bool is_json_media_type(std::string_view content_type) {
  const auto semi = content_type.find(';');
  return iequals(core::trim_ows(content_type.substr(0, semi)), "application/json");
}

std::string merge_vary(std::string_view existing, const std::vector<std::string_view>& add) {
  std::vector<std::string_view> tokens;
  auto take = [&tokens](std::string_view token) {
    token = core::trim_ows(token);
    if (token.empty()) return;
    for (auto t : tokens)
      if (iequals(t, token)) return;
    tokens.push_back(token);
  };
  while (!existing.empty()) {
    const auto comma = existing.find(',');
    take(existing.substr(0, comma));
    existing = comma == std::string_view::npos ? std::string_view{} : existing.substr(comma + 1);
  }
  for (auto token : tokens)
    if (token == "*") return "*";
  for (auto token : add) take(token);
  std::string out;
  for (auto token : tokens) {
    if (!out.empty()) out += ", ";
    out += token;
  }
  return out;
}

constexpr std::string_view kDefaultContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

const std::vector<std::pair<std::string_view, std::string_view>>& security_headers() {
  static const std::vector<std::pair<std::string_view, std::string_view>> kHeaders = {
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Content-Security-Policy", kDefaultContentSecurityPolicy},
      {"Strict-Transport-Security", "max-age=31536000"},
  };
  return kHeaders;
}

std::string_view content_security_policy(const std::vector<PathSecurityPolicy>& policies,
                                         std::string_view path) {
  for (const auto& p : policies) {
    if (p.path_prefix.empty() || path.substr(0, p.path_prefix.size()) != p.path_prefix) continue;
    const auto rest = path.substr(p.path_prefix.size());
    if (rest.empty() || rest.front() == '/') return p.content_security_policy;
  }
  return kDefaultContentSecurityPolicy;
}

std::size_t body_limit(const std::vector<BodyLimit>& limits, std::size_t fallback, Method method,
                       std::string_view path) {
  for (const auto& limit : limits) {
    if (limit.method != method || path.substr(0, limit.path_prefix.size()) != limit.path_prefix) continue;
    const auto rest = path.substr(limit.path_prefix.size());
    if (rest.empty() || rest.front() == '/' ||
        (!limit.path_prefix.empty() && limit.path_prefix.back() == '/'))
      return limit.max_bytes;
  }
  return fallback;
}

}  // namespace policy
}  // namespace portal::http
