#pragma once
// One logical upstream service (e.g. "auth") behind the gateway: one or more instances, each with its
// own keep-alive connection pool and circuit breaker (libs/http Client). GW-6: requests go round-robin
// over the instances, skipping those whose breaker is open; a request that could not even connect is
// tried on the next instance (nothing was sent, so this is safe for every method).
#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "portal/http/client.hpp"
#include "portal/service/config_options.hpp"

namespace portal::gateway {

using UpstreamInstance = service::UpstreamAddress;

// "http://127.0.0.1:8081,http://10.0.0.2:8081" → instances; throws std::invalid_argument naming the bad
// entry (only plain http with an explicit or default port 80 is accepted: TLS ends before the gateway).
std::vector<UpstreamInstance> parse_upstream_urls(std::string_view comma_list);

class Upstream {
 public:
  // base supplies timeouts, pool size, breaker settings; host/port/name are set per instance.
  Upstream(std::string name, const std::vector<UpstreamInstance>& instances, const http::ClientOptions& base);
  http::ClientResult request(http::Method method, const std::string& path_and_query,
                             const http::Headers& headers, const std::string& body,
                             const std::string& content_type);
  const std::string& name() const { return name_; }
  std::size_t instance_count() const { return clients_.size(); }

 private:
  std::string name_;
  std::vector<std::unique_ptr<http::Client>> clients_;
  std::atomic<std::size_t> next_{0};
};

}  // namespace portal::gateway
