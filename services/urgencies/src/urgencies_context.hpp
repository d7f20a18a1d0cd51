#pragma once
// What every urgencies route needs, passed in (no globals). The pointers are null only when the routes
// are built to be listed (--list-routes).
#include <chrono>
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
namespace portal::directory {
class AffiliateDirectory;
class ProviderDirectory;
}  // namespace portal::directory

namespace portal::urgencies {

using directory::AffiliateDirectory;  // libs/directory (issue 12)
using directory::ProviderDirectory;
class UrgencyMetrics;

// The EPS printed on Anexo 2 (PORTAL_PAYER_NAME / PORTAL_PAYER_CODE).
struct Payer {
  std::string name = "EPS Demo";
  std::string code = "EPS000";
};

struct UrgenciesContext {
  const core::Clock& clock;
  core::Logger& logger;
  const catalog::Catalogs* catalogs = nullptr;
  db::Database* db = nullptr;
  db::GroupCommitter* writer = nullptr;  // every notification insert goes through group commit
  http::IdempotencyStore* idempotency = nullptr;
  AffiliateDirectory* affiliates = nullptr;
  ProviderDirectory* providers = nullptr;
  UrgencyMetrics* metrics = nullptr;
  std::string attention_phone;  // PORTAL_ATTENTION_PHONE (URG-2: the affiliate messages point to it)
  Payer payer;
  // Issue 11: last Bogotá day a Res. 3047-shaped body is accepted (PORTAL_URGENCIES_RES3047_BODIES_UNTIL).
  std::chrono::year_month_day res3047_bodies_until{std::chrono::year{2027}, std::chrono::March,
                                                   std::chrono::day{31}};
};

}  // namespace portal::urgencies
