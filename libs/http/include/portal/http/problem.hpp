#pragma once
// RFC 9457 problem details (SPEC §2): {type, title, status, detail, code, errors:[{field,code,message}]}
// served as application/problem+json, in Spanish unless Accept-Language prefers English.
#include <string>

#include "portal/core/errors.hpp"
#include "portal/http/message.hpp"

namespace portal::http {

struct Problem {
  int status = 400;
  std::string code;  // stable machine code: "validation_failed", "invalid_token", "not_found"
  core::Text title;
  core::Text detail;
  core::FieldErrors errors;
};

// type is "/problems/<code>" (problem_types.hpp: the gateway serves a page there).
Response problem_response(const Problem& p, core::Lang lang);

// A service's own problem (its code, title and detail in both languages).
Problem make_problem(int status, std::string code, core::Text title, core::Text detail);

// The project's common problems; services add their own with the same shape.
Problem malformed_json(std::string_view detail_es, std::string_view detail_en);  // 400 malformed_json
Problem validation_failed(core::FieldErrors errors);                             // 422 validation_failed
Problem bad_request(core::FieldErrors errors);                                   // 400 invalid_request
Problem unauthorized();                                 // 401 unauthorized (no/invalid token)
Problem forbidden();                                    // 403 forbidden
Problem not_found();                                    // 404 not_found
Problem route_not_found();                              // 404 route_not_found
Problem method_not_allowed();                           // 405 method_not_allowed
Problem conflict(std::string code, core::Text detail);  // 409, titled by problem_types()
Problem payload_too_large(std::size_t limit_bytes);     // 413 payload_too_large
Problem unsupported_media_type();  // 415 unsupported_media_type (expects application/json)
Problem too_many_requests();       // 429 rate_limited
Problem internal_error();          // 500 internal_error, no detail of the cause
Problem service_unavailable(std::string_view upstream);  // 503 upstream_unavailable
Problem gateway_timeout(std::string_view upstream);      // 504 upstream_timeout
Problem overloaded();                                    // 503 overloaded (worker queue full)
Problem not_ready(std::string_view reason);              // 503 not_ready (/readyz)
Problem storage_unavailable();  // 503 storage_unavailable (full disk, database down; issue 8)
Problem storage_busy();         // 503 storage_busy (lock or serialization timeout)
Problem storage_conflict();     // 409 conflict (a unique key no route anticipated)
Problem invalid_path();         // 400 invalid_path (NUL, "..", bad percent-encoding)
// 408: the request did not arrive whole within the server's request timeout.
Problem request_timeout();
Problem malformed_request();  // 400 malformed_request (unparseable HTTP)
Problem too_deep();           // 400 too_deep (JSON nesting beyond the limit)

}  // namespace portal::http
