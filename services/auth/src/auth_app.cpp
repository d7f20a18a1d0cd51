#include "auth_app.hpp"

#include "demo_seed.hpp"
#include "portal/audit/audit_route.hpp"
#include "portal/security/password.hpp"
#include "portal/service/config_options.hpp"
#include "portal/service/route_list.hpp"
#include "portal_migrations.hpp"
#include "routes.hpp"

namespace portal::auth {
namespace {

// argon2id takes ~19 MiB and ~20 ms per call: bound the concurrency (ARCHITECTURE.md, measured).
constexpr service::ServerSettings kServer{.service = "auth",
                                          .port_key = "PORTAL_AUTH_PORT",
                                          .default_port = 8081,
                                          .workers_key = "PORTAL_AUTH_WORKERS",
                                          .default_workers = 8};

}  // namespace

db::Migrations auth_migrations() {
  db::Migrations all{{1, "mail_outbox", mail::outbox_migration_sql()}};
  for (auto& m : portal_migrations()) all.push_back(std::move(m));
  all.push_back({12, "audit_trail", std::string(audit::kAuditTrailDdl)});
  all.push_back({13, "mail_outbox_html", mail::outbox_html_migration_sql()});
  all.push_back({14, "mail_outbox_attachments", mail::outbox_attachments_migration_sql()});
  return all;
}

AuthApp::AuthApp(core::Config config, const core::Clock& clock)
    : ServiceBase("auth", std::move(config), clock) {
  // PORTAL_AUTH_DATABASE_URL: sqlite:<data>/auth.db by default, or postgresql://... (OPS-2, issue 8).
  db_ = db::Database::open(service::database_options(config_, "auth", data_dir_), auth_migrations());
  logger_.info("database_opened", {{"database", db_->description()}});
  keys_ = std::make_unique<security::KeyStore>(security::KeyStore::load_or_create(data_dir_ + "/keys"));
  const auto settings = AuthSettings::from_config(config_);
  verifier_ = std::make_unique<security::TokenVerifier>(
      security::VerifierOptions{settings.issuer, settings.audience}, clock_);
  verifier_->set_jwks(keys_->jwks_json());

  outbox_ = std::make_unique<mail::Outbox>(*db_, service::mail_options(config_, mail_dir()), logger_,
                                           metrics_, clock_);

  idempotency_ = std::make_unique<http::IdempotencyStore>(*db_);
  auth_metrics_ = std::make_unique<AuthMetrics>(metrics_);
  ctx_ = std::make_unique<AuthContext>(AuthContext{
      settings, clock_, logger_, db_.get(), keys_.get(), outbox_.get(),
      security::hash_password(security::random_token(16)), idempotency_.get(), auth_metrics_.get()});
  if (config_.get_bool("PORTAL_DEMO", false)) {
    if (seed_demo_data(*db_, clock_, config_.get_bool("PORTAL_DEMO_ACTIVITY", false)))
      logger_.info("demo_data_seeded", {{"provider_nit", "900000001"}});
  }
  // Auth checks revocations like every service, from its own database (polled: other auth replicas
  // record revocations too), never per request.
  revocations_ = std::make_unique<http::RevocationFeed>(
      [this]() -> std::optional<http::Revocations> { return live_revocations(*ctx_); }, logger_,
      service::revocation_options(config_));
  auto options = service::with_forwarding_key(service::server_options(config_, kServer), config_);
  options.is_revoked = [this](const security::Principal& p, bool write) {
    return revocations_->revoked(p, write);
  };
  server_ = std::make_unique<http::Server>(options, logger_, metrics_, verifier_.get());
  register_all_routes(*server_, *ctx_);
  audit::register_audit_route(*server_, db_.get(), "auth");
  audit_retention_ =
      std::make_unique<audit::RetentionSweeper>(*db_, clock_, logger_, audit::retention_days(config_));
  server_->add_standard_routes(
      [this]() -> std::string { return db_->healthy() ? "" : "database unavailable"; });
}

AuthApp::~AuthApp() { stop(); }

void AuthApp::start() {
  outbox_->start();
  revocations_->start();
  audit_retention_->start();
  server_->start();
  started_ = true;
  logger_.info("auth_started",
               {{"port", static_cast<long long>(server_->port())}, {"kid", keys_->current().kid()}});
}

void AuthApp::stop() {
  if (!started_) return;
  started_ = false;
  server_->stop();
  audit_retention_->stop();
  revocations_->stop();
  outbox_->stop();
}

std::uint16_t AuthApp::port() const { return server_->port(); }

std::vector<std::string> AuthApp::list_routes(const core::Config& config) {
  core::Logger logger("auth", core::LogLevel::error);
  core::SystemClock clock;
  AuthContext ctx{AuthSettings::from_config(config), clock, logger};
  return service::list_routes(service::server_options(config, kServer), [&](http::Server& server) {
    register_all_routes(server, ctx);
    audit::register_audit_route(server, nullptr, "auth");
  });
}

}  // namespace portal::auth
