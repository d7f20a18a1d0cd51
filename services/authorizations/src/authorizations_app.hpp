#pragma once
// The authorizations service as one object on libs/service's DataService (database <data>/authorizations.db,
// auth's public keys, the HTTP server, the audit route): the catalogs, the affiliates and provider
// directories (libs/directory) and every route. Integration tests run it in-process on port 0.
#include <memory>
#include <string>
#include <vector>

#include "authorization_metrics.hpp"
#include "authorizations_context.hpp"
#include "portal/catalog/catalogs.hpp"
#include "portal/core/config.hpp"
#include "portal/directory/affiliate_directory.hpp"
#include "portal/directory/provider_directory.hpp"
#include "portal/http/client.hpp"
#include "portal/service/data_service.hpp"
#include "rule_set_cache.hpp"

namespace portal::authorizations {

class AuthorizationsApp : public service::DataService {
 public:
  // Opens (and migrates) the database, installs the default rule set on a database without any (version 1,
  // active), and seeds demo data when PORTAL_DEMO=true.
  AuthorizationsApp(core::Config config, const core::Clock& clock);
  ~AuthorizationsApp();

  static std::vector<std::string> list_routes(const core::Config& config);

 private:
  AuthorizationMetrics business_metrics_;
  std::shared_ptr<const catalog::Catalogs> catalogs_;
  std::unique_ptr<http::Client> affiliates_client_;
  std::unique_ptr<directory::AffiliateDirectory> affiliates_;
  std::unique_ptr<directory::ProviderDirectory> providers_;
  std::unique_ptr<RuleSetCache> rule_sets_;
  std::unique_ptr<AuthorizationsContext> ctx_;
};

db::Migrations authorizations_migrations();

// AUT-5 due times from PORTAL_AUTHORIZATIONS_DUE_{EMERGENCY,HOSPITALIZATION,OUTPATIENT}_MINUTES (0 or empty:
// none for that location). Defaults 120, 360 and none.
DueTimes due_times(const core::Config& config);
// Anexo 4 shared payment (docs/authorizations.md): PORTAL_AUTHORIZATIONS_MINIMUM_WAGE,
// PORTAL_AUTHORIZATIONS_CONTRIBUTORY_LEVEL (1..3), PORTAL_AUTHORIZATIONS_MODERATING_FEE_1..3.
SharedPaymentSettings shared_payment_settings(const core::Config& config);

}  // namespace portal::authorizations
