#pragma once
// The auth service in-process on port 0 with a temp data dir, demo data and a ManualClock, plus a small
// JSON-over-HTTP client (cpp-httplib) for the integration tests. Its database is a fresh SQLite file or
// PostgreSQL schema: the fixture GENERATEs the backend, so every test case using it runs once per backend
// (issue 8).
#include <rapidjson/document.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "auth_app.hpp"
#include "portal/core/clock.hpp"
#include "portal/core/config.hpp"
#include "portal/db/testing/test_database.hpp"
#include "portal/service/testing/http_result.hpp"
#include "support/process.hpp"

namespace portal::auth::test {

struct HttpResult : service::testing::HttpResult {
  // "field:code" of every problem error, sorted: auth's tests compare the set of errors, not their order.
  std::vector<std::string> error_fields() const;
};

// The forwarding key the fixture's auth shares with a would-be gateway (issue 9 item 8).
inline constexpr const char* kTestForwardingKey = "test-forwarding-key-0123456789abcdef";
// The header a gateway sends for a client at `address`: auth believes it, unlike X-Forwarded-For.
std::pair<std::string, std::string> from_client(const std::string& address);

class AuthFixture {
 public:
  explicit AuthFixture(bool demo = true,
                       const std::vector<std::pair<std::string, std::string>>& settings = {});
  ~AuthFixture();

  core::ManualClock clock;
  std::unique_ptr<AuthApp> app;

  db::Dialect backend() const { return scratch_->dialect(); }
  // Stops the service and starts it again on the same database, data directory and settings.
  void restart();

  HttpResult request(const std::string& method, const std::string& path, const std::string& body = "",
                     const std::string& token = "", const std::string& content_type = "application/json",
                     const std::vector<std::pair<std::string, std::string>>& headers = {});
  HttpResult get(const std::string& path, const std::string& token = "") {
    return request("GET", path, "", token);
  }
  HttpResult post(const std::string& path, const std::string& body, const std::string& token = "") {
    return request("POST", path, body, token);
  }
  HttpResult patch(const std::string& path, const std::string& body, const std::string& token = "") {
    return request("PATCH", path, body, token);
  }

  HttpResult login(const std::string& user_type, const std::string& nit, const std::string& username,
                   const std::string& password);
  // Access token of a demo account (password Demo.2026); fails the test when the login fails.
  std::string token_for(const std::string& username, const std::string& nit = "900000001");
  // The single-use token in the newest e-mail queued for that address (read from the outbox table).
  std::string mail_token(const std::string& recipient);
  long long audit_count(const std::string& action);

  // Runs SQL on the service's database outside the service (checks, set-up).
  long long count(const std::string& sql);

 private:
  portal::test::TempDir dir_{"portal-auth-test-"};
  std::unique_ptr<db::testing::TestDatabase> scratch_;
  core::Config config_;
};

// The JSON payload of a JWT (no verification; the server verified it).
rapidjson::Document jwt_payload(const std::string& token);

}  // namespace portal::auth::test
