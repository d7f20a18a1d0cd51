#pragma once
// GW-1/GW-4: forwards a request the gateway accepted to the upstream that owns its path and maps the
// outcome to the client's answer: the upstream's response as is (minus hop-by-hop headers), 504
// upstream_timeout when it did not answer within the read timeout, 503 upstream_unavailable when it
// could not be reached or its breaker is open (fast: connect timeout ~300 ms, breaker fails at once).
// Issue 14 item 4: the request and the answer stream through the server's Asio front on its I/O threads
// (portal/http/forwarding.hpp); a slow upstream holds a connection and a coroutine, not a thread.
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <variant>

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
  void set_timeouts(std::chrono::milliseconds connect, std::chrono::milliseconds read) {
    connect_timeout_ = connect;
    read_timeout_ = read;
  }
  // Issue 14 item 4: how the server's Asio front is to stream this request to its upstream (targets in
  // attempt order, headers, timeouts, the breaker and ejection hooks, metrics), or 404 for a path no
  // upstream owns. Runs on an I/O thread: memory only.
  std::variant<http::Response, http::ForwardPlan> plan(const http::Request& req) const;

 private:
  const RouteTable& routes_;
  std::map<std::string, Upstream*, std::less<>> upstreams_;
  metrics::Registry& metrics_;
  std::string forwarded_proto_;
  std::string forwarding_key_;
  std::chrono::milliseconds connect_timeout_{300};
  std::chrono::milliseconds read_timeout_{10000};
};

// The client's answer for a failed upstream call (pure mapping, GW-4).
http::Problem problem_for_upstream_error(http::ClientError error, std::string_view upstream);
// Label for upstream metrics: the HTTP status, or the failure kind.
std::string upstream_status_label(http::ClientError error, int status);

}  // namespace portal::gateway
