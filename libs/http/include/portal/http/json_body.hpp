#pragma once
// Reading JSON request bodies the same way everywhere: Content-Type must be application/json (415),
// the body must parse (iterative, depth-limited: 400 malformed_json / too_deep) into an object.
#include <functional>
#include <variant>

#include "portal/http/message.hpp"
#include "portal/json/json.hpp"

namespace portal::http {

// A JSON response whose body `write` produces with a RapidJSON writer.
Response json_response(int status, const std::function<void(json::Writer&)>& write);

// Either the parsed object or the problem response to return as is.
std::variant<rapidjson::Document, Response> read_json_body(const Request& req);

// 403 unless the principal has one of the roles; 401 without principal.
std::optional<Response> require_any_role(const Request& req, std::initializer_list<std::string_view> roles);

}  // namespace portal::http
