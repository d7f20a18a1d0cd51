#pragma once
// The route table as --list-routes prints it, from a server that is built but never started.
#include <string>
#include <utility>
#include <vector>

#include "portal/core/log.hpp"
#include "portal/http/message.hpp"
#include "portal/http/server.hpp"
#include "portal/metrics/metrics.hpp"

namespace portal::service {

// "METHOD /template" per route, in registration order.
std::vector<std::string> route_lines(const std::vector<std::pair<http::Method, std::string>>& routes);

// register_routes(http::Server&) adds the service's routes; the standard ones (health, readiness,
// metrics) follow. No database, key or port is touched, and the server is never started.
template <class RegisterRoutes>
std::vector<std::string> list_routes(http::ServerOptions options, RegisterRoutes&& register_routes) {
  core::Logger logger(options.service_name, core::LogLevel::error);
  metrics::Registry metrics(options.service_name);
  http::Server server(std::move(options), logger, metrics, nullptr);
  register_routes(server);
  server.add_standard_routes([] { return std::string{}; });
  return route_lines(server.routes());
}

}  // namespace portal::service
