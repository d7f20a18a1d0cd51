#include "portal/http/json_body.hpp"

#include "policies.hpp"
#include "portal/http/problem.hpp"

namespace portal::http {

Response json_response(int status, const std::function<void(json::Writer&)>& write) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  write(w);
  return Response::json(status, std::string{buffer.GetString(), buffer.GetSize()});
}

std::variant<rapidjson::Document, Response> read_json_body(const Request& req) {
  const auto content_type = req.header("Content-Type");
  if (!content_type || !policy::is_json_media_type(*content_type))
    return problem_response(unsupported_media_type(), req.lang);
  json::Parsed parsed = json::parse(req.body);
  if (!parsed.ok()) {
    const auto& err = *parsed.error;
    if (err.code == "too_deep") return problem_response(too_deep(), req.lang);
    // A valid document that is not an object is still malformed for us; the detail says which.
    return problem_response(malformed_json(err.message.es, err.message.en), req.lang);
  }
  return std::move(parsed.doc);
}

std::optional<Response> require_any_role(const Request& req, std::initializer_list<std::string_view> roles) {
  if (!req.principal)
    return problem_response(unauthorized(), req.lang);  // WWW-Authenticate: added by the server
  for (std::string_view role : roles)
    if (req.principal->has_role(role)) return std::nullopt;
  return problem_response(forbidden(), req.lang);
}

}  // namespace portal::http
