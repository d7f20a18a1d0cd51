#include "upstream.hpp"

#include <stdexcept>

namespace portal::gateway {

namespace {

bool nothing_sent(http::ClientError e) {
  return e == http::ClientError::connect_failed || e == http::ClientError::circuit_open;
}

}  // namespace

std::vector<UpstreamInstance> parse_upstream_urls(std::string_view comma_list) {
  std::vector<UpstreamInstance> out;
  for (const auto& item : service::split_list(comma_list)) out.push_back(service::parse_upstream_url(item));
  if (out.empty()) throw std::invalid_argument("no upstream URL given");
  return out;
}

Upstream::Upstream(std::string name, const std::vector<UpstreamInstance>& instances,
                   const http::ClientOptions& base)
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
