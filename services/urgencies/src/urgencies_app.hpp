#pragma once
// The urgencies service as one object on libs/service's DataService (database <data>/urgencies.db with its
// group committer, auth's public keys over PORTAL_AUTH_URL, the HTTP server, the audit route): the catalogs
// (libs/catalog), the affiliates and provider directories (HTTP clients with short caches) and every route.
// Integration tests run it in-process on port 0.
#include <memory>
#include <string>
#include <vector>

#include "portal/catalog/catalogs.hpp"
#include "portal/core/clock.hpp"
#include "portal/core/config.hpp"
#include "portal/core/log.hpp"
#include "portal/db/database.hpp"
#include "portal/db/group_commit.hpp"
#include "portal/directory/affiliate_directory.hpp"
#include "portal/directory/provider_directory.hpp"
#include "portal/http/client.hpp"
#include "portal/metrics/metrics.hpp"
#include "portal/service/data_service.hpp"
#include "urgencies_context.hpp"
#include "urgency_metrics.hpp"

namespace portal::urgencies {

class UrgenciesApp : public service::DataService {
 public:
  // Opens (and migrates) the database and seeds demo notifications when PORTAL_DEMO=true.
  UrgenciesApp(core::Config config, const core::Clock& clock);
  ~UrgenciesApp();

  // "METHOD /template" per route, built without opening any database or port (--list-routes).
  static std::vector<std::string> list_routes(const core::Config& config);

  db::GroupCommitter& writer() { return *writer_; }

 private:
  UrgencyMetrics business_metrics_;
  std::shared_ptr<const catalog::Catalogs> catalogs_;
  std::unique_ptr<http::Client> affiliates_client_;
  std::unique_ptr<AffiliateDirectory> affiliates_;
  std::unique_ptr<ProviderDirectory> providers_;
  std::unique_ptr<UrgenciesContext> ctx_;
};

db::Migrations urgencies_migrations();

}  // namespace portal::urgencies
