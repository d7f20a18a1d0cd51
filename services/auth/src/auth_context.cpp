#include "auth_context.hpp"

#include <sstream>
#include <stdexcept>

#include "portal/mail/mime.hpp"

namespace portal::auth {
namespace {

// AUTH-11: a case must reach its area, so a mailbox that cannot be a recipient stops the start-up.
std::string mailbox_setting(const core::Config& config, const char* key, const std::string& fallback) {
  auto value = config.get(key, fallback);
  if (!mail::valid_recipient(value))
    throw std::invalid_argument(std::string{key} + " must be an e-mail address");
  return value;
}

ContactSettings contact_settings_from_config(const core::Config& config) {
  ContactSettings c;
  c.user_attention_mailbox =
      mailbox_setting(config, "PORTAL_CONTACT_USER_ATTENTION_EMAIL", c.user_attention_mailbox);
  c.technical_support_mailbox =
      mailbox_setting(config, "PORTAL_CONTACT_TECHNICAL_SUPPORT_EMAIL", c.technical_support_mailbox);
  const auto per_hour = config.get_int("PORTAL_CONTACT_CASES_PER_USER_HOUR", c.cases_per_user_per_hour);
  if (per_hour < 1 || per_hour > 1000)
    throw std::invalid_argument("PORTAL_CONTACT_CASES_PER_USER_HOUR must be a whole number from 1 to 1000");
  c.cases_per_user_per_hour = static_cast<int>(per_hour);
  return c;
}

}  // namespace

AuthSettings AuthSettings::from_config(const core::Config& config) {
  AuthSettings s;
  s.issuer = config.get("PORTAL_JWT_ISSUER", s.issuer);
  s.audience = config.get("PORTAL_JWT_AUDIENCE", s.audience);
  s.access_ttl = std::chrono::seconds{config.get_int("PORTAL_ACCESS_TOKEN_TTL", 900)};
  s.refresh_ttl = std::chrono::seconds{config.get_int("PORTAL_REFRESH_TOKEN_TTL", 30LL * 24 * 3600)};
  s.public_url = config.get("PORTAL_PUBLIC_URL", s.public_url);
  while (!s.public_url.empty() && s.public_url.back() == '/') s.public_url.pop_back();
  s.attention_phone = config.get("PORTAL_ATTENTION_PHONE", "");
  s.throttle = throttle_limits_from_config(config);
  s.limits = abuse_limits_from_config(config);
  s.contact = contact_settings_from_config(config);
  return s;
}

}  // namespace portal::auth
