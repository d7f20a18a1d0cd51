#include "inconsistencies_app.hpp"

#include "demo_reports.hpp"
#include "inconsistencies_http.hpp"
#include "portal/audit/audit_trail.hpp"
#include "portal/events/event.hpp"
#include "portal/mail/outbox.hpp"
#include "portal_migrations.hpp"  // static portal_migrations(): this service's own
#include "report_store.hpp"
#include "routes.hpp"

namespace portal::inconsistencies {
namespace {

// Filing holds a worker while it asks affiliates and auth; processing while it writes to the registry.
constexpr service::ServerSettings kServer{.service = "inconsistencies",
                                          .port_key = "PORTAL_INCONSISTENCIES_PORT",
                                          .default_port = 8086,
                                          .workers_key = "PORTAL_INCONSISTENCIES_WORKERS",
                                          .default_workers = 16,
                                          .io_threads_key = "PORTAL_INCONSISTENCIES_IO_THREADS",
                                          .default_io_threads = 2};

// INC-2: a 2 MB attachment plus its report part and the multipart framing; anything larger is 413 before
// it is read. The attachment's own limit (2,097,152 bytes) is checked on the parsed part.
constexpr std::size_t kUploadBodyLimit = kMaxAttachmentBytes + 256 * 1024;

service::AdjustServer upload_limit() {
  return [](http::ServerOptions& o) {
    o.body_limits.push_back({http::Method::post, kReports, kUploadBodyLimit});
  };
}

directory::DirectoryCacheOptions cache(const core::Config& config, const char* key, long long seconds) {
  return directory::DirectoryCacheOptions{std::chrono::seconds(config.get_int(key, seconds)), 10000};
}

}  // namespace

db::Migrations inconsistencies_migrations() {
  auto all = portal_migrations();
  all.push_back({2, "idempotency_keys", std::string(http::kIdempotencyKeysDdl)});
  all.push_back({3, "audit_trail", std::string(audit::kAuditTrailDdl)});
  all.push_back({4, "event_outbox", std::string(events::kEventOutboxDdl)});
  all.push_back({5, "mail_outbox", mail::outbox_migration_sql()});
  all.push_back({6, "mail_outbox_html", mail::outbox_html_migration_sql()});
  all.push_back({7, "mail_outbox_attachments", mail::outbox_attachments_migration_sql()});
  return all;
}

InconsistenciesApp::InconsistenciesApp(core::Config config, const core::Clock& clock)
    : DataService("inconsistencies", std::move(config), clock, inconsistencies_migrations(), kServer,
                  upload_limit()),
      business_metrics_(metrics_),
      catalogs_(catalog::Catalogs::from_environment()) {
  affiliates_client_ = std::make_unique<http::Client>(
      client_options("PORTAL_AFFILIATES_URL", "http://127.0.0.1:8082", "affiliates"));
  // A short cache: a report filed right after the EPS fixed the registry must see the fix.
  affiliates_ = std::make_unique<directory::AffiliateDirectory>(
      *affiliates_client_, clock_, logger_,
      cache(config_, "PORTAL_INCONSISTENCIES_AFFILIATE_CACHE_SECONDS", 5));
  providers_ = std::make_unique<directory::ProviderDirectory>(
      auth_keys_->auth_client(), clock_, logger_,
      cache(config_, "PORTAL_INCONSISTENCIES_PROVIDER_CACHE_SECONDS", 600));
  // INC-3: the registry is changed on the service's own authority (an OAuth2 client of auth with the scope
  // affiliates:write; docs/inconsistencies.md says how to create it), never with the auditor's token.
  service_token_ = std::make_unique<service::ServiceToken>(
      auth_keys_->auth_client(),
      service::ServiceCredentials{config_.get("PORTAL_INCONSISTENCIES_CLIENT_ID", "portal-inconsistencies"),
                                  config_.get("PORTAL_INCONSISTENCIES_CLIENT_SECRET", ""),
                                  "affiliates:write"},
      clock_, logger_);
  if (!service_token_->configured())
    logger_.warn("registry_writes_disabled",
                 {{"reason", std::string("PORTAL_INCONSISTENCIES_CLIENT_SECRET is not set")}});
  registry_ = std::make_unique<RegistryClient>(*affiliates_client_, *service_token_, logger_);
  files_ = std::make_unique<AttachmentFiles>(
      config_.get("PORTAL_INCONSISTENCIES_ATTACHMENTS_DIR", data_dir_ + "/inconsistencies/attachments"));
  // Issue 17 item 2: files no committed report names are removed, committed ones whose rename was cut short
  // are completed. Younger files may be another replica's upload in flight.
  const auto orphan_age =
      std::chrono::seconds(config_.get_int("PORTAL_INCONSISTENCIES_ORPHAN_AGE_SECONDS", 600));
  sweep_ = files_->sweep(
      [&](const std::string& name) {
        return db_->read([&](db::Connection& c) { return report_store::attachment_referenced(c, name); });
      },
      orphan_age);
  if (sweep_.completed + sweep_.removed > 0)
    logger_.info("attachment_sweep", {{"completed", static_cast<long long>(sweep_.completed)},
                                      {"removed", static_cast<long long>(sweep_.removed)}});
  ctx_ = std::make_unique<InconsistenciesContext>(
      InconsistenciesContext{clock_, logger_, catalogs_.get(), db_.get(), idempotency_.get(),
                             affiliates_.get(), providers_.get(), registry_.get(), files_.get()});
  ctx_->insurer = config_.get("PORTAL_PAYER_NAME", "EPS Demo");
  ctx_->payer_code = config_.get("PORTAL_PAYER_CODE", "EPS000");
  ctx_->public_url = config_.get("PORTAL_PUBLIC_URL", ctx_->public_url);
  while (!ctx_->public_url.empty() && ctx_->public_url.back() == '/') ctx_->public_url.pop_back();
  ctx_->metrics = &business_metrics_;
  ctx_->events = &enable_event_relay();
  ctx_->outbox = &enable_mail_outbox();
  if (config_.get_bool("PORTAL_DEMO", false) && seed_demo_reports(*db_, *files_, clock_, *catalogs_))
    logger_.info("demo_reports_seeded",
                 {{"count", db_->read([](db::Connection& c) { return report_store::count_all(c); })}});
  register_all_routes(*server_, *ctx_);
  finish_routes();
}

InconsistenciesApp::~InconsistenciesApp() { stop(); }

std::vector<std::string> InconsistenciesApp::list_routes(const core::Config& config) {
  core::Logger logger("inconsistencies", core::LogLevel::error);
  core::SystemClock clock;
  InconsistenciesContext ctx{clock, logger};
  return DataService::list_routes(config, kServer, upload_limit(),
                                  [&](http::Server& server) { register_all_routes(server, ctx); });
}

}  // namespace portal::inconsistencies
