#pragma once
// HTTP <-> domain helpers of the urgencies routes: the service's problems, access checks and ids.
#include <optional>
#include <string>

#include "portal/http/problem.hpp"
#include "portal/http/server.hpp"
#include "urgency_access.hpp"

namespace portal::urgencies {

inline constexpr const char* kBase = "/api/v1/urgencies";
// Issue 11 item 5: the Res. 2335 matrix export of GET /api/v1/urgencies/{id}.
inline constexpr std::string_view kRes2335MatrixMediaType = "application/vnd.portal.res2335+json";

// Whether an Accept header names the matrix export (media types compare case-insensitively; parameters
// and other listed types are ignored: naming it asks for it).
bool wants_res2335_matrix(const std::optional<std::string>& accept);

// URG-2: 409 duplicate_attention_number.
http::Problem duplicate_attention_number(const std::string& attention_number, const std::string& day);
// 404 for an unknown id and for another provider's notification (SPEC §1: never a hint it exists).
http::Problem notification_not_found();

// 401 without principal; 403 when the action is not the caller's. On success, the caller's access.
struct Allowed {
  std::optional<http::Response> denied;
  UrgencyAccess access;
};
Allowed require_create(const http::Request& req);
Allowed require_read(const http::Request& req);

}  // namespace portal::urgencies
