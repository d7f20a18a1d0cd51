#pragma once
// The auth service as one object: database (PORTAL_AUTH_DATABASE_URL, by default SQLite <data>/auth.db;
// PostgreSQL for several replicas), signing keys (<data>/keys), mail outbox
// (<data>/mail/auth), token verifier fed from its own JWKS, and the HTTP server with every route.
// Integration tests run it in-process on port 0 with a temp data dir and a ManualClock.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "auth_context.hpp"
#include "portal/audit/retention.hpp"
#include "portal/core/clock.hpp"
#include "portal/core/config.hpp"
#include "portal/core/log.hpp"
#include "portal/db/database.hpp"
#include "portal/http/revocations.hpp"
#include "portal/http/server.hpp"
#include "portal/mail/outbox.hpp"
#include "portal/metrics/metrics.hpp"
#include "portal/security/jwt.hpp"
#include "portal/service/service_base.hpp"

namespace portal::auth {

class AuthApp : private service::ServiceBase {
 public:
  // Opens (and migrates) the database, loads or creates the keys, seeds demo data when PORTAL_DEMO=true.
  AuthApp(core::Config config, const core::Clock& clock);
  ~AuthApp();
  AuthApp(const AuthApp&) = delete;
  AuthApp& operator=(const AuthApp&) = delete;

  void start();  // outbox sender + HTTP server
  void stop();
  std::uint16_t port() const;

  // "METHOD /template" per route, built without opening any database, key or port (--list-routes).
  static std::vector<std::string> list_routes(const core::Config& config);

  db::Database& database() { return *db_; }
  mail::Outbox& outbox() { return *outbox_; }
  const std::string& data_dir() const { return data_dir_; }
  // Where the outbox writes .eml files when no SMTP server is configured.
  std::string mail_dir() const { return data_dir_ + "/mail/auth"; }

 private:
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<security::KeyStore> keys_;
  std::unique_ptr<security::TokenVerifier> verifier_;
  std::unique_ptr<mail::Outbox> outbox_;
  std::unique_ptr<http::IdempotencyStore> idempotency_;
  std::unique_ptr<AuthMetrics> auth_metrics_;
  std::unique_ptr<AuthContext> ctx_;
  std::unique_ptr<http::RevocationFeed> revocations_;  // issue 9: refuses tokens issued before a revocation
  std::unique_ptr<http::Server> server_;
  std::unique_ptr<audit::RetentionSweeper> audit_retention_;
  bool started_ = false;
};

// The service's migrations: libs/mail's outbox table (version 1, one source of truth) and
// services/auth/migrations/*.sql (versions 2 and up).
db::Migrations auth_migrations();

}  // namespace portal::auth
