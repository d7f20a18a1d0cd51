#pragma once
// GW-2: the explicit allow-list of routes reachable without a token — the (P) routes of the brief:
// login, refresh, client credentials, JWKS, registration, password reset and the current policies.
// Everything else needs a valid bearer token at the gateway. Pure: no I/O.
#include <string>
#include <string_view>
#include <vector>

#include "portal/http/message.hpp"

namespace portal::gateway {

struct PublicRoute {
  http::Method method;
  std::string pattern;  // literal segments and ":name" segments matching exactly one non-empty segment
};

// Whole-path match of a pattern, segment by segment (no prefixes, no trailing slash tolerance).
bool matches_pattern(std::string_view pattern, std::string_view path);

class PublicRoutes {
 public:
  explicit PublicRoutes(std::vector<PublicRoute> routes) : routes_(std::move(routes)) {}
  // HEAD is allowed wherever GET is (same resource, no body).
  bool is_public(http::Method method, std::string_view path) const;
  const std::vector<PublicRoute>& routes() const { return routes_; }

 private:
  std::vector<PublicRoute> routes_;
};

PublicRoutes default_public_routes();

// Routes that check a password or client secret: the gateway's stricter per-address bucket applies
// (GW-4, "stricter on login").
bool is_credential_route(http::Method method, std::string_view path);

}  // namespace portal::gateway
