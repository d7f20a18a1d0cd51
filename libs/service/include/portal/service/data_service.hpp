#pragma once
// What a service that keeps its own database and verifies callers' tokens starts with, in one place (the
// wiring urgencies and authorizations grew by hand, here once for finance and whatever follows): the
// database opened and migrated, group commit, Idempotency-Key records, auth's keys, the HTTP server with
// revocations and the gateway's forwarding key, and the audit trail's GET /api/v1/audit and retention sweep
// (libs/audit). The service class inherits it, builds its own context and routes, then calls
// finish_routes(); its destructor calls stop() before its own members go.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "portal/audit/retention.hpp"
#include "portal/db/database.hpp"
#include "portal/db/group_commit.hpp"
#include "portal/events/relay.hpp"
#include "portal/http/client.hpp"
#include "portal/http/idempotency.hpp"
#include "portal/http/server.hpp"
#include "portal/mail/outbox.hpp"
#include "portal/service/auth_keys.hpp"
#include "portal/service/config_options.hpp"
#include "portal/service/service_base.hpp"

namespace portal::service {

// A service's own adjustments of its server options (e.g. a larger body limit on an import route).
using AdjustServer = std::function<void(http::ServerOptions&)>;

class DataService : protected ServiceBase {
 public:
  void start();
  void stop();
  std::uint16_t port() const;
  // auth's keys loaded and the database usable (/readyz).
  bool ready();
  db::Database& database() { return *db_; }

 protected:
  // Opens <data>/<service>.db (or PORTAL_<SERVICE>_DATABASE_URL) with `migrations`; auth at
  // PORTAL_AUTH_URL (http://127.0.0.1:8081), answers later than `<prefix>UPSTREAM_TIMEOUT_MS` (3 s) failed.
  DataService(std::string_view service, core::Config config, const core::Clock& clock,
              db::Migrations migrations, const ServerSettings& server, const AdjustServer& adjust = {});
  ~DataService();

  // Options of a client to another service: config[key] or fallback, with the service's upstream timeout.
  http::ClientOptions client_options(const std::string& key, const std::string& fallback,
                                     const std::string& name) const;
  // After the service's own routes: GET /api/v1/audit, /healthz, /readyz and /metrics.
  void finish_routes();
  // OPS-5: the service's own e-mail outbox (mail::outbox_migration_sql() among its migrations), sending to
  // <data>/mail/<service> or SMTP (service::mail_options), started and stopped with the service.
  mail::Outbox& enable_mail_outbox();
  // Issue 15: the relay shipping the service's event_outbox (events::kEventOutboxDdl among its migrations)
  // to portal-events at PORTAL_EVENTS_URL (http://127.0.0.1:8088), signed with the forwarding key, started
  // and stopped with the service.
  events::Relay& enable_event_relay();

  // The route table without database, keys or port (--list-routes): the service's routes, then the audit
  // route and the standard ones.
  static std::vector<std::string> list_routes(const core::Config& config, const ServerSettings& server,
                                              const AdjustServer& adjust,
                                              const std::function<void(http::Server&)>& register_routes);

  std::string service_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<db::GroupCommitter> writer_;
  std::unique_ptr<http::IdempotencyStore> idempotency_;
  std::unique_ptr<AuthKeys> auth_keys_;
  std::unique_ptr<http::Server> server_;
  std::unique_ptr<audit::RetentionSweeper> audit_retention_;
  std::unique_ptr<mail::Outbox> mail_outbox_;   // enable_mail_outbox()
  std::unique_ptr<events::Relay> event_relay_;  // enable_event_relay()

 private:
  bool started_ = false;
};

}  // namespace portal::service
