#include "portal/http/path_params.hpp"

#include "portal/http/server.hpp"

namespace portal::http {

std::optional<long long> parse_positive_id(std::string_view raw) {
  if (raw.empty() || raw.size() > 18) return std::nullopt;
  long long value = 0;
  for (const char c : raw) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value < 1) return std::nullopt;
  return value;
}

Problem invalid_path_id(std::string_view name) {
  return bad_request({core::FieldError{
      std::string{name},
      "not_a_positive_integer",
      {"Debe ser un número entero mayor que cero.", "Must be an integer greater than zero."}}});
}

std::variant<long long, Response> positive_id_param(const Request& req, std::string_view name) {
  if (auto id = parse_positive_id(req.param(name).value_or(""))) return *id;
  return problem(req, invalid_path_id(name));
}

}  // namespace portal::http
