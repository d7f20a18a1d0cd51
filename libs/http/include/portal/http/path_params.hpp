#pragma once
// Integer path parameters (`/users/:id`) as api/openapi.yaml declares them: integer, minimum 1 (issue 10).
// A non-numeric id is the client's malformed request, not a missing resource: 400 `invalid_request` naming
// the parameter, the same in every service; a well-formed id that matches nothing stays a 404.
#include <optional>
#include <string_view>
#include <variant>

#include "portal/http/message.hpp"
#include "portal/http/problem.hpp"

namespace portal::http {

// Pure: "17" → 17 (leading zeros allowed); nullopt for empty, any non-digit (sign, space, letter), 0, and
// more than 18 digits (beyond what int64 always holds).
std::optional<long long> parse_positive_id(std::string_view raw);

// 400 invalid_request with one field error {field: <name>, code: "not_a_positive_integer"}.
Problem invalid_path_id(std::string_view name);

// The parameter, or the 400 answer for it.
std::variant<long long, Response> positive_id_param(const Request& req, std::string_view name = "id");

}  // namespace portal::http
