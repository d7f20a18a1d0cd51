#include "authorizations_test_support.hpp"

#include <catch2/catch.hpp>
#include <thread>

#include "portal/core/config.hpp"
#include "portal/http/json_body.hpp"
#include "portal/service/testing/test_tokens.hpp"

namespace portal::authorizations::test {

AuthorizationsFixture::AuthorizationsFixture(std::string now, std::map<std::string, std::string> extra)
    : clock(*core::parse_rfc3339(now)) {
  const auto backend = GENERATE(from_range(db::testing::backends()));
  UNSCOPED_INFO("authorizations database: " << db::testing::backend_name(backend));
  scratch_ = std::make_unique<db::testing::TestDatabase>(backend, /*faulty_disk=*/true);
  core::Config auth_config;
  auth_config.set("PORTAL_DATA_DIR", (dir() / "auth-data").string());
  auth_config.set("PORTAL_AUTH_PORT", "0");
  auth_config.set("PORTAL_DEMO", "true");  // providers 900000001 (two branches) and 900000002
  auth_config.set("PORTAL_SMTP_URL", "");
  auth_config.set("PORTAL_LOG_LEVEL", "error");
  auth = std::make_unique<auth::AuthApp>(auth_config, clock);
  auth->start();
  auth_keys =
      std::make_unique<security::KeyStore>(security::KeyStore::load_or_create(auth->data_dir() + "/keys"));

  core::Config config;
  config.set("PORTAL_DATA_DIR", (dir() / "affiliates-data").string());
  config.set("PORTAL_AFFILIATES_PORT", "0");
  config.set("PORTAL_AUTH_URL", "http://127.0.0.1:" + std::to_string(auth->port()));
  config.set("PORTAL_DEMO", "true");
  config.set("PORTAL_LOG_LEVEL", "error");
  affiliates = std::make_unique<affiliates::AffiliatesApp>(config, clock);
  affiliates->start();
  for (int i = 0; i < 200 && !affiliates->ready(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  REQUIRE(affiliates->ready());
  start_app(extra);
}

AuthorizationsFixture::~AuthorizationsFixture() {
  if (app) app->stop();
  app.reset();
  if (affiliates) affiliates->stop();
  affiliates.reset();
  if (auth) auth->stop();
  auth.reset();
}

void AuthorizationsFixture::start_app(const std::map<std::string, std::string>& extra) {
  core::Config config;
  config.set("PORTAL_DATA_DIR", (dir() / "data").string());
  config.set("PORTAL_AUTHORIZATIONS_PORT", "0");
  config.set("PORTAL_AUTHORIZATIONS_DATABASE_URL", scratch_->url());
  config.set("PORTAL_AUTHORIZATIONS_WORKERS", "8");
  config.set("PORTAL_AUTH_URL", "http://127.0.0.1:" + std::to_string(auth->port()));
  config.set("PORTAL_AFFILIATES_URL", "http://127.0.0.1:" + std::to_string(affiliates->port()));
  config.set("PORTAL_DEMO", "false");
  config.set("PORTAL_LOG_LEVEL", "error");
  config.set("PORTAL_ATTENTION_PHONE", "01 8000 116882");
  for (const auto& [k, v] : extra) config.set(k, v);
  app = std::make_unique<AuthorizationsApp>(config, clock);
  app->start();
  for (int i = 0; i < 200 && !app->ready(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  REQUIRE(app->ready());
}

void AuthorizationsFixture::restart(std::map<std::string, std::string> extra) {
  app->stop();
  app.reset();
  start_app(extra);
}

void AuthorizationsFixture::stop_affiliates() { affiliates->stop(); }

std::string AuthorizationsFixture::token(const security::Principal& principal) const {
  return service::testing::sign_test_token(auth_keys->current(), clock, principal);
}

std::string AuthorizationsFixture::provider_admin(const std::string& nit, const std::string& branch) const {
  security::Principal p;
  p.subject = "user:10";
  p.user_type = "provider";
  p.roles = {"provider_admin"};
  p.provider_nit = nit;
  p.branch = branch;
  return token(p);
}

std::string AuthorizationsFixture::delegate(std::vector<std::string> permissions) const {
  security::Principal p;
  p.subject = "user:11";
  p.user_type = "provider";
  p.roles = {"provider_user"};
  p.permissions = std::move(permissions);
  p.provider_nit = kProvider;
  p.branch = kBranch;
  return token(p);
}

std::string AuthorizationsFixture::employee(const std::string& role) const {
  security::Principal p;
  p.subject = "user:" + std::to_string(100 + role.size());
  p.user_type = "employee";
  p.roles = {role};
  return token(p);
}

std::string AuthorizationsFixture::client(std::vector<std::string> scopes,
                                          std::optional<std::string> nit) const {
  security::Principal p;
  p.subject = "client:demo-his";
  p.user_type = "client";
  p.permissions = std::move(scopes);
  p.provider_nit = std::move(nit);
  return token(p);
}

HttpResult AuthorizationsFixture::request(const std::string& method, const std::string& path,
                                          const std::string& body, const std::string& token,
                                          const std::vector<std::pair<std::string, std::string>>& headers) {
  return service::testing::request(app->port(), method, path, body, token, "application/json", headers);
}

long long AuthorizationsFixture::count(const std::string& sql) {
  return app->database().read([&](db::Connection& c) { return c.query_int64(sql).value_or(0); });
}

std::string request_body(const std::string& request_number,
                         const std::map<std::string, std::string>& raw_members) {
  std::map<std::string, std::string> m = {
      {"request_number", "\"" + request_number + "\""},
      {"affiliate", R"({"document_type":"CC","document_number":"1000000001"})"},
      {"attention_origin", R"("general_illness")"},
      {"service_type", R"("elective")"},
      {"priority", R"("non_priority")"},
      {"patient_location", R"("outpatient")"},
      {"service", R"("general_medicine")"},
      {"diagnoses", R"({"principal":"D509","related":[]})"},
      {"clinical_justification", R"("Control de anemia ferropénica")"},
      {"procedures", R"([{"cups_code":"902045","quantity":1}])"},
      {"requester", R"({"name":"Ana Lucía Ruiz","position":"Médica general","phone":"6053850000"})"},
  };
  for (const auto& [k, v] : raw_members) {
    if (v.empty()) {
      m.erase(k);
    } else {
      m[k] = v;
    }
  }
  std::string out = "{";
  for (const auto& [k, v] : m) {
    if (out.size() > 1) out += ",";
    out += "\"" + k + "\":" + v;
  }
  return out + "}";
}

}  // namespace portal::authorizations::test
