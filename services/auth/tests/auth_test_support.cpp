#include "auth_test_support.hpp"

#include <httplib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <regex>

#include "audit_store.hpp"
#include "portal/core/config.hpp"
#include "portal/security/jwt.hpp"

namespace portal::auth::test {

std::string HttpResult::header(const std::string& name) const {
  for (const auto& [k, v] : headers) {
    if (std::equal(k.begin(), k.end(), name.begin(), name.end(),
                   [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)); }))
      return v;
  }
  return "";
}

std::string HttpResult::str(const char* member) const {
  if (!json.IsObject() || !json.HasMember(member) || !json[member].IsString()) return "";
  return json[member].GetString();
}

std::vector<std::string> HttpResult::error_fields() const {
  std::vector<std::string> out;
  if (!json.IsObject() || !json.HasMember("errors") || !json["errors"].IsArray()) return out;
  for (const auto& e : json["errors"].GetArray())
    out.push_back(std::string{e["field"].GetString()} + ":" + e["code"].GetString());
  std::sort(out.begin(), out.end());
  return out;
}

AuthFixture::AuthFixture(bool demo, const std::vector<std::pair<std::string, std::string>>& settings) : clock(*core::parse_rfc3339("2026-03-02T15:00:00Z")) {
  std::random_device rd;
  dir_ = std::filesystem::temp_directory_path() / ("portal-auth-test-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::create_directories(dir_);
  core::Config config;
  config.set("PORTAL_DATA_DIR", dir_.string());
  config.set("PORTAL_AUTH_PORT", "0");
  config.set("PORTAL_DEMO", demo ? "true" : "false");
  config.set("PORTAL_LOG_LEVEL", "error");
  for (const auto& [key, value] : settings) config.set(key, value);
  app = std::make_unique<AuthApp>(config, clock);
  app->start();
}

AuthFixture::~AuthFixture() {
  app->stop();
  app.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

HttpResult AuthFixture::request(const std::string& method, const std::string& path, const std::string& body,
                                const std::string& token, const std::string& content_type,
                                const std::vector<std::pair<std::string, std::string>>& extra) {
  httplib::Client client("127.0.0.1", app->port());
  client.set_read_timeout(30, 0);
  httplib::Headers headers;
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  for (const auto& [k, v] : extra) headers.emplace(k, v);
  httplib::Result res = method == "GET"     ? client.Get(path.c_str(), headers)
                        : method == "PATCH" ? client.Patch(path.c_str(), headers, body, content_type.c_str())
                                            : client.Post(path.c_str(), headers, body, content_type.c_str());
  REQUIRE(res);
  HttpResult out;
  out.status = res->status;
  out.body = res->body;
  out.content_type = res->get_header_value("Content-Type");
  for (const auto& [k, v] : res->headers) out.headers.emplace(k, v);
  out.json.Parse(out.body.c_str());
  if (out.json.HasParseError()) out.json.SetNull();
  return out;
}

HttpResult AuthFixture::login(const std::string& user_type, const std::string& nit, const std::string& username,
                              const std::string& password) {
  std::string body = R"({"user_type":")" + user_type + R"(","username":")" + username + R"(","password":")" + password + "\"";
  if (!nit.empty()) body += R"(,"nit":")" + nit + "\"";
  return post("/api/v1/auth/login", body + "}");
}

std::string AuthFixture::token_for(const std::string& username, const std::string& nit) {
  const bool employee = username == "agent" || username == "auditor" || username == "finance" || username == "sysadmin";
  auto r = login(employee ? "employee" : "provider", employee ? "" : nit, username, "Demo.2026");
  INFO(r.body);
  REQUIRE(r.status == 200);
  return r.str("access_token");
}

std::string AuthFixture::mail_token(const std::string& recipient) {
  const std::string body = app->database().read([&](SQLite::Database& db) {
    SQLite::Statement st(db, "SELECT body FROM mail_outbox WHERE recipient = ? ORDER BY id DESC LIMIT 1");
    st.bind(1, recipient);
    return st.executeStep() ? st.getColumn(0).getString() : std::string{};
  });
  std::smatch m;
  static const std::regex kToken{"token=([A-Za-z0-9_-]+)"};
  INFO("mail to " << recipient);
  REQUIRE(std::regex_search(body, m, kToken));
  return m[1].str();
}

long long AuthFixture::audit_count(const std::string& action) {
  return app->database().read([&](SQLite::Database& db) { return audit_store::count_actions(db, action); });
}

rapidjson::Document jwt_payload(const std::string& token) {
  rapidjson::Document doc;
  const auto first = token.find('.');
  const auto second = token.find('.', first + 1);
  const auto payload = security::base64url_decode(token.substr(first + 1, second - first - 1));
  doc.Parse(payload.value_or("null").c_str());
  return doc;
}

}  // namespace portal::auth::test
