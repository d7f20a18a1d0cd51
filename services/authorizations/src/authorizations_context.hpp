#pragma once
// What every authorizations route needs, passed in (no globals). The pointers are null only when the
// routes are built to be listed (--list-routes).
#include <string>

#include "portal/core/clock.hpp"
#include "portal/core/log.hpp"
#include "portal/db/database.hpp"
#include "portal/db/group_commit.hpp"
#include "shared_payment.hpp"
#include "traffic_light.hpp"

namespace portal::catalog {
class Catalogs;
}
namespace portal::http {
class IdempotencyStore;
}
namespace portal::events {
class Relay;
}
namespace portal::mail {
class Outbox;
}
namespace portal::directory {
class AffiliateDirectory;
class ProviderDirectory;
}  // namespace portal::directory

namespace portal::authorizations {

class AuthorizationMetrics;
class RuleSetCache;

// The EPS printed on the documents (PORTAL_PAYER_NAME / PORTAL_PAYER_CODE).
struct Payer {
  std::string name = "EPS Demo";
  std::string code = "EPS000";
};

struct AuthorizationsContext {
  const core::Clock& clock;
  core::Logger& logger;
  const catalog::Catalogs* catalogs = nullptr;
  db::Database* db = nullptr;
  db::GroupCommitter* writer =
      nullptr;  // every request insert goes through group commit (SQLite: one fsync for many)
  http::IdempotencyStore* idempotency = nullptr;
  directory::AffiliateDirectory* affiliates = nullptr;
  directory::ProviderDirectory* providers = nullptr;
  AuthorizationMetrics* metrics = nullptr;
  RuleSetCache* rule_sets = nullptr;
  std::string attention_phone;  // PORTAL_ATTENTION_PHONE (the affiliate messages point to it)
  Payer payer;
  DueTimes due_times;                    // AUT-5, PORTAL_AUTHORIZATIONS_DUE_*_MINUTES
  SharedPaymentSettings shared_payment;  // Anexo 4 fields 45-48 (PORTAL_AUTHORIZATIONS_MINIMUM_WAGE, ...)
  // Issue 15 / AUT-6: events and e-mails are rows of the change's own transaction; these are woken after it.
  events::Relay* events = nullptr;
  mail::Outbox* outbox = nullptr;
  std::string line_mailbox;  // PORTAL_AUTHORIZATIONS_LINE_EMAIL: the authorizations line's mailbox
  std::string public_url = "http://localhost:8080";  // PORTAL_PUBLIC_URL: base of the links in e-mails
};

}  // namespace portal::authorizations
