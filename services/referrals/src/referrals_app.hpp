#pragma once
// The referrals service as one object on libs/service's DataService (database <data>/referrals.db, auth's
// public keys, the HTTP server, the audit route): the catalogs, the affiliates and provider directories
// (libs/directory), the event relay (issue 15) and every route. Integration tests run it in-process on port
// 0.
#include <memory>
#include <string>
#include <vector>

#include "portal/catalog/catalogs.hpp"
#include "portal/directory/affiliate_directory.hpp"
#include "portal/directory/provider_directory.hpp"
#include "portal/http/client.hpp"
#include "portal/service/data_service.hpp"
#include "referral_metrics.hpp"
#include "referrals_context.hpp"

namespace portal::referrals {

class ReferralsApp : public service::DataService {
 public:
  // Opens (and migrates) the database; seeds demo referrals when PORTAL_DEMO=true.
  ReferralsApp(core::Config config, const core::Clock& clock);
  ~ReferralsApp();

  static std::vector<std::string> list_routes(const core::Config& config);

 private:
  ReferralMetrics business_metrics_;
  std::shared_ptr<const catalog::Catalogs> catalogs_;
  std::unique_ptr<http::Client> affiliates_client_;
  std::unique_ptr<directory::AffiliateDirectory> affiliates_;
  std::unique_ptr<directory::ProviderDirectory> providers_;
  std::unique_ptr<ReferralsContext> ctx_;
};

db::Migrations referrals_migrations();

}  // namespace portal::referrals
