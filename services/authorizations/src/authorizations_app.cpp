#include "authorizations_app.hpp"

#include "authorization_store.hpp"
#include "default_rule_set.hpp"
#include "demo_seed.hpp"
#include "portal/audit/audit_trail.hpp"
#include "portal/events/event.hpp"
#include "portal/mail/outbox.hpp"
#include "portal/service/config_options.hpp"
#include "portal_migrations.hpp"  // static portal_migrations(): this service's own
#include "routes.hpp"

namespace portal::authorizations {
namespace {

constexpr service::ServerSettings kServer{.service = "authorizations",
                                          .port_key = "PORTAL_AUTHORIZATIONS_PORT",
                                          .default_port = 8084,
                                          .workers_key = "PORTAL_AUTHORIZATIONS_WORKERS",
                                          .default_workers = 32,
                                          .io_threads_key = "PORTAL_AUTHORIZATIONS_IO_THREADS",
                                          .default_io_threads = 2};

directory::DirectoryCacheOptions cache(const core::Config& config, const char* key, long long seconds) {
  return directory::DirectoryCacheOptions{std::chrono::seconds(config.get_int(key, seconds)), 10000};
}

std::optional<std::chrono::minutes> minutes(const core::Config& config, const char* key, long long fallback) {
  const long long n = config.get_int(key, fallback);
  if (n < 0) throw std::runtime_error(std::string(key) + " must be 0 (none) or a number of minutes");
  if (n == 0) return std::nullopt;
  return std::chrono::minutes(n);
}

// A database without any rule set gets the one that ships, active (AUT-2). Replicas starting together: the
// second finds the first's row (one transaction each; the unique active index refuses a second active one).
void install_default_rules(db::Database& db, const core::Clock& clock, core::Logger& logger) {
  const bool installed = db.write([&](db::Connection& c) {
    if (authorization_store::count_rule_sets(c) > 0) return false;
    const auto now = clock.now();
    const auto version = authorization_store::insert_rule_set(
        c, "Reglas por defecto del portal (issue 12)", std::string(default_rule_set_json()), now, "system");
    authorization_store::activate_rule_set(c, version, now, "system");
    return true;
  });
  if (installed) logger.info("default_rule_set_installed", {});
}

}  // namespace

db::Migrations authorizations_migrations() {
  auto all = portal_migrations();
  all.push_back({2, "idempotency_keys", std::string(http::kIdempotencyKeysDdl)});
  all.push_back({3, "audit_trail", std::string(audit::kAuditTrailDdl)});
  // Issue 15 / AUT-6: events and e-mails written in the transaction of the change that causes them.
  all.push_back({5, "event_outbox", std::string(events::kEventOutboxDdl)});
  all.push_back({6, "mail_outbox", mail::outbox_migration_sql()});
  all.push_back({7, "mail_outbox_html", mail::outbox_html_migration_sql()});
  all.push_back({8, "mail_outbox_attachments", mail::outbox_attachments_migration_sql()});
  return all;
}

SharedPaymentSettings shared_payment_settings(const core::Config& config) {
  SharedPaymentSettings s;
  s.minimum_wage = config.get_int("PORTAL_AUTHORIZATIONS_MINIMUM_WAGE", s.minimum_wage);
  s.contributory_level = static_cast<int>(config.get_int("PORTAL_AUTHORIZATIONS_CONTRIBUTORY_LEVEL", 1));
  if (s.contributory_level < 1 || s.contributory_level > 3)
    throw std::runtime_error("PORTAL_AUTHORIZATIONS_CONTRIBUTORY_LEVEL must be 1, 2 or 3");
  for (int level = 1; level <= 3; ++level) {
    auto& fee = s.moderating_fee[static_cast<std::size_t>(level - 1)];
    fee = config.get_int("PORTAL_AUTHORIZATIONS_MODERATING_FEE_" + std::to_string(level), fee);
  }
  return s;
}

DueTimes due_times(const core::Config& config) {
  DueTimes t;
  t.emergency = minutes(config, "PORTAL_AUTHORIZATIONS_DUE_EMERGENCY_MINUTES", 120);
  t.hospitalization = minutes(config, "PORTAL_AUTHORIZATIONS_DUE_HOSPITALIZATION_MINUTES", 360);
  t.outpatient = minutes(config, "PORTAL_AUTHORIZATIONS_DUE_OUTPATIENT_MINUTES", 0);
  return t;
}

AuthorizationsApp::AuthorizationsApp(core::Config config, const core::Clock& clock)
    : DataService("authorizations", std::move(config), clock, authorizations_migrations(), kServer),
      business_metrics_(metrics_),
      catalogs_(catalog::Catalogs::from_environment()) {
  affiliates_client_ = std::make_unique<http::Client>(
      client_options("PORTAL_AFFILIATES_URL", "http://127.0.0.1:8082", "affiliates"));
  affiliates_ = std::make_unique<directory::AffiliateDirectory>(
      *affiliates_client_, clock_, logger_,
      cache(config_, "PORTAL_AUTHORIZATIONS_AFFILIATE_CACHE_SECONDS", 30));
  providers_ = std::make_unique<directory::ProviderDirectory>(
      auth_keys_->auth_client(), clock_, logger_,
      cache(config_, "PORTAL_AUTHORIZATIONS_PROVIDER_CACHE_SECONDS", 600));
  rule_sets_ = std::make_unique<RuleSetCache>(*catalogs_);
  ctx_ = std::make_unique<AuthorizationsContext>(AuthorizationsContext{
      clock_, logger_, catalogs_.get(), db_.get(), writer_.get(), idempotency_.get(), affiliates_.get(),
      providers_.get(), &business_metrics_, rule_sets_.get(), config_.get("PORTAL_ATTENTION_PHONE", ""),
      Payer{config_.get("PORTAL_PAYER_NAME", "EPS Demo"), config_.get("PORTAL_PAYER_CODE", "EPS000")},
      due_times(config_), shared_payment_settings(config_)});
  ctx_->events = &enable_event_relay();
  ctx_->outbox = &enable_mail_outbox();
  ctx_->line_mailbox = config_.get("PORTAL_AUTHORIZATIONS_LINE_EMAIL", "autorizaciones@eps-portal.local");
  ctx_->public_url = config_.get("PORTAL_PUBLIC_URL", ctx_->public_url);
  while (!ctx_->public_url.empty() && ctx_->public_url.back() == '/') ctx_->public_url.pop_back();
  install_default_rules(*db_, clock_, logger_);
  if (config_.get_bool("PORTAL_DEMO", false) &&
      seed_demo_authorizations(*db_, clock_, *catalogs_, ctx_->due_times)) {
    logger_.info("demo_authorizations_seeded",
                 {{"count", db_->read([](db::Connection& c) { return authorization_store::count_all(c); })}});
  }
  // AUT-5: the pending gauge is read at every scrape (index range counts), so it is exact then.
  metrics_.on_scrape([this] {
    try {
      business_metrics_.pending(
          db_->read([&](db::Connection& c) { return authorization_store::pending_counts(c, clock_.now()); }));
    } catch (const std::exception& e) {
      logger_.warn("pending_gauge_unavailable", {{"error", std::string(e.what())}});
    }
  });
  register_all_routes(*server_, *ctx_);
  finish_routes();
}

AuthorizationsApp::~AuthorizationsApp() { stop(); }

std::vector<std::string> AuthorizationsApp::list_routes(const core::Config& config) {
  core::Logger logger("authorizations", core::LogLevel::error);
  core::SystemClock clock;
  AuthorizationsContext ctx{clock, logger};
  return DataService::list_routes(config, kServer, {},
                                  [&](http::Server& server) { register_all_routes(server, ctx); });
}

}  // namespace portal::authorizations
