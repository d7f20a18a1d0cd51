#include "auth_test_support.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <regex>

#include "audit_store.hpp"
#include "portal/http/client_address.hpp"
#include "portal/security/jwt.hpp"

namespace portal::auth::test {

std::vector<std::string> HttpResult::error_fields() const {
  auto out = service::testing::HttpResult::error_fields();
  std::sort(out.begin(), out.end());
  return out;
}

AuthFixture::AuthFixture(bool demo, const std::vector<std::pair<std::string, std::string>>& settings)
    : clock(*core::parse_rfc3339("2026-03-02T15:00:00Z")) {
  const auto backend = GENERATE(from_range(db::testing::backends()));
  UNSCOPED_INFO("auth database: " << db::testing::backend_name(backend));
  scratch_ = std::make_unique<db::testing::TestDatabase>(backend);
  config_.set("PORTAL_DATA_DIR", dir_.path().string());
  config_.set("PORTAL_AUTH_DATABASE_URL", scratch_->url());
  config_.set("PORTAL_AUTH_PORT", "0");
  config_.set("PORTAL_DEMO", demo ? "true" : "false");
  config_.set("PORTAL_LOG_LEVEL", "error");
  config_.set("PORTAL_FORWARDING_KEY", kTestForwardingKey);
  for (const auto& [key, value] : settings) config_.set(key, value);
  app = std::make_unique<AuthApp>(config_, clock);
  app->start();
}

void AuthFixture::restart() {
  app->stop();
  app.reset();
  app = std::make_unique<AuthApp>(config_, clock);
  app->start();
}

AuthFixture::~AuthFixture() {
  app->stop();
  app.reset();
}

HttpResult AuthFixture::request(const std::string& method, const std::string& path, const std::string& body,
                                const std::string& token, const std::string& content_type,
                                const std::vector<std::pair<std::string, std::string>>& headers) {
  return HttpResult{service::testing::request(app->port(), method, path, body, token, content_type, headers)};
}

HttpResult AuthFixture::login(const std::string& user_type, const std::string& nit,
                              const std::string& username, const std::string& password) {
  std::string body = R"({"user_type":")" + user_type + R"(","username":")" + username + R"(","password":")" +
                     password + "\"";
  if (!nit.empty()) body += R"(,"nit":")" + nit + "\"";
  return post("/api/v1/auth/login", body + "}");
}

std::string AuthFixture::token_for(const std::string& username, const std::string& nit) {
  const bool employee =
      username == "agent" || username == "auditor" || username == "finance" || username == "sysadmin";
  auto r = login(employee ? "employee" : "provider", employee ? "" : nit, username, "Demo.2026");
  INFO(r.body);
  REQUIRE(r.status == 200);
  return r.str("access_token");
}

std::string AuthFixture::mail_token(const std::string& recipient) {
  const std::string body = app->database().read([&](db::Connection& c) {
    return c
        .query_text("SELECT body FROM mail_outbox WHERE recipient = ? ORDER BY id DESC LIMIT 1", {recipient})
        .value_or("");
  });
  std::smatch m;
  static const std::regex kToken{"token=([A-Za-z0-9_-]+)"};
  INFO("mail to " << recipient);
  REQUIRE(std::regex_search(body, m, kToken));
  return m[1].str();
}

long long AuthFixture::audit_count(const std::string& action) {
  return app->database().read([&](db::Connection& c) { return audit_store::count_actions(c, action); });
}

long long AuthFixture::count(const std::string& sql) {
  return app->database().read([&](db::Connection& c) { return c.query_int64(sql).value_or(0); });
}

rapidjson::Document jwt_payload(const std::string& token) {
  rapidjson::Document doc;
  const auto first = token.find('.');
  const auto second = token.find('.', first + 1);
  const auto payload = security::base64url_decode(token.substr(first + 1, second - first - 1));
  doc.Parse(payload.value_or("null").c_str());
  return doc;
}

std::pair<std::string, std::string> from_client(const std::string& address) {
  return {http::kClientHeader, http::sign_client_header(kTestForwardingKey, address)};
}

}  // namespace portal::auth::test
