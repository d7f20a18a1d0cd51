#include "events_app.hpp"

#include "event_store.hpp"
#include "portal/audit/audit_trail.hpp"
#include "portal/mail/outbox.hpp"
#include "portal/service/config_options.hpp"
#include "portal_migrations.hpp"  // static portal_migrations(): this service's own

namespace portal::events_hub {
namespace {

// Every open SSE stream holds a worker (a blocking route for as long as it is open): the pool is sized for
// the streams, with room for the webhook routes.
constexpr service::ServerSettings kServer{.service = "events",
                                          .port_key = "PORTAL_EVENTS_PORT",
                                          .default_port = 8088,
                                          .workers_key = "PORTAL_EVENTS_WORKERS",
                                          .default_workers = 128,
                                          .io_threads_key = "PORTAL_EVENTS_IO_THREADS",
                                          .default_io_threads = 2};

// SSE streams last up to PORTAL_EVENTS_MAX_STREAM_SECONDS (or their token's life, if shorter): the server's
// backstop timer must not cut them first.
service::AdjustServer stream_limit(const core::Config& config) {
  const auto limit = events_settings(config).max_stream;
  return [limit](http::ServerOptions& o) { o.max_stream_duration = limit + std::chrono::seconds{10}; };
}

void register_routes(http::Server& server, EventsContext& ctx) {
  register_ingest_route(server, ctx);
  register_webhook_routes(server, ctx);
  register_stream_route(server, ctx);
}

}  // namespace

db::Migrations events_migrations() {
  auto all = portal_migrations();
  all.push_back({2, "idempotency_keys", std::string(http::kIdempotencyKeysDdl)});
  all.push_back({3, "audit_trail", std::string(audit::kAuditTrailDdl)});
  all.push_back({4, "mail_outbox", mail::outbox_migration_sql()});
  all.push_back({5, "mail_outbox_html", mail::outbox_html_migration_sql()});
  all.push_back({6, "mail_outbox_attachments", mail::outbox_attachments_migration_sql()});
  return all;
}

EventsApp::EventsApp(core::Config config, const core::Clock& clock)
    : DataService("events", config, clock, events_migrations(), kServer, stream_limit(config)),
      business_metrics_(metrics_) {
  auto settings = events_settings(config_);
  feed_ = std::make_unique<EventFeed>(settings.max_streams_per_client);
  ctx_ = std::make_unique<EventsContext>(EventsContext{clock_, logger_, std::move(settings), db_.get(),
                                                       service::forwarding_key(config_), feed_.get(), nullptr,
                                                       &business_metrics_});
  deliverer_ = std::make_unique<Deliverer>(*db_, ctx_->settings, logger_, business_metrics_, clock_,
                                           &enable_mail_outbox());
  ctx_->deliverer = deliverer_.get();
  metrics_.on_scrape([this] {
    business_metrics_.open_streams().Set(static_cast<double>(feed_->open_streams()));
    try {
      business_metrics_.pending_deliveries().Set(
          static_cast<double>(db_->read([](db::Connection& c) { return store::pending_deliveries(c); })));
    } catch (const std::exception& e) {
      logger_.warn("pending_deliveries_unavailable", {{"error", std::string(e.what())}});
    }
  });
  if (ctx_->settings.sender.allow_private || ctx_->settings.sender.allow_http)
    logger_.warn("webhooks_ssrf_protection_relaxed",
                 {{"allow_private", ctx_->settings.sender.allow_private ? "true" : "false"},
                  {"allow_http", ctx_->settings.sender.allow_http ? "true" : "false"}});
  register_routes(*server_, *ctx_);
  finish_routes();
}

EventsApp::~EventsApp() { stop(); }

void EventsApp::start() {
  DataService::start();
  deliverer_->start();
}

void EventsApp::stop() {
  feed_->close();
  deliverer_->stop();
  DataService::stop();
}

std::vector<std::string> EventsApp::list_routes(const core::Config& config) {
  core::Logger logger("events", core::LogLevel::error);
  core::SystemClock clock;
  EventsContext ctx{clock, logger, events_settings(config)};
  return DataService::list_routes(config, kServer, stream_limit(config),
                                  [&](http::Server& server) { register_routes(server, ctx); });
}

}  // namespace portal::events_hub
