#pragma once
// What every referrals route needs, passed in (no globals). The pointers are null only when the routes are
// built to be listed (--list-routes).
#include <string>

#include "portal/core/clock.hpp"
#include "portal/core/log.hpp"
#include "portal/db/database.hpp"
#include "portal/db/group_commit.hpp"

namespace portal::catalog {
class Catalogs;
}
namespace portal::http {
class IdempotencyStore;
}
namespace portal::events {
class Relay;
}
namespace portal::directory {
class AffiliateDirectory;
class ProviderDirectory;
}  // namespace portal::directory

namespace portal::referrals {

class ReferralMetrics;

// The EPS printed on the documents (PORTAL_PAYER_NAME / PORTAL_PAYER_CODE), as the other services do.
struct Payer {
  std::string name = "EPS Demo";
  std::string code = "EPS000";
};

struct ReferralsContext {
  const core::Clock& clock;
  core::Logger& logger;
  const catalog::Catalogs* catalogs = nullptr;
  db::Database* db = nullptr;
  db::GroupCommitter* writer = nullptr;
  http::IdempotencyStore* idempotency = nullptr;
  directory::AffiliateDirectory* affiliates = nullptr;
  directory::ProviderDirectory* providers = nullptr;
  ReferralMetrics* metrics = nullptr;
  events::Relay* events = nullptr;  // issue 15: woken after a change that published events
  std::string attention_phone;      // PORTAL_ATTENTION_PHONE (the affiliate messages point to it)
  Payer payer;
};

}  // namespace portal::referrals
