#pragma once
// HTTP <-> domain helpers of the authorizations routes: paths, the service's problems and access checks.
#include <optional>
#include <string>

#include "authorization_access.hpp"
#include "portal/http/problem.hpp"
#include "portal/http/server.hpp"

namespace portal::authorizations {

inline constexpr const char* kRequests = "/api/v1/authorization-requests";
inline constexpr const char* kRules = "/api/v1/authorization-rules";
inline constexpr const char* kContracts = "/api/v1/provider-contracts";
inline constexpr std::string_view kRes2335MatrixMediaType = "application/vnd.portal.res2335+json";

bool wants_res2335_matrix(const std::optional<std::string>& accept);

http::Problem duplicate_request_number(const std::string& number, int year);
http::Problem request_not_found();
http::Problem rule_set_not_found();
http::Problem no_active_rule_set();
http::Problem annulment_not_allowed(const std::string& detail_es, const std::string& detail_en);

// 401 without principal; 403 when the action is not the caller's. On success, the caller's access.
struct Allowed {
  std::optional<http::Response> denied;
  AuthorizationAccess access;
};
Allowed require(const http::Request& req, bool AuthorizationAccess::*action);

}  // namespace portal::authorizations
