#include "upstream.hpp"

#include <charconv>
#include <stdexcept>

namespace portal::gateway {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

UpstreamInstance parse_one(std::string_view url) {
  const std::string_view original = url;
  auto bad = [&] { return std::invalid_argument("invalid upstream URL '" + std::string(original) + "'"); };
  constexpr std::string_view kScheme = "http://";
  if (url.substr(0, kScheme.size()) != kScheme) throw bad();
  url.remove_prefix(kScheme.size());
  if (auto slash = url.find('/'); slash != std::string_view::npos) {
    if (url.substr(slash) != "/") throw bad();  // a base path would silently be ignored
    url = url.substr(0, slash);
  }
  UpstreamInstance instance;
  auto colon = url.rfind(':');
  if (colon == std::string_view::npos) {
    instance.host = std::string(url);
    instance.port = 80;
  } else {
    instance.host = std::string(url.substr(0, colon));
    auto digits = url.substr(colon + 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), instance.port);
    if (ec != std::errc{} || end != digits.data() + digits.size() || instance.port < 1 || instance.port > 65535)
      throw bad();
  }
  if (instance.host.empty()) throw bad();
  return instance;
}

bool nothing_sent(http::ClientError e) {
  return e == http::ClientError::connect_failed || e == http::ClientError::circuit_open;
}

}  // namespace

std::vector<UpstreamInstance> parse_upstream_urls(std::string_view comma_list) {
  std::vector<UpstreamInstance> out;
  while (true) {
    auto comma = comma_list.find(',');
    auto item = trim(comma_list.substr(0, comma));
    if (!item.empty()) out.push_back(parse_one(item));
    if (comma == std::string_view::npos) break;
    comma_list.remove_prefix(comma + 1);
  }
  if (out.empty()) throw std::invalid_argument("no upstream URL given");
  return out;
}

Upstream::Upstream(std::string name, const std::vector<UpstreamInstance>& instances, const http::ClientOptions& base)
    : name_(std::move(name)) {
  for (const auto& instance : instances) {
    http::ClientOptions options = base;
    options.host = instance.host;
    options.port = instance.port;
    options.name = name_;
    clients_.push_back(std::make_unique<http::Client>(options));
  }
}

http::ClientResult Upstream::request(http::Method method, const std::string& path_and_query,
                                     const http::Headers& headers, const std::string& body,
                                     const std::string& content_type) {
  const std::size_t n = clients_.size();
  const std::size_t start = next_.fetch_add(1, std::memory_order_relaxed) % n;
  http::ClientResult result;
  for (std::size_t i = 0; i < n; ++i) {
    http::Client& client = *clients_[(start + i) % n];
    // Skip instances that are known to be down while another one may still answer.
    if (i + 1 < n && client.circuit_open()) continue;
    result = client.request(method, path_and_query, headers, body, content_type);
    if (result.ok() || !nothing_sent(result.error)) return result;
  }
  if (!result.ok() && result.error == http::ClientError::none) result.error = http::ClientError::circuit_open;
  return result;
}

}  // namespace portal::gateway
