#pragma once
// Issue 10: the gateway labels its RED metrics by the upstream's route template, not by area, so a
// dashboard tells a list from a detail, a PDF or a POST. The templates come from api/openapi.yaml (the
// contract the contract test holds every service to): each documented operation under a proxied area
// becomes a gateway route, "{id}" written ":id", that forwards like the area's catch-all.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "portal/http/message.hpp"
#include "route_table.hpp"

namespace portal::gateway {

// "/api/v1/users/{id}" -> "/api/v1/users/:id".
std::string to_route_template(std::string_view openapi_path);

// The (method, template) of every operation in the OpenAPI text whose path lies under one of the
// table's prefixes. Throws std::runtime_error when the text is not YAML with a `paths` map.
std::vector<std::pair<http::Method, std::string>> documented_routes(std::string_view openapi_yaml,
                                                                    const RouteTable& table);

}  // namespace portal::gateway
