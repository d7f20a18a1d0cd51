#pragma once
// The inconsistencies service as one object on libs/service's DataService (database
// <data>/inconsistencies.db, auth's public keys, the HTTP server, the audit route): the catalogs, the
// affiliates and provider directories, the registry client with its service token, the attachment files,
// the e-mail outbox and the event relay. Integration tests run it in-process on port 0.
#include <memory>
#include <string>
#include <vector>

#include "attachment_files.hpp"
#include "inconsistencies_context.hpp"
#include "inconsistency_metrics.hpp"
#include "portal/catalog/catalogs.hpp"
#include "portal/directory/affiliate_directory.hpp"
#include "portal/directory/provider_directory.hpp"
#include "portal/http/client.hpp"
#include "portal/service/data_service.hpp"
#include "portal/service/service_token.hpp"
#include "registry_client.hpp"

namespace portal::inconsistencies {

class InconsistenciesApp : public service::DataService {
 public:
  // Opens (and migrates) the database, sweeps orphan attachment files, seeds demo reports when
  // PORTAL_DEMO=true.
  InconsistenciesApp(core::Config config, const core::Clock& clock);
  ~InconsistenciesApp();

  static std::vector<std::string> list_routes(const core::Config& config);
  const AttachmentFiles& files() const { return *files_; }
  const SweepResult& last_sweep() const { return sweep_; }

 private:
  InconsistencyMetrics business_metrics_;
  std::shared_ptr<const catalog::Catalogs> catalogs_;
  std::unique_ptr<http::Client> affiliates_client_;
  std::unique_ptr<directory::AffiliateDirectory> affiliates_;
  std::unique_ptr<directory::ProviderDirectory> providers_;
  std::unique_ptr<service::ServiceToken> service_token_;
  std::unique_ptr<RegistryClient> registry_;
  std::unique_ptr<AttachmentFiles> files_;
  SweepResult sweep_;
  std::unique_ptr<InconsistenciesContext> ctx_;
};

db::Migrations inconsistencies_migrations();

}  // namespace portal::inconsistencies
