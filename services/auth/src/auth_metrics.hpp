#pragma once
// Issue 9: the auth service's own alert-worthy counters, beside the RED metrics every process has.
//   auth_login_throttled_total{service,scope}: logins refused by the throttle; scope "account" (an
//     account failing from several addresses is being slowed: an attack on it, or a forgotten password),
//     "account_address" (one address locked out of one account), "address" (one address failing on many).
//   auth_logins_total{service,outcome} (issue 10): every login attempt that got past validation, by outcome:
//     succeeded, unknown_account, wrong_password, not_allowed (inactive, expired or pending account),
//     throttled.
//   auth_requests_limited_total{service,limit}: anonymous requests refused or left without their e-mail by
//     the limits of registration and reset (contact_lookup_address, contact_lookup_nit, mail_account,
//     mail_address), and contact cases refused by the per-user hourly limit (contact_case_user, issue 20).
#include <prometheus/counter.h>

#include <string_view>

#include "login_throttle.hpp"
#include "portal/metrics/metrics.hpp"

namespace portal::auth {

class AuthMetrics {
 public:
  explicit AuthMetrics(metrics::Registry& registry);
  void login_throttled(ThrottleScope scope);
  void limited(std::string_view limit);
  void login(std::string_view outcome);

 private:
  std::string service_;
  prometheus::Family<prometheus::Counter>* throttled_;
  prometheus::Family<prometheus::Counter>* limited_;
  prometheus::Family<prometheus::Counter>* logins_;
};

}  // namespace portal::auth
