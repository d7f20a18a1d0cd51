#include "urgencies_app.hpp"

#include "demo_seed.hpp"
#include "portal/audit/audit_trail.hpp"
#include "portal/http/idempotency.hpp"
#include "portal/service/config_options.hpp"
#include "portal_migrations.hpp"  // static portal_migrations(): this service's own, even beside another's
#include "routes.hpp"
#include "urgency_json.hpp"
#include "urgency_store.hpp"

namespace portal::urgencies {
namespace {

using directory::DirectoryCacheOptions;

// Many workers on purpose: a POST waits for its group commit, and the more requests wait together
// the more of them one fsync acknowledges.
constexpr service::ServerSettings kServer{.service = "urgencies",
                                          .port_key = "PORTAL_URGENCIES_PORT",
                                          .default_port = 8083,
                                          .workers_key = "PORTAL_URGENCIES_WORKERS",
                                          .default_workers = 64,
                                          .io_threads_key = "PORTAL_URGENCIES_IO_THREADS",
                                          .default_io_threads = 2};

DirectoryCacheOptions cache(const core::Config& config, const char* key, long long seconds) {
  return DirectoryCacheOptions{std::chrono::seconds(config.get_int(key, seconds)), 10000};
}

// Issue 11: PORTAL_URGENCIES_RES3047_BODIES_UNTIL (YYYY-MM-DD, Bogotá) is the last day an old client's
// Res. 3047-shaped body is accepted; a malformed value stops the service at start-up naming the key.
std::chrono::year_month_day res3047_bodies_until(const core::Config& config) {
  const auto raw = config.find("PORTAL_URGENCIES_RES3047_BODIES_UNTIL");
  if (!raw || raw->empty()) return kRes3047BodiesUntil;
  if (auto date = core::parse_date(*raw)) return *date;
  throw std::runtime_error("PORTAL_URGENCIES_RES3047_BODIES_UNTIL must be a date YYYY-MM-DD, not '" + *raw +
                           "'");
}

}  // namespace

// migrations/*.sql (versions 1 and 3) plus libs/http's idempotency_keys table (version 2), taken from the
// library so its one definition serves every service.
db::Migrations urgencies_migrations() {
  auto all = portal_migrations();
  all.push_back({2, "idempotency_keys", std::string(http::kIdempotencyKeysDdl)});
  all.push_back({4, "audit_trail", std::string(audit::kAuditTrailDdl)});
  return all;
}

UrgenciesApp::UrgenciesApp(core::Config config, const core::Clock& clock)
    : DataService("urgencies", std::move(config), clock, urgencies_migrations(), kServer),
      business_metrics_(metrics_),
      catalogs_(catalog::Catalogs::from_environment()) {
  // affiliates: answers later than PORTAL_URGENCIES_UPSTREAM_TIMEOUT_MS (3 s) count as failed.
  affiliates_client_ = std::make_unique<http::Client>(
      client_options("PORTAL_AFFILIATES_URL", "http://127.0.0.1:8082", "affiliates"));
  affiliates_ = std::make_unique<AffiliateDirectory>(
      *affiliates_client_, clock_, logger_, cache(config_, "PORTAL_URGENCIES_AFFILIATE_CACHE_SECONDS", 30));
  providers_ =
      std::make_unique<ProviderDirectory>(auth_keys_->auth_client(), clock_, logger_,
                                          cache(config_, "PORTAL_URGENCIES_PROVIDER_CACHE_SECONDS", 600));
  ctx_ = std::make_unique<UrgenciesContext>(UrgenciesContext{
      clock_, logger_, catalogs_.get(), db_.get(), writer_.get(), idempotency_.get(), affiliates_.get(),
      providers_.get(), &business_metrics_, config_.get("PORTAL_ATTENTION_PHONE", ""),
      Payer{config_.get("PORTAL_PAYER_NAME", "EPS Demo"), config_.get("PORTAL_PAYER_CODE", "EPS000")}});
  ctx_->res3047_bodies_until = res3047_bodies_until(config_);
  if (config_.get_bool("PORTAL_DEMO", false) && seed_demo_notifications(*db_, clock_)) {
    logger_.info("demo_notifications_seeded",
                 {{"count", db_->read([](db::Connection& c) { return urgency_store::count_all(c); })}});
  }
  register_all_routes(*server_, *ctx_);
  finish_routes();
}

UrgenciesApp::~UrgenciesApp() { stop(); }

std::vector<std::string> UrgenciesApp::list_routes(const core::Config& config) {
  core::Logger logger("urgencies", core::LogLevel::error);
  core::SystemClock clock;
  UrgenciesContext ctx{clock, logger};
  return DataService::list_routes(config, kServer, {},
                                  [&](http::Server& server) { register_all_routes(server, ctx); });
}

}  // namespace portal::urgencies
