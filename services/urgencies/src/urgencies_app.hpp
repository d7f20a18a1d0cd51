#pragma once
// The urgencies service as one object: database (<data>/urgencies.db) with its group committer, the
// catalogs (libs/catalog), auth's public keys (service::AuthKeys over PORTAL_AUTH_URL), the affiliates and
// provider directories (HTTP clients with short caches) and the HTTP server with every route.
// Integration tests run it in-process on port 0.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "portal/audit/retention.hpp"
#include "portal/catalog/catalogs.hpp"
#include "portal/core/clock.hpp"
#include "portal/core/config.hpp"
#include "portal/core/log.hpp"
#include "portal/db/database.hpp"
#include "portal/db/group_commit.hpp"
#include "portal/directory/affiliate_directory.hpp"
#include "portal/directory/provider_directory.hpp"
#include "portal/http/client.hpp"
#include "portal/http/idempotency.hpp"
#include "portal/http/server.hpp"
#include "portal/metrics/metrics.hpp"
#include "portal/service/auth_keys.hpp"
#include "portal/service/service_base.hpp"
#include "urgencies_context.hpp"
#include "urgency_metrics.hpp"

namespace portal::urgencies {

class UrgenciesApp : private service::ServiceBase {
 public:
  // Opens (and migrates) the database and seeds demo notifications when PORTAL_DEMO=true.
  UrgenciesApp(core::Config config, const core::Clock& clock);
  ~UrgenciesApp();
  UrgenciesApp(const UrgenciesApp&) = delete;
  UrgenciesApp& operator=(const UrgenciesApp&) = delete;

  void start();  // JWKS loading, HTTP server
  void stop();
  std::uint16_t port() const;
  // Ready once auth's keys are loaded and the database answers (/readyz).
  bool ready();

  // "METHOD /template" per route, built without opening any database or port (--list-routes).
  static std::vector<std::string> list_routes(const core::Config& config);

  db::Database& database() { return *db_; }
  db::GroupCommitter& writer() { return *writer_; }

 private:
  UrgencyMetrics business_metrics_;
  std::shared_ptr<const catalog::Catalogs> catalogs_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<db::GroupCommitter> writer_;
  std::unique_ptr<http::IdempotencyStore> idempotency_;
  std::unique_ptr<service::AuthKeys> auth_keys_;
  std::unique_ptr<http::Client> affiliates_client_;
  std::unique_ptr<AffiliateDirectory> affiliates_;
  std::unique_ptr<ProviderDirectory> providers_;
  std::unique_ptr<UrgenciesContext> ctx_;
  std::unique_ptr<http::Server> server_;
  std::unique_ptr<audit::RetentionSweeper> audit_retention_;
  bool started_ = false;
};

db::Migrations urgencies_migrations();

}  // namespace portal::urgencies
