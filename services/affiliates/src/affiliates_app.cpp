#include "affiliates_app.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "affiliate_store.hpp"
#include "affiliates_http.hpp"
#include "demo_seed.hpp"
#include "import_store.hpp"
#include "portal/audit/audit_route.hpp"
#include "portal/security/password.hpp"
#include "portal/service/config_options.hpp"
#include "portal/service/route_list.hpp"
#include "portal_migrations.hpp"
#include "reference_data_catalog.hpp"
#include "routes.hpp"

namespace portal::affiliates {
namespace {

constexpr long long kDefaultMaxImportBytes = 256ll * 1024 * 1024;

std::size_t max_json_bytes(const core::Config& config) {
  return static_cast<std::size_t>(config.get_int("PORTAL_MAX_BODY_BYTES", 1048576));
}

std::size_t max_import_bytes(const core::Config& config) {
  return static_cast<std::size_t>(
      config.get_int("PORTAL_AFFILIATES_MAX_IMPORT_BYTES", kDefaultMaxImportBytes));
}

constexpr service::ServerSettings kServer{.service = "affiliates",
                                          .port_key = "PORTAL_AFFILIATES_PORT",
                                          .default_port = 8082,
                                          .workers_key = "PORTAL_AFFILIATES_WORKERS",
                                          .default_workers = 16,
                                          .io_threads_key = "PORTAL_AFFILIATES_IO_THREADS",
                                          .default_io_threads = 2};

http::ServerOptions server_options(const core::Config& config) {
  auto o = service::server_options(config, kServer);
  // Every route keeps PORTAL_MAX_BODY_BYTES except the AFF-4 roster upload. The server applies both
  // before reading a body (declared length), while reading it (chunked) and on the parsed body.
  o.max_body_bytes = max_json_bytes(config);
  o.body_limits = {{http::Method::post, std::string(kImportsPath), max_import_bytes(config)}};
  return o;
}

}  // namespace

// migrations/*.sql (versions 1-2) plus libs/http's idempotency_keys table (version 3, issue 10), taken from
// the library so its one definition serves every service. The next file migration is 0004.
db::Migrations affiliates_migrations() {
  auto all = portal_migrations();
  all.push_back({3, "idempotency_keys", std::string(http::kIdempotencyKeysDdl)});
  all.push_back({4, "audit_trail", std::string(audit::kAuditTrailDdl)});
  return all;
}

AffiliatesApp::AffiliatesApp(core::Config config, const core::Clock& clock)
    : ServiceBase("affiliates", std::move(config), clock),
      business_metrics_(metrics_),
      catalogs_(catalog::Catalogs::from_environment()),
      ref_(reference_data_from_catalog(*catalogs_)) {
  db_ = db::Database::open(service::database_options(config_, "affiliates", data_dir_),
                           affiliates_migrations());
  auth_keys_ = std::make_unique<service::AuthKeys>(
      config_, clock_, logger_,
      service::upstream_options(config_, "PORTAL_AUTH_URL", "http://127.0.0.1:8081", "auth"));
  audit_ = std::make_unique<LookupAuditLog>(*db_, logger_);
  idempotency_ = std::make_unique<http::IdempotencyStore>(*db_);
  imports_ = std::make_unique<ImportRunner>(
      *db_, ref_, clock_, logger_,
      static_cast<std::size_t>(config_.get_int("PORTAL_AFFILIATES_IMPORT_BATCH_ROWS", 10000)),
      data_dir_ + "/imports", &business_metrics_);
  ctx_ = std::make_unique<AffiliatesContext>(AffiliatesContext{
      clock_, logger_, ref_, catalogs_.get(), db_.get(), audit_.get(), imports_.get(), data_dir_ + "/imports",
      config_.get("PORTAL_ATTENTION_PHONE", ""), &business_metrics_, idempotency_.get()});
  if (config_.get_bool("PORTAL_DEMO", false) && seed_demo_affiliates(*db_, clock_)) {
    logger_.info("demo_affiliates_seeded",
                 {{"count", db_->read([](db::Connection& c) { return affiliate_store::count(c); })}});
  }
  server_ = std::make_unique<http::Server>(
      auth_keys_->with_revocations(service::with_forwarding_key(server_options(config_), config_)), logger_,
      metrics_, &auth_keys_->verifier());
  register_all_routes(*server_, *ctx_);
  audit::register_audit_route(*server_, db_.get(), "affiliates");
  audit_retention_ =
      std::make_unique<audit::RetentionSweeper>(*db_, clock_, logger_, audit::retention_days(config_));
  server_->add_standard_routes([this]() -> std::string {
    if (!auth_keys_->loaded()) return "jwks_not_loaded";
    return db_->healthy() ? "" : "database unavailable";
  });
}

AffiliatesApp::~AffiliatesApp() { stop(); }

void AffiliatesApp::start() {
  auth_keys_->start();
  audit_->start();
  imports_->start();
  audit_retention_->start();
  server_->start();
  started_ = true;
  logger_.info("affiliates_started", {{"port", static_cast<long long>(server_->port())}});
}

void AffiliatesApp::stop() {
  if (!started_) return;
  started_ = false;
  server_->stop();
  audit_retention_->stop();
  imports_->stop();
  audit_->stop();
  auth_keys_->stop();
}

std::uint16_t AffiliatesApp::port() const { return server_->port(); }

bool AffiliatesApp::ready() { return auth_keys_->loaded() && db_->healthy(); }

std::vector<std::string> AffiliatesApp::list_routes(const core::Config& config) {
  core::Logger logger("affiliates", core::LogLevel::error);
  core::SystemClock clock;
  ReferenceData ref;
  AffiliatesContext ctx{clock, logger, ref};
  return service::list_routes(server_options(config), [&](http::Server& server) {
    register_all_routes(server, ctx);
    audit::register_audit_route(server, nullptr, "affiliates");
  });
}

ImportJob AffiliatesApp::import_file(const core::Config& config, const core::Clock& clock,
                                     const std::string& path) {
  core::Logger logger("affiliates", service::log_level(config));
  const auto catalogs = catalog::Catalogs::from_environment();
  const auto ref = reference_data_from_catalog(*catalogs);
  const auto data_dir = config.get("PORTAL_DATA_DIR", "var");
  auto db =
      db::Database::open(service::database_options(config, "affiliates", data_dir), affiliates_migrations());
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream content;
  content << in.rdbuf();
  const auto sha = security::sha256_hex(content.str());
  auto job = db->read([&](db::Connection& c) { return import_store::find_by_content(c, sha); });
  if (!job) {
    ImportJob created;
    created.id = security::random_token(12);
    created.content_sha256 = sha;
    created.file_path = std::filesystem::absolute(path).string();
    created.status = "queued";
    created.created_by = "cli";
    created.created_at = core::to_rfc3339(clock.now());
    // The same file imported at once elsewhere: that job it is.
    const bool stored = db->write([&](db::Connection& c) { return import_store::create(c, created); });
    job = stored ? created
                 : *db->read([&](db::Connection& c) { return import_store::find_by_content(c, sha); });
  }
  ImportRunner runner(*db, ref, clock, logger,
                      static_cast<std::size_t>(config.get_int("PORTAL_AFFILIATES_IMPORT_BATCH_ROWS", 10000)));
  return runner.run_job(job->id);
}

}  // namespace portal::affiliates
