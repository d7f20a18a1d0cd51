#include "proxy.hpp"

#include <chrono>

#include "portal/http/client_address.hpp"

namespace portal::gateway {

http::Problem problem_for_upstream_error(http::ClientError error, std::string_view upstream) {
  // SPEC §2 lists 503 for an upstream that is down: a connection the upstream dropped or a reply it
  // could not finish is the same outage from the client's side. Only a timeout is told apart (504).
  if (error == http::ClientError::timeout) return http::gateway_timeout(upstream);
  return http::service_unavailable(upstream);
}

std::string upstream_status_label(http::ClientError error, int status) {
  if (error == http::ClientError::none) return std::to_string(status);
  switch (error) {
    case http::ClientError::timeout:
      return "timeout";
    case http::ClientError::circuit_open:
      return "circuit_open";
    default:
      return "error";
  }
}

Proxy::Proxy(const RouteTable& routes, std::map<std::string, Upstream*, std::less<>> upstreams,
             metrics::Registry& metrics, std::string forwarded_proto)
    : routes_(routes),
      upstreams_(std::move(upstreams)),
      metrics_(metrics),
      forwarded_proto_(std::move(forwarded_proto)) {}

std::variant<http::Response, http::ForwardPlan> Proxy::plan(const http::Request& req) const {
  const auto owner = routes_.upstream_for(req.path);
  const auto it = owner ? upstreams_.find(*owner) : upstreams_.end();
  if (it == upstreams_.end()) return http::problem(req, http::route_not_found());
  Upstream* upstream = it->second;

  http::ForwardPlan plan;
  const std::vector<std::size_t> order = upstream->attempt_order();
  for (std::size_t i : order) {
    const auto& address = upstream->instance(i);
    plan.targets.push_back({address.host, static_cast<std::uint16_t>(address.port)});
  }
  plan.target = req.raw_query.empty() ? req.path : req.path + "?" + req.raw_query;
  plan.headers = upstream_request_headers(
      req.headers,
      ForwardContext{req.request_id, req.client_ip, forwarded_proto_,
                     forwarding_key_.empty() ? std::string{}
                                             : http::sign_client_header(forwarding_key_, req.client_ip)});
  plan.connect_timeout = connect_timeout_;
  plan.read_timeout = read_timeout_;
  const bool repeatable = repeatable_request(req.method, req.headers);
  plan.repeatable = repeatable;
  plan.allow = [upstream, order](std::size_t k) {
    return upstream->allow_attempt(order[k], k + 1 == order.size());
  };
  plan.after_attempt = [upstream, order, repeatable](std::size_t k, const http::ForwardAttempt& attempt) {
    upstream->record_attempt(order[k], attempt.error);
    return try_next_instance(attempt.error, attempt.sent, repeatable);
  };
  plan.failure_answer = [lang = req.lang, name = upstream->name()](http::ClientError error) {
    return http::problem_response(problem_for_upstream_error(error, name), lang);
  };
  plan.response_headers = [](http::Headers& headers) { strip_for_client(headers); };
  plan.done = [&metrics = metrics_, name = upstream->name()](const http::ForwardAttempt& attempt,
                                                             double seconds) {
    metrics.observe_upstream(name, upstream_status_label(attempt.error, attempt.status), seconds);
  };
  return plan;
}

}  // namespace portal::gateway
