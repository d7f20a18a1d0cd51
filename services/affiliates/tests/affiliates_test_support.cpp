#include "affiliates_test_support.hpp"

#include <catch2/catch.hpp>
#include <thread>

#include "portal/core/config.hpp"
#include "portal/service/testing/test_tokens.hpp"

namespace portal::affiliates::test {

JwksServer::JwksServer(const std::filesystem::path& dir)
    : logger_("auth-jwks", core::LogLevel::error), metrics_("auth-jwks") {
  keys_ = std::make_unique<security::KeyStore>(security::KeyStore::load_or_create((dir / "keys").string()));
  http::ServerOptions o;
  o.service_name = "auth-jwks";
  o.port = 0;
  o.worker_threads = 2;
  server_ = std::make_unique<http::Server>(o, logger_, metrics_, nullptr);
  server_->route(
      http::Method::get, "/api/v1/auth/jwks",
      [this](http::Request&) { return http::Response::json(200, keys_->jwks_json()); },
      http::Access::public_route);
  server_->start();
}

JwksServer::~JwksServer() { server_->stop(); }

AffiliatesFixture::AffiliatesFixture(bool demo, std::map<std::string, std::string> extra)
    : clock(*core::parse_rfc3339("2026-03-02T15:00:00Z")), demo_(demo) {
  const auto backend = GENERATE(from_range(db::testing::backends()));
  backend_info_ = std::make_unique<Catch::ScopedMessage>(
      Catch::MessageBuilder("INFO", CATCH_INTERNAL_LINEINFO, Catch::ResultWas::Info)
      << "affiliates database: " << db::testing::backend_name(backend));
  scratch_ = std::make_unique<db::testing::TestDatabase>(backend);
  jwks = std::make_unique<JwksServer>(dir());
  start_app(extra);
}

AffiliatesFixture::~AffiliatesFixture() {
  if (app) app->stop();
  app.reset();
  jwks.reset();
}

void AffiliatesFixture::start_app(const std::map<std::string, std::string>& extra) {
  core::Config config;
  config.set("PORTAL_DATA_DIR", (dir() / "data").string());
  config.set("PORTAL_AFFILIATES_PORT", "0");
  config.set("PORTAL_AFFILIATES_DATABASE_URL", scratch_->url());
  config.set("PORTAL_AUTH_URL", "http://127.0.0.1:" + std::to_string(jwks->port()));
  config.set("PORTAL_DEMO", demo_ ? "true" : "false");
  config.set("PORTAL_LOG_LEVEL", "error");
  config.set("PORTAL_ATTENTION_PHONE", "01 8000 116882");
  for (const auto& [k, v] : extra) config.set(k, v);
  app = std::make_unique<AffiliatesApp>(config, clock);
  app->start();
  for (int i = 0; i < 200 && !app->ready(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  REQUIRE(app->ready());
}

void AffiliatesFixture::restart(std::map<std::string, std::string> extra) {
  app->stop();
  app.reset();
  start_app(extra);
}

std::string AffiliatesFixture::token(const security::Principal& principal) const {
  return service::testing::sign_test_token(jwks->keys().current(), clock, principal);
}

std::string AffiliatesFixture::provider_admin() const {
  security::Principal p;
  p.subject = "user:10";
  p.user_type = "provider";
  p.roles = {"provider_admin"};
  p.provider_nit = "900000001";
  return token(p);
}

std::string AffiliatesFixture::delegate(std::vector<std::string> permissions) const {
  security::Principal p;
  p.subject = "user:11";
  p.user_type = "provider";
  p.roles = {"provider_user"};
  p.permissions = std::move(permissions);
  p.provider_nit = "900000001";
  return token(p);
}

std::string AffiliatesFixture::employee(const std::string& role) const {
  security::Principal p;
  p.subject = "user:" + std::to_string(100 + role.size());
  p.user_type = "employee";
  p.roles = {role};
  return token(p);
}

std::string AffiliatesFixture::client(std::vector<std::string> scopes) const {
  security::Principal p;
  p.subject = "client:demo-his";
  p.user_type = "client";
  p.permissions = std::move(scopes);
  p.provider_nit = "900000001";
  return token(p);
}

HttpResult AffiliatesFixture::request(const std::string& method, const std::string& path,
                                      const std::string& body, const std::string& token,
                                      const std::string& content_type,
                                      const std::vector<std::pair<std::string, std::string>>& headers) {
  return service::testing::request(app->port(), method, path, body, token, content_type, headers);
}

long long AffiliatesFixture::count(const std::string& sql) {
  return app->database().read([&](db::Connection& c) { return c.query_int64(sql).value_or(0); });
}

}  // namespace portal::affiliates::test
