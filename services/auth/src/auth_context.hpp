#pragma once
// What every auth route needs, passed in (no globals): settings, the clock, the database, the signing
// keys, the mail outbox, the idempotency store. db/keys/outbox/idempotency are null only when the routes are
// built to be listed.
#include <chrono>
#include <string>
#include <vector>

#include "abuse_limits.hpp"
#include "auth_metrics.hpp"
#include "contact_rules.hpp"
#include "login_throttle.hpp"
#include "portal/core/clock.hpp"
#include "portal/core/config.hpp"
#include "portal/core/log.hpp"
#include "portal/db/database.hpp"
#include "portal/http/idempotency.hpp"
#include "portal/mail/outbox.hpp"
#include "portal/security/jwt.hpp"

namespace portal::auth {

struct AuthSettings {
  std::string issuer = "eps-portal-auth";
  std::string audience = "eps-portal";
  std::chrono::seconds access_ttl{900};
  std::chrono::seconds refresh_ttl{std::chrono::hours{24 * 30}};
  std::string public_url = "http://localhost:8080";  // base of the links sent by e-mail
  std::string attention_phone;
  ThrottleLimits throttle;  // AUTH-3, issue 9: delays per account, locks per (account, address) and address
  AbuseLimits limits;       // issue 9: contact lookups, e-mailed links
  ContactSettings contact;  // AUTH-11 (issue 20): the areas' mailboxes and the hourly limit per user

  // Throws std::invalid_argument naming the key when a value is unusable (a mailbox that is not an address).
  static AuthSettings from_config(const core::Config& config);
};

// AUTH-2/6/8 lifetimes of the links sent by e-mail.
inline constexpr std::chrono::hours kActivationTtl{48};
inline constexpr std::chrono::hours kPasswordResetTtl{1};
inline constexpr std::chrono::hours kSetPasswordTtl{72};

struct AuthContext {
  AuthSettings settings;
  const core::Clock& clock;
  core::Logger& logger;
  db::Database* db = nullptr;
  const security::KeyStore* keys = nullptr;
  mail::Outbox* outbox = nullptr;
  // AUTH-3: verified when the account does not exist, so both paths cost one argon2 verify.
  std::string dummy_hash;
  // SPEC §2 Idempotency-Key (libs/http) over this service's idempotency_keys table (migration 0006).
  http::IdempotencyStore* idempotency = nullptr;
  // Issue 9 counters; null when the routes are built to be listed.
  AuthMetrics* metrics = nullptr;

  std::string now_text() const { return core::to_rfc3339(clock.now()); }
};

}  // namespace portal::auth
