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

std::string upstream_status_label(const http::ClientResult& result) {
  if (result.ok()) return std::to_string(result.response->status);
  switch (result.error) {
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

http::Response Proxy::forward(const http::Request& req) const {
  const auto owner = routes_.upstream_for(req.path);
  const auto it = owner ? upstreams_.find(*owner) : upstreams_.end();
  if (it == upstreams_.end()) return http::problem(req, http::route_not_found());
  Upstream& upstream = *it->second;

  const http::Headers headers = upstream_request_headers(
      req.headers,
      ForwardContext{req.request_id, req.client_ip, forwarded_proto_,
                     forwarding_key_.empty() ? std::string{}
                                             : http::sign_client_header(forwarding_key_, req.client_ip)});
  const std::string target = req.raw_query.empty() ? req.path : req.path + "?" + req.raw_query;
  const std::string content_type = req.header("Content-Type").value_or("");

  const auto started = std::chrono::steady_clock::now();
  http::ClientResult result = upstream.request(req.method, target, headers, req.body, content_type);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics_.observe_upstream(upstream.name(), upstream_status_label(result), seconds);

  if (!result.ok()) return http::problem(req, problem_for_upstream_error(result.error, upstream.name()));

  http::ClientResponse& upstream_response = *result.response;
  http::Response response;
  response.status = upstream_response.status;
  auto type = upstream_response.headers.find("Content-Type");
  response.content_type = type == upstream_response.headers.end() ? std::string{} : type->second;
  strip_for_client(upstream_response.headers);
  response.headers = std::move(upstream_response.headers);
  response.body = std::move(upstream_response.body);
  return response;
}

}  // namespace portal::gateway
