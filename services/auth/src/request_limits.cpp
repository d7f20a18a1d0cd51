#include "request_limits.hpp"

#include <algorithm>
#include <thread>

#include "auth_http.hpp"
#include "rate_event_store.hpp"
#include "rate_window.hpp"

namespace portal::auth {

long long budget_wait(db::Connection& c, const AuthContext& ctx, std::initializer_list<Budget> budgets) {
  const auto now = ctx.clock.now();
  const auto window = ctx.settings.limits.window;
  long long wait = 0;
  for (const auto& b : budgets) {
    const auto w = seconds_until_below(rate_event_store::since(c, b.scope, b.subject, now - window), now,
                                       b.limit, window);
    if (w > 0 && wait == 0 && ctx.metrics) ctx.metrics->limited(b.scope);
    wait = std::max(wait, w);
  }
  return wait;
}

void spend(db::Connection& c, const AuthContext& ctx, const char* scope, const std::string& subject) {
  rate_event_store::record(c, scope, subject, ctx.clock.now());
}

http::Response limited_response(const http::Request& req, long long retry_after_seconds) {
  return http::problem(req, too_many_attempts())
      .with_header("Retry-After", std::to_string(retry_after_seconds));
}

bool take_mail_budget(db::Connection& c, const AuthContext& ctx, long long user_id) {
  const std::string subject = std::to_string(user_id);
  if (budget_wait(c, ctx, {Budget{kMailAccountScope, subject, ctx.settings.limits.mails_per_account}}) > 0)
    return false;
  spend(c, ctx, kMailAccountScope, subject);
  return true;
}

void AnswerFloor::wait() const { std::this_thread::sleep_until(until_); }

}  // namespace portal::auth
