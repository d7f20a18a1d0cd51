#pragma once
// HTTP <-> domain helpers of the referrals routes: the path, the service's problems, visibility and ETags.
#include <optional>
#include <string>

#include "portal/http/problem.hpp"
#include "portal/http/server.hpp"
#include "referral.hpp"
#include "referral_access.hpp"
#include "referrals_context.hpp"

namespace portal::referrals {

inline constexpr const char* kReferrals = "/api/v1/referrals";
inline constexpr std::string_view kRes2335MatrixMediaType = "application/vnd.portal.res2335+json";

http::Problem referral_not_found();
http::Response open_referral_exists(const http::Request& req,
                                    long long open_id);  // 409 with open_referral_id
http::Problem referral_closed();
http::Problem acceptance_required();
http::Problem step_not_for_your_side();
http::Problem precondition_required();
http::Problem precondition_failed();
// 406: the Res. 2335 view or document of a referral registered before 1 April 2026 (Res. 3047).
http::Problem not_under_res2335(const Referral& r);
// 404: ?step= names no counter-referral step of the referral.
http::Problem no_counter_referral(long long seq);

// The referral when the caller may see it: every one for the EPS, else where the caller's provider is origin
// or destination (another provider's is nullopt: 404, never a hint it exists).
std::optional<Referral> find_visible(ReferralsContext& ctx, long long id, const ReferralAccess& access);
// W/"<id>-<version>": the ETag of a referral (GET) and what a step's If-Match must name.
std::string referral_etag(const Referral& r);
bool wants_res2335_matrix(const std::optional<std::string>& accept);

// 401 without principal; 403 when the action is not the caller's. On success, the caller's access.
struct Allowed {
  std::optional<http::Response> denied;
  ReferralAccess access;
};
Allowed require(const http::Request& req, bool ReferralAccess::*action);

}  // namespace portal::referrals
