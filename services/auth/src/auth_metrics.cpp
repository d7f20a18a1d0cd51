#include "auth_metrics.hpp"

#include <string>

namespace portal::auth {

AuthMetrics::AuthMetrics(metrics::Registry& registry)
    : service_(registry.service()),
      throttled_(&prometheus::BuildCounter()
                      .Name("auth_login_throttled_total")
                      .Help("Logins refused by the throttle, by scope (account, account_address, address)")
                      .Register(registry.prom())),
      limited_(&prometheus::BuildCounter()
                    .Name("auth_requests_limited_total")
                    .Help("Requests refused or not mailed by auth's hourly limits (registration, reset, "
                          "contact cases)")
                    .Register(registry.prom())),
      logins_(
          &prometheus::BuildCounter()
               .Name("auth_logins_total")
               .Help("Login attempts by outcome (succeeded, unknown_account, wrong_password, not_allowed, "
                     "throttled)")
               .Register(registry.prom())) {
  // Every series exists from the start, so an alert on its rate sees 0 rather than nothing.
  for (auto scope : {ThrottleScope::account, ThrottleScope::account_address, ThrottleScope::address})
    throttled_->Add({{"service", service_}, {"scope", std::string{to_string(scope)}}});
  for (const char* limit :
       {"contact_lookup_address", "contact_lookup_nit", "mail_account", "mail_address", "contact_case_user"})
    limited_->Add({{"service", service_}, {"limit", limit}});
  for (const char* outcome : {"succeeded", "unknown_account", "wrong_password", "not_allowed", "throttled"})
    logins_->Add({{"service", service_}, {"outcome", outcome}});
}

void AuthMetrics::login(std::string_view outcome) {
  logins_->Add({{"service", service_}, {"outcome", std::string{outcome}}}).Increment();
}

void AuthMetrics::login_throttled(ThrottleScope scope) {
  throttled_->Add({{"service", service_}, {"scope", std::string{to_string(scope)}}}).Increment();
}

void AuthMetrics::limited(std::string_view limit) {
  limited_->Add({{"service", service_}, {"limit", std::string{limit}}}).Increment();
}

}  // namespace portal::auth
