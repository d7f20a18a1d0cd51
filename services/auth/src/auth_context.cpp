#include "auth_context.hpp"

#include <sstream>

namespace portal::auth {

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
  return s;
}

}  // namespace portal::auth
