// Issue 10: the gateway's route templates come from the OpenAPI document, so its RED metrics carry the
// upstream's template instead of the area.
#include "documented_routes.hpp"

#include <catch2/catch.hpp>

using namespace portal::gateway;
using portal::http::Method;

TEST_CASE("issue 10: OpenAPI paths become route templates") {
  struct Row {
    const char* openapi;
    const char* route;
  };
  for (const auto& [openapi, route] :
       {Row{"/api/v1/users/{id}", "/api/v1/users/:id"},
        Row{"/api/v1/urgencies/{id}/report.pdf", "/api/v1/urgencies/:id/report.pdf"},
        Row{"/api/v1/catalogs/{name}", "/api/v1/catalogs/:name"}, Row{"/api/v1/calls", "/api/v1/calls"},
        Row{"/api/v1/x/{broken", "/api/v1/x/{broken"}}) {
    CAPTURE(openapi);
    CHECK(to_route_template(openapi) == route);
  }
}

TEST_CASE("issue 10: documented operations under a proxied area, with their methods; nothing else") {
  const auto table = default_route_table();
  const auto routes = documented_routes(R"(
openapi: 3.1.0
paths:
  /healthz:
    get: {}
  /api/v1/calls:
    get: {}
    post: {}
  /api/v1/calls/{id}:
    parameters: []
    get: {}
  /api/v1/affiliates/{id}:
    get: {}
    patch: {}
  /api/v1/nowhere/{id}:
    delete: {}
)",
                                        table);
  using Route = std::pair<Method, std::string>;
  CHECK(routes == std::vector<Route>{{Method::get, "/api/v1/calls"},
                                     {Method::post, "/api/v1/calls"},
                                     {Method::get, "/api/v1/calls/:id"},
                                     {Method::get, "/api/v1/affiliates/:id"},
                                     {Method::patch, "/api/v1/affiliates/:id"}});
  CHECK_THROWS_WITH(documented_routes("openapi: 3.1.0\n", table), Catch::Contains("no paths"));
  CHECK_THROWS(documented_routes("paths: [unclosed", table));
}
