#pragma once
// The authorizations service in-process on port 0 with a temp data dir and a ManualClock, next to its real
// neighbours, both real and in-process with their demo data: auth (portal_auth_app: JWKS and the provider
// registry GET /api/v1/providers/{nit} with its own access rule) and affiliates (portal_affiliates_app).
// Tokens for every kind of caller are signed with auth's own key store, read from its data dir.
#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "affiliates_app.hpp"
#include "auth_app.hpp"
#include "authorizations_app.hpp"
#include "portal/core/clock.hpp"
#include "portal/core/log.hpp"
#include "portal/db/testing/test_database.hpp"
#include "portal/http/server.hpp"
#include "portal/metrics/metrics.hpp"
#include "portal/security/jwt.hpp"
#include "portal/service/testing/http_result.hpp"
#include "support/process.hpp"

namespace portal::authorizations::test {

inline constexpr const char* kProvider = "900000001";  // demo provider, branch 080010000101
inline constexpr const char* kBranch = "080010000101";
inline constexpr const char* kOtherProvider = "900000002";  // second demo provider, branch 080010000201

using HttpResult = service::testing::HttpResult;

class AuthorizationsFixture {
 public:
  // now: the ManualClock's start (default 2026-03-02T15:00:00Z = 10:00 in Bogotá). The authorizations
  // database is a fresh SQLite file or PostgreSQL schema: every test case using the fixture runs once per
  // backend (issue 8; the fixture GENERATEs the backend). auth and affiliates, its neighbours, stay on
  // SQLite.
  explicit AuthorizationsFixture(std::string now = "2026-03-02T15:00:00Z",
                                 std::map<std::string, std::string> extra = {});
  ~AuthorizationsFixture();

  // Stops the authorizations service and opens it again on the same data dir.
  void restart(std::map<std::string, std::string> extra = {});
  // Stops the affiliates service (its port then refuses connections).
  void stop_affiliates();

  core::ManualClock clock;
  std::unique_ptr<auth::AuthApp> auth;
  std::unique_ptr<security::KeyStore> auth_keys;  // auth's signing keys (same files), to mint test tokens
  std::unique_ptr<affiliates::AffiliatesApp> affiliates;
  std::unique_ptr<AuthorizationsApp> app;
  const std::filesystem::path& dir() const { return dir_.path(); }

  std::string token(const security::Principal& principal) const;
  std::string provider_admin(const std::string& nit = kProvider, const std::string& branch = kBranch) const;
  std::string delegate(std::vector<std::string> permissions) const;
  std::string employee(const std::string& role) const;
  std::string client(std::vector<std::string> scopes,
                     std::optional<std::string> nit = std::string{kProvider}) const;

  HttpResult request(const std::string& method, const std::string& path, const std::string& body = "",
                     const std::string& token = "",
                     const std::vector<std::pair<std::string, std::string>>& headers = {});
  HttpResult get(const std::string& path, const std::string& token,
                 const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    return request("GET", path, "", token, headers);
  }
  HttpResult post(const std::string& path, const std::string& body, const std::string& token,
                  const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    return request("POST", path, body, token, headers);
  }
  long long count(const std::string& sql);
  db::Dialect backend() const { return scratch_->dialect(); }
  const db::testing::TestDatabase& scratch() const { return *scratch_; }

 private:
  void start_app(const std::map<std::string, std::string>& extra);
  portal::test::TempDir dir_{"portal-authorizations-test-"};
  std::unique_ptr<db::testing::TestDatabase> scratch_;
};

// A valid POST body: the demo affiliate CC 1000000001 (María, F), outpatient elective, one POS laboratory
// (902045: approved at once by the default rules). Members can be replaced (raw JSON) or removed ("").
std::string request_body(const std::string& request_number,
                         const std::map<std::string, std::string>& raw_members = {});

}  // namespace portal::authorizations::test
