#pragma once
// The affiliates service in-process on port 0 with a temp data dir and a ManualClock, fed the public
// keys of a real security::KeyStore served by a tiny real http::Server (as auth serves its JWKS), plus
// tokens signed with that key store for every kind of caller. Its database is a fresh SQLite file or
// PostgreSQL schema: every test case using the fixture runs once per backend (issue 8).
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "affiliates_app.hpp"
#include "portal/core/clock.hpp"
#include "portal/core/log.hpp"
#include "portal/db/testing/test_database.hpp"
#include "portal/http/server.hpp"
#include "portal/metrics/metrics.hpp"
#include "portal/security/jwt.hpp"
#include "portal/service/testing/http_result.hpp"
#include "support/process.hpp"

namespace Catch {
class ScopedMessage;
}

namespace portal::affiliates::test {

using HttpResult = service::testing::HttpResult;

// Serves GET /api/v1/auth/jwks from a real key store, like auth does.
class JwksServer {
 public:
  explicit JwksServer(const std::filesystem::path& dir);
  ~JwksServer();
  std::uint16_t port() const { return server_->port(); }
  const security::KeyStore& keys() const { return *keys_; }

 private:
  core::Logger logger_;
  metrics::Registry metrics_;
  std::unique_ptr<security::KeyStore> keys_;
  std::unique_ptr<http::Server> server_;
};

class AffiliatesFixture {
 public:
  // GENERATEs the backend (Catch2 tracks it by this constructor's source line).
  explicit AffiliatesFixture(bool demo = true, std::map<std::string, std::string> extra = {});
  ~AffiliatesFixture();

  // Stops and starts the service again on the same data dir and database (restart / resume tests).
  void restart(std::map<std::string, std::string> extra = {});
  db::Dialect backend() const { return scratch_->dialect(); }

  core::ManualClock clock;
  std::unique_ptr<JwksServer> jwks;
  std::unique_ptr<AffiliatesApp> app;
  const std::filesystem::path& dir() const { return dir_.path(); }

  std::string token(const security::Principal& principal) const;
  std::string provider_admin() const;
  std::string delegate(std::vector<std::string> permissions) const;
  std::string employee(const std::string& role) const;
  std::string client(std::vector<std::string> scopes) const;

  HttpResult request(const std::string& method, const std::string& path, const std::string& body = "",
                     const std::string& token = "", const std::string& content_type = "application/json",
                     const std::vector<std::pair<std::string, std::string>>& headers = {});
  HttpResult get(const std::string& path, const std::string& token) {
    return request("GET", path, "", token);
  }
  HttpResult post(const std::string& path, const std::string& body, const std::string& token) {
    return request("POST", path, body, token);
  }
  // The first column of the first row of a query on the service's database (count(*) checks).
  long long count(const std::string& sql);

 private:
  void start_app(const std::map<std::string, std::string>& extra);
  portal::test::TempDir dir_{"portal-affiliates-test-"};
  std::unique_ptr<db::testing::TestDatabase> scratch_;
  std::unique_ptr<Catch::ScopedMessage> backend_info_;  // names the backend in every failure report
  bool demo_;
};

}  // namespace portal::affiliates::test
