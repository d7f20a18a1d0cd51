#pragma once
// Issue 9: the rolling-hour budgets of the anonymous registration and reset steps (AbuseLimits), counted
// in rate_events, and the fixed answer time of the steps that may send an e-mail. Shared by
// registration_routes.cpp and password_reset_routes.cpp.
#include <chrono>
#include <initializer_list>
#include <string>

#include "auth_context.hpp"
#include "portal/db/connection.hpp"
#include "portal/http/server.hpp"

namespace portal::auth {

inline constexpr const char* kLookupAddressScope = "contact_lookup_address";  // per client address
inline constexpr const char* kLookupNitScope = "contact_lookup_nit";          // misses per NIT
inline constexpr const char* kMailAccountScope = "mail_account";              // links e-mailed per user id
inline constexpr const char* kMailAddressScope = "mail_address";              // reset/resend per address
inline constexpr const char* kContactCaseScope = "contact_case_user";         // AUTH-11 cases per user id

struct Budget {
  const char* scope;  // also the metric's `limit` label
  std::string subject;
  int limit;
};

// Seconds until every budget has room for one more event (0: all have); counts the first one that is
// spent in auth_requests_limited_total.
long long budget_wait(db::Connection& c, const AuthContext& ctx, std::initializer_list<Budget> budgets);
void spend(db::Connection& c, const AuthContext& ctx, const char* scope, const std::string& subject);

// 429 too_many_attempts with Retry-After.
http::Response limited_response(const http::Request& req, long long retry_after_seconds);

// Issue 9: one more link may be e-mailed to the user this hour (AbuseLimits::mails_per_account); when so,
// it is counted. Run in the transaction that queues the e-mail.
bool take_mail_budget(db::Connection& c, const AuthContext& ctx, long long user_id);

// Holds the answer of a request that may or may not send an e-mail until `floor` after it started, so the
// matched and unmatched paths take the same time (issue 9; the work itself takes a few milliseconds).
class AnswerFloor {
 public:
  explicit AnswerFloor(std::chrono::milliseconds floor) : until_(std::chrono::steady_clock::now() + floor) {}
  void wait() const;

 private:
  std::chrono::steady_clock::time_point until_;
};

}  // namespace portal::auth
