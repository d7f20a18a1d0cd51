#pragma once
// GW-1/GW-4: forwards a request the gateway accepted to the upstream that owns its path and maps the
// outcome to the client's answer: the upstream's response as is (minus hop-by-hop headers), 504
// upstream_timeout when it did not answer within the read timeout, 503 upstream_unavailable when it
// could not be reached or its breaker is open (fast: connect timeout ~300 ms, breaker fails at once).
// Runs on the server library's worker pool, so a slow upstream holds one worker, not an I/O thread.
#include <map>
#include <memory>
#include <string>

#include "forwarding_headers.hpp"
#include "portal/http/problem.hpp"
#include "portal/http/server.hpp"
#include "portal/metrics/metrics.hpp"
#include "route_table.hpp"
#include "upstream.hpp"

namespace portal::gateway {

class Proxy {
 public:
  Proxy(const RouteTable& routes, std::map<std::string, Upstream*, std::less<>> upstreams,
        metrics::Registry& metrics, std::string forwarded_proto);
  // Signs the client address forwarded to the services (X-Portal-Client, issue 9). Call before serving.
  void set_forwarding_key(std::string key) { forwarding_key_ = std::move(key); }
  http::Response forward(const http::Request& req) const;

 private:
  const RouteTable& routes_;
  std::map<std::string, Upstream*, std::less<>> upstreams_;
  metrics::Registry& metrics_;
  std::string forwarded_proto_;
  std::string forwarding_key_;
};

// The client's answer for a failed upstream call (pure mapping, GW-4).
http::Problem problem_for_upstream_error(http::ClientError error, std::string_view upstream);
// Label for upstream metrics: the HTTP status, or the failure kind.
std::string upstream_status_label(const http::ClientResult& result);

}  // namespace portal::gateway
