#include "support/service_fixture.hpp"

#include "portal/service/testing/test_tokens.hpp"

namespace portal::test {

Neighbours::Neighbours(const std::string& now, const std::string& dir_prefix)
    : clock(*core::parse_rfc3339(now)), dir_(dir_prefix) {
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
  require_ready(*affiliates);
}

Neighbours::~Neighbours() {
  if (affiliates) affiliates->stop();
  affiliates.reset();
  if (auth) auth->stop();
  auth.reset();
}

void Neighbours::stop_affiliates() { affiliates->stop(); }

void Neighbours::point_at_neighbours(core::Config& config) const {
  config.set("PORTAL_AUTH_URL", "http://127.0.0.1:" + std::to_string(auth->port()));
  config.set("PORTAL_AFFILIATES_URL", "http://127.0.0.1:" + std::to_string(affiliates->port()));
}

std::string Neighbours::token(const security::Principal& principal) const {
  return service::testing::sign_test_token(auth_keys->current(), clock, principal);
}

std::string Neighbours::provider_admin(const std::string& nit, const std::string& branch) const {
  security::Principal p;
  p.subject = "user:10";
  p.user_type = "provider";
  p.roles = {"provider_admin"};
  p.provider_nit = nit;
  p.branch = branch;
  return token(p);
}

std::string Neighbours::delegate(std::vector<std::string> permissions) const {
  security::Principal p;
  p.subject = "user:11";
  p.user_type = "provider";
  p.roles = {"provider_user"};
  p.permissions = std::move(permissions);
  p.provider_nit = kDemoProvider;
  p.branch = kDemoBranch;
  return token(p);
}

std::string Neighbours::employee(const std::string& role) const {
  security::Principal p;
  p.subject = "user:" + std::to_string(100 + role.size());
  p.user_type = "employee";
  p.roles = {role};
  return token(p);
}

std::string Neighbours::client(std::vector<std::string> scopes, std::optional<std::string> nit) const {
  security::Principal p;
  p.subject = "client:demo-his";
  p.user_type = "client";
  p.permissions = std::move(scopes);
  p.provider_nit = std::move(nit);
  return token(p);
}

std::string json_object(std::map<std::string, std::string> members,
                        const std::map<std::string, std::string>& changes) {
  for (const auto& [k, v] : changes) {
    if (v.empty()) {
      members.erase(k);
    } else {
      members[k] = v;
    }
  }
  std::string out = "{";
  for (const auto& [k, v] : members) {
    if (out.size() > 1) out += ",";
    out += "\"" + k + "\":" + v;
  }
  return out + "}";
}

}  // namespace portal::test
