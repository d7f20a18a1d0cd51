#include "abuse_limits.hpp"

namespace portal::auth {
namespace {

int count_setting(const core::Config& config, const char* key, int fallback) {
  return static_cast<int>(config.get_int(key, fallback));
}

}  // namespace

AbuseLimits abuse_limits_from_config(const core::Config& config) {
  AbuseLimits l;
  l.lookups_per_address =
      count_setting(config, "PORTAL_REGISTRATION_LOOKUPS_PER_ADDRESS", l.lookups_per_address);
  l.lookup_misses_per_nit =
      count_setting(config, "PORTAL_REGISTRATION_MISSES_PER_NIT", l.lookup_misses_per_nit);
  l.mails_per_account = count_setting(config, "PORTAL_MAIL_LINKS_PER_ACCOUNT", l.mails_per_account);
  l.mail_requests_per_address =
      count_setting(config, "PORTAL_MAIL_REQUESTS_PER_ADDRESS", l.mail_requests_per_address);
  l.mail_request_floor =
      std::chrono::milliseconds{config.get_int("PORTAL_MAIL_REQUEST_FLOOR_MS", l.mail_request_floor.count())};
  return l;
}

ThrottleLimits throttle_limits_from_config(const core::Config& config) {
  ThrottleLimits t;
  t.per_account_address =
      count_setting(config, "PORTAL_LOGIN_FAILURES_PER_ACCOUNT_ADDRESS", t.per_account_address);
  t.per_address = count_setting(config, "PORTAL_LOGIN_FAILURES_PER_ADDRESS", t.per_address);
  t.delay_after = count_setting(config, "PORTAL_LOGIN_DELAY_AFTER", t.delay_after);
  t.delay_base =
      std::chrono::seconds{config.get_int("PORTAL_LOGIN_DELAY_BASE_SECONDS", t.delay_base.count())};
  t.delay_max = std::chrono::seconds{config.get_int("PORTAL_LOGIN_DELAY_MAX_SECONDS", t.delay_max.count())};
  return t;
}

}  // namespace portal::auth
