#pragma once
// The affiliates service as one object: database (PORTAL_AFFILIATES_DATABASE_URL, by default SQLite
// <data>/affiliates.db; or PostgreSQL, shared by several replicas), reference data (libs/catalog),
// auth's public keys (service::AuthKeys over PORTAL_AUTH_URL), the lookup audit writer, the
// import runner and the HTTP server with every route. Integration tests run it in-process on port 0.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "affiliate_metrics.hpp"
#include "affiliates_context.hpp"
#include "import_runner.hpp"
#include "lookup_audit.hpp"
#include "portal/audit/retention.hpp"
#include "portal/catalog/catalogs.hpp"
#include "portal/core/clock.hpp"
#include "portal/core/config.hpp"
#include "portal/core/log.hpp"
#include "portal/db/database.hpp"
#include "portal/http/client.hpp"
#include "portal/http/idempotency.hpp"
#include "portal/http/server.hpp"
#include "portal/metrics/metrics.hpp"
#include "portal/service/auth_keys.hpp"
#include "portal/service/service_base.hpp"
#include "reference_data.hpp"

namespace portal::affiliates {

class AffiliatesApp : private service::ServiceBase {
 public:
  // Opens (and migrates) the database and seeds demo affiliates when PORTAL_DEMO=true.
  AffiliatesApp(core::Config config, const core::Clock& clock);
  ~AffiliatesApp();
  AffiliatesApp(const AffiliatesApp&) = delete;
  AffiliatesApp& operator=(const AffiliatesApp&) = delete;

  void start();  // JWKS loading, audit writer, import runner, HTTP server
  void stop();
  std::uint16_t port() const;
  // Ready once auth's keys are loaded and the database answers (/readyz).
  bool ready();

  // "METHOD /template" per route, built without opening any database or port (--list-routes).
  static std::vector<std::string> list_routes(const core::Config& config);
  // `portal-affiliates import <file.csv>`: the same job code path as the HTTP import, on this thread.
  static ImportJob import_file(const core::Config& config, const core::Clock& clock, const std::string& path);

  db::Database& database() { return *db_; }
  LookupAuditLog& audit() { return *audit_; }
  ImportRunner& imports() { return *imports_; }

 private:
  AffiliateMetrics business_metrics_;
  std::shared_ptr<const catalog::Catalogs> catalogs_;
  ReferenceData ref_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<service::AuthKeys> auth_keys_;
  std::unique_ptr<LookupAuditLog> audit_;
  std::unique_ptr<http::IdempotencyStore> idempotency_;
  std::unique_ptr<ImportRunner> imports_;
  std::unique_ptr<AffiliatesContext> ctx_;
  std::unique_ptr<http::Server> server_;
  std::unique_ptr<audit::RetentionSweeper> audit_retention_;
  bool started_ = false;
};

db::Migrations affiliates_migrations();

}  // namespace portal::affiliates
