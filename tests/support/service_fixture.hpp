#pragma once
// A service in-process on port 0 with a temp data dir and a ManualClock, next to its real neighbours, both
// real and in-process with their demo data: auth (portal_auth_app: JWKS and the provider registry) and
// affiliates (portal_affiliates_app). Tokens for every kind of caller are signed with auth's own key store,
// read from its data dir. The service's database is a fresh SQLite file or PostgreSQL schema: every test
// case using the fixture runs once per backend (issue 8; the fixture GENERATEs the backend); auth and
// affiliates stay on SQLite. One copy for every validating service (urgencies, authorizations, and the
// referrals and inconsistencies services to come); each service names its settings in ServiceSetup.
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "affiliates_app.hpp"
#include "auth_app.hpp"
#include "portal/core/clock.hpp"
#include "portal/core/config.hpp"
#include "portal/db/testing/test_database.hpp"
#include "portal/security/jwt.hpp"
#include "portal/service/testing/http_result.hpp"
#include "support/process.hpp"

namespace portal::test {

inline constexpr const char* kDemoProvider = "900000001";  // demo provider, branch 080010000101
inline constexpr const char* kDemoBranch = "080010000101";

// auth and affiliates, the neighbours every validating service calls, and the tokens to call it with.
class Neighbours {
 public:
  Neighbours(const std::string& now, const std::string& dir_prefix);
  ~Neighbours();
  Neighbours(const Neighbours&) = delete;
  Neighbours& operator=(const Neighbours&) = delete;

  // Stops the affiliates service (its port then refuses connections).
  void stop_affiliates();
  const std::filesystem::path& dir() const { return dir_.path(); }
  // PORTAL_AUTH_URL and PORTAL_AFFILIATES_URL of a service started next to them.
  void point_at_neighbours(core::Config& config) const;

  core::ManualClock clock;
  std::unique_ptr<auth::AuthApp> auth;
  std::unique_ptr<security::KeyStore> auth_keys;  // auth's signing keys (same files), to mint test tokens
  std::unique_ptr<affiliates::AffiliatesApp> affiliates;

  std::string token(const security::Principal& principal) const;
  std::string provider_admin(const std::string& nit = kDemoProvider,
                             const std::string& branch = kDemoBranch) const;
  std::string delegate(std::vector<std::string> permissions) const;
  std::string employee(const std::string& role) const;
  std::string client(std::vector<std::string> scopes,
                     std::optional<std::string> nit = std::string{kDemoProvider}) const;

 private:
  TempDir dir_;
};

// What differs between the services under test.
struct ServiceSetup {
  std::string name;        // "urgencies": PORTAL_URGENCIES_PORT, _DATABASE_URL, _WORKERS
  std::string env_prefix;  // "PORTAL_URGENCIES_"
  std::string workers = "8";
  std::map<std::string, std::string> config;  // the service's own settings for every test
};

// Waits (5 s at most) for an in-process app to say it is ready.
template <class App>
void require_ready(App& app) {
  for (int i = 0; i < 200 && !app.ready(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  REQUIRE(app.ready());
}

template <class App>
class ServiceFixture : public Neighbours {
 public:
  ServiceFixture(const std::string& now, ServiceSetup setup, const std::map<std::string, std::string>& extra)
      : Neighbours(now, "portal-" + setup.name + "-test-"), setup_(std::move(setup)) {
    const auto backend = GENERATE(from_range(db::testing::backends()));
    UNSCOPED_INFO(setup_.name << " database: " << db::testing::backend_name(backend));
    scratch_ = std::make_unique<db::testing::TestDatabase>(backend, /*faulty_disk=*/true);
    start_app(extra);
  }
  ~ServiceFixture() {
    if (app) app->stop();
    app.reset();
  }

  // Stops the service and opens it again on the same data dir and database.
  void restart(const std::map<std::string, std::string>& extra = {}) {
    app->stop();
    app.reset();
    start_app(extra);
  }

  std::unique_ptr<App> app;

  using HttpResult = service::testing::HttpResult;
  HttpResult request(const std::string& method, const std::string& path, const std::string& body = "",
                     const std::string& token = "",
                     const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    return service::testing::request(app->port(), method, path, body, token, "application/json", headers);
  }
  HttpResult get(const std::string& path, const std::string& token,
                 const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    return request("GET", path, "", token, headers);
  }
  HttpResult post(const std::string& path, const std::string& body, const std::string& token,
                  const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    return request("POST", path, body, token, headers);
  }
  // One number from the service's own database (a COUNT in the tests).
  long long count(const std::string& sql) {
    return app->database().read([&](db::Connection& c) { return c.query_int64(sql).value_or(0); });
  }
  db::Dialect backend() const { return scratch_->dialect(); }
  const db::testing::TestDatabase& scratch() const { return *scratch_; }

 private:
  void start_app(const std::map<std::string, std::string>& extra) {
    core::Config config;
    config.set("PORTAL_DATA_DIR", (dir() / "data").string());
    config.set(setup_.env_prefix + "PORT", "0");
    config.set(setup_.env_prefix + "DATABASE_URL", scratch_->url());
    config.set(setup_.env_prefix + "WORKERS", setup_.workers);
    point_at_neighbours(config);
    config.set("PORTAL_DEMO", "false");
    config.set("PORTAL_LOG_LEVEL", "error");
    for (const auto& [k, v] : setup_.config) config.set(k, v);
    for (const auto& [k, v] : extra) config.set(k, v);
    app = std::make_unique<App>(config, clock);
    app->start();
    require_ready(*app);
  }

  ServiceSetup setup_;
  std::unique_ptr<db::testing::TestDatabase> scratch_;
};

// A JSON object from raw member texts (`{"a":1}` from {{"a","1"}}), with members replaced by `changes` (raw
// JSON) or removed (an empty text): the valid bodies of the service tests and their one-field variations.
std::string json_object(std::map<std::string, std::string> members,
                        const std::map<std::string, std::string>& changes = {});

}  // namespace portal::test
