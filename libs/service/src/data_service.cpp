#include "portal/service/data_service.hpp"

#include "portal/audit/audit_route.hpp"
#include "portal/service/route_list.hpp"

namespace portal::service {
namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& ch : out) ch = static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch);
  return out;
}

http::ServerOptions adjusted(http::ServerOptions options, const AdjustServer& adjust) {
  if (adjust) adjust(options);
  return options;
}

}  // namespace

DataService::DataService(std::string_view service, core::Config config, const core::Clock& clock,
                         db::Migrations migrations, const ServerSettings& server, const AdjustServer& adjust)
    : ServiceBase(service, std::move(config), clock), service_(service) {
  db_ = db::Database::open(database_options(config_, service_, data_dir_), std::move(migrations));
  logger_.info("database_opened", {{"database", db_->description()}});
  writer_ = std::make_unique<db::GroupCommitter>(*db_);
  idempotency_ = std::make_unique<http::IdempotencyStore>(*db_);
  auth_keys_ = std::make_unique<AuthKeys>(config_, clock_, logger_,
                                          client_options("PORTAL_AUTH_URL", "http://127.0.0.1:8081", "auth"));
  server_ = std::make_unique<http::Server>(auth_keys_->with_revocations(with_forwarding_key(
                                               adjusted(server_options(config_, server), adjust), config_)),
                                           logger_, metrics_, &auth_keys_->verifier());
  audit_retention_ =
      std::make_unique<audit::RetentionSweeper>(*db_, clock_, logger_, audit::retention_days(config_));
}

DataService::~DataService() { stop(); }

http::ClientOptions DataService::client_options(const std::string& key, const std::string& fallback,
                                                const std::string& name) const {
  const std::string timeout_key = "PORTAL_" + upper(service_) + "_UPSTREAM_TIMEOUT_MS";
  return upstream_options(config_, key, fallback, name,
                          std::chrono::milliseconds(config_.get_int(timeout_key, 3000)));
}

void DataService::finish_routes() {
  audit::register_audit_route(*server_, db_.get(), service_);
  server_->add_standard_routes([this]() -> std::string {
    if (!auth_keys_->loaded()) return "jwks_not_loaded";
    return db_->healthy() ? "" : "database unavailable";
  });
}

mail::Outbox& DataService::enable_mail_outbox() {
  if (!mail_outbox_)
    mail_outbox_ = std::make_unique<mail::Outbox>(
        *db_, mail_options(config_, data_dir_ + "/mail/" + service_), logger_, metrics_, clock_);
  return *mail_outbox_;
}

events::Relay& DataService::enable_event_relay() {
  if (!event_relay_) {
    events::RelayOptions o;
    o.hub = client_options("PORTAL_EVENTS_URL", "http://127.0.0.1:8088", "events");
    o.key = forwarding_key(config_);
    event_relay_ = std::make_unique<events::Relay>(*db_, std::move(o), logger_, metrics_, clock_);
  }
  return *event_relay_;
}

void DataService::start() {
  if (mail_outbox_) mail_outbox_->start();
  if (event_relay_) event_relay_->start();
  auth_keys_->start();
  audit_retention_->start();
  server_->start();
  started_ = true;
  logger_.info(service_ + "_started", {{"port", static_cast<long long>(server_->port())}});
}

void DataService::stop() {
  if (!started_) return;
  started_ = false;
  server_->stop();
  audit_retention_->stop();
  auth_keys_->stop();
  if (event_relay_) event_relay_->stop();
  if (mail_outbox_) mail_outbox_->stop();
}

std::uint16_t DataService::port() const { return server_->port(); }

bool DataService::ready() { return auth_keys_->loaded() && db_->healthy(); }

std::vector<std::string> DataService::list_routes(const core::Config& config, const ServerSettings& server,
                                                  const AdjustServer& adjust,
                                                  const std::function<void(http::Server&)>& register_routes) {
  const std::string service(server.service);
  return service::list_routes(adjusted(server_options(config, server), adjust), [&](http::Server& s) {
    register_routes(s);
    audit::register_audit_route(s, nullptr, service);
  });
}

}  // namespace portal::service
