#pragma once
// HTTP <-> domain helpers of the authorizations routes: paths, the service's problems and access checks.
#include <optional>
#include <string>

#include "authorization.hpp"
#include "authorization_access.hpp"
#include "authorizations_context.hpp"
#include "portal/http/problem.hpp"
#include "portal/http/server.hpp"
#include "request_document.hpp"

namespace portal::authorizations {

inline constexpr const char* kRequests = "/api/v1/authorization-requests";
inline constexpr const char* kRules = "/api/v1/authorization-rules";
inline constexpr const char* kContracts = "/api/v1/provider-contracts";
inline constexpr const char* kAuthorizations = "/api/v1/authorizations";
inline constexpr const char* kIndicators = "/api/v1/indicators";
inline constexpr const char* kAuthorizationMetrics = "/api/v1/authorization-metrics";
inline constexpr std::string_view kRes2335MatrixMediaType = "application/vnd.portal.res2335+json";

bool wants_res2335_matrix(const std::optional<std::string>& accept);

http::Problem duplicate_request_number(const std::string& number, int year);
http::Problem request_not_found();
http::Problem rule_set_not_found();
http::Problem no_active_rule_set();
http::Problem annulment_not_allowed(const std::string& detail_es, const std::string& detail_en);
// Issue 13.
http::Problem precondition_required();                                     // 428: a decision without If-Match
http::Problem precondition_failed();                                       // 412: a stale If-Match
http::Problem decision_not_allowed(RequestStatus from, RequestStatus to);  // 409 outside the AUT-3 table
http::Problem document_not_available(const std::string& document, RequestStatus status);  // 409 (AUT-8)
http::Problem authorization_not_found();                                                  // 404
http::Problem authorization_not_usable(const core::Text& detail);  // 409: used already, or annulled

// The request when the caller may see it (another provider's is nullopt: 404, never a hint it exists).
std::optional<AuthorizationRequest> find_visible(AuthorizationsContext& ctx, long long id,
                                                 const AuthorizationAccess& access);
// What the documents print beyond the request: the payer, and the provider as the registry describes it
// (its stored name when the registry cannot answer: never a failed PDF).
DocumentContext document_context(AuthorizationsContext& ctx, const http::Request& req,
                                 const AuthorizationRequest& r);
// W/"<id>-<version>": the ETag of a request (GET) and what a decision's If-Match must name.
std::string request_etag(const AuthorizationRequest& r);

// 401 without principal; 403 when the action is not the caller's. On success, the caller's access.
struct Allowed {
  std::optional<http::Response> denied;
  AuthorizationAccess access;
};
Allowed require(const http::Request& req, bool AuthorizationAccess::*action);

}  // namespace portal::authorizations
