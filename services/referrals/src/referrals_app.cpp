#include "referrals_app.hpp"

#include "demo_seed.hpp"
#include "portal/audit/audit_trail.hpp"
#include "portal/events/event.hpp"
#include "portal_migrations.hpp"  // static portal_migrations(): this service's own
#include "referral_store.hpp"
#include "routes.hpp"

namespace portal::referrals {
namespace {

constexpr service::ServerSettings kServer{.service = "referrals",
                                          .port_key = "PORTAL_REFERRALS_PORT",
                                          .default_port = 8085,
                                          .workers_key = "PORTAL_REFERRALS_WORKERS",
                                          .default_workers = 16,
                                          .io_threads_key = "PORTAL_REFERRALS_IO_THREADS",
                                          .default_io_threads = 2};

directory::DirectoryCacheOptions cache(const core::Config& config, const char* key, long long seconds) {
  return directory::DirectoryCacheOptions{std::chrono::seconds(config.get_int(key, seconds)), 10000};
}

}  // namespace

db::Migrations referrals_migrations() {
  auto all = portal_migrations();
  all.push_back({2, "idempotency_keys", std::string(http::kIdempotencyKeysDdl)});
  all.push_back({3, "audit_trail", std::string(audit::kAuditTrailDdl)});
  all.push_back({4, "event_outbox", std::string(events::kEventOutboxDdl)});
  return all;
}

ReferralsApp::ReferralsApp(core::Config config, const core::Clock& clock)
    : DataService("referrals", std::move(config), clock, referrals_migrations(), kServer),
      business_metrics_(metrics_),
      catalogs_(catalog::Catalogs::from_environment()) {
  affiliates_client_ = std::make_unique<http::Client>(
      client_options("PORTAL_AFFILIATES_URL", "http://127.0.0.1:8082", "affiliates"));
  affiliates_ = std::make_unique<directory::AffiliateDirectory>(
      *affiliates_client_, clock_, logger_, cache(config_, "PORTAL_REFERRALS_AFFILIATE_CACHE_SECONDS", 30));
  providers_ = std::make_unique<directory::ProviderDirectory>(
      auth_keys_->auth_client(), clock_, logger_,
      cache(config_, "PORTAL_REFERRALS_PROVIDER_CACHE_SECONDS", 600));
  ctx_ = std::make_unique<ReferralsContext>(ReferralsContext{
      clock_, logger_, catalogs_.get(), db_.get(), writer_.get(), idempotency_.get(), affiliates_.get(),
      providers_.get(), &business_metrics_, nullptr, config_.get("PORTAL_ATTENTION_PHONE", ""),
      Payer{config_.get("PORTAL_PAYER_NAME", "EPS Demo"), config_.get("PORTAL_PAYER_CODE", "EPS000")}});
  ctx_->events = &enable_event_relay();
  if (config_.get_bool("PORTAL_DEMO", false) && seed_demo_referrals(*db_, clock_, *catalogs_)) {
    logger_.info("demo_referrals_seeded",
                 {{"count", db_->read([](db::Connection& c) { return referral_store::count_all(c); })}});
  }
  // The open-referrals gauge is read at every scrape (index range counts), so it is exact then.
  metrics_.on_scrape([this] {
    try {
      business_metrics_.open(db_->read([](db::Connection& c) { return referral_store::state_counts(c); }));
    } catch (const std::exception& e) {
      logger_.warn("open_referrals_gauge_unavailable", {{"error", std::string(e.what())}});
    }
  });
  register_all_routes(*server_, *ctx_);
  finish_routes();
}

ReferralsApp::~ReferralsApp() { stop(); }

std::vector<std::string> ReferralsApp::list_routes(const core::Config& config) {
  core::Logger logger("referrals", core::LogLevel::error);
  core::SystemClock clock;
  ReferralsContext ctx{clock, logger};
  return DataService::list_routes(config, kServer, {},
                                  [&](http::Server& server) { register_all_routes(server, ctx); });
}

}  // namespace portal::referrals
