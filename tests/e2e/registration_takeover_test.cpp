// Issue 9 item 1 (manual 001 §2.2): through the gateway, a stranger who knows a provider's NIT, a
// habilitation code and a contact's document registers first; the real contact can still register, the
// link mailed to the contact sets the contact's own password, and the stranger's password never signs in.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "e2e_suite.hpp"
#include "portal/security/jwt.hpp"
#include "support/json_fields.hpp"

using namespace portal;
using namespace portal::e2e;

namespace {

const char* kNit = "900000003";  // the demo provider without an administrator
const char* kContactMail = "andres.rodriguez@cmdemo.example";

// The decoded text body of an .eml written by auth's outbox (base64, RFC 2045).
std::string decoded_body(const std::string& eml) {
  const auto blank = eml.find("\r\n\r\n");
  if (blank == std::string::npos) return "";
  std::string b64;
  for (char c : eml.substr(blank + 4)) {
    if (c == '+')
      b64 += '-';
    else if (c == '/')
      b64 += '_';
    else if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')
      b64 += c;
  }
  return security::base64url_decode(b64).value_or("");
}

// The activation tokens mailed to `recipient`, oldest first (files are named <outbox id>-<time>.eml).
std::vector<std::string> mailed_tokens(const std::string& mail_dir, const std::string& recipient) {
  std::vector<std::filesystem::path> files;
  if (std::filesystem::exists(mail_dir))
    for (const auto& e : std::filesystem::directory_iterator(mail_dir)) {
      // <outbox id>-<time>.eml; the outbox writes ".<name>.tmp" first and renames it.
      const std::string name = e.path().filename().string();
      if (e.path().extension() == ".eml" && !name.empty() &&
          std::isdigit(static_cast<unsigned char>(name[0])))
        files.push_back(e.path());
    }
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
    return std::stoll(a.filename().string()) < std::stoll(b.filename().string());
  });
  std::vector<std::string> tokens;
  static const std::regex kToken{"/activate\\?token=([A-Za-z0-9_-]+)"};
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    const std::string eml = text.str();
    if (eml.find("To: " + recipient) == std::string::npos) continue;
    std::smatch m;
    const std::string body = decoded_body(eml);
    if (std::regex_search(body, m, kToken)) tokens.push_back(m[1].str());
  }
  return tokens;
}

// Waits (the outbox sends in the background) until `count` activation e-mails reached the contact.
std::vector<std::string> wait_for_tokens(const std::string& mail_dir, std::size_t count) {
  std::vector<std::string> tokens;
  for (int i = 0; i < 100 && tokens.size() < count; ++i) {
    tokens = mailed_tokens(mail_dir, kContactMail);
    if (tokens.size() < count) std::this_thread::sleep_for(std::chrono::milliseconds{50});
  }
  return tokens;
}

std::string registration(const std::string& extra = "") {
  return std::string{R"({"nit":")"} + kNit +
         R"(","habilitation_code":"470010000301","document_number":"1003003001","policy_version":"2026-01",)"
         R"("accept_policies":true)" +
         extra + "}";
}

std::string activation(const std::string& token, const std::string& password) {
  return R"({"token":")" + token + R"(","password":")" + password + R"(","password_confirmation":")" +
         password + R"("})";
}

}  // namespace

TEST_CASE("issue 9 registration takeover through the gateway: the contact's link sets the contact's password",
          "[e2e][registration]") {
  auto& s = Suite::get();
  auto& gw = s.gateway();
  const std::string mail_dir = s.system().data_dir() + "/mail/auth";
  const std::size_t before = mailed_tokens(mail_dir, kContactMail).size();

  // The stranger confirms the contact (masked data only) and registers with a password of their own.
  auto lookup = gw.get(std::string{"/api/v1/registration/providers/"} + kNit + "/contacts/1003003001");
  REQUIRE(lookup.status == 200);
  CHECK(test::json_string(lookup.body, "/name") == std::optional<std::string>("A*** R***"));
  CHECK(lookup.body.find(kContactMail) == std::string::npos);
  auto attacker =
      gw.post_json("/api/v1/registration",
                   registration(R"(,"password":"Atacante.2026x","password_confirmation":"Atacante.2026x")"));
  INFO(attacker.body);
  REQUIRE(attacker.status == 201);
  CHECK(attacker.body.find("arodriguez") == std::string::npos);
  CHECK(s.login_provider(kNit, "arodriguez", "Atacante.2026x").status == 401);

  // The real contact registers while the stranger's registration is pending: allowed, and it replaces it.
  auto provider = gw.get(std::string{"/api/v1/registration/providers/"} + kNit);
  CHECK(provider.status == 200);
  auto contact = gw.post_json("/api/v1/registration", registration());
  INFO(contact.body);
  REQUIRE(contact.status == 201);

  const auto tokens = wait_for_tokens(mail_dir, before + 2);
  REQUIRE(tokens.size() == before + 2);
  const std::string stale = tokens[before];
  const std::string fresh = tokens[before + 1];
  // The first link died with the registration it belonged to.
  auto old_link = gw.post_json("/api/v1/registration/activate", activation(stale, "Atacante.2026x"));
  CHECK(old_link.status == 400);

  // The contact follows the newest link and chooses the password there.
  auto activated = gw.post_json("/api/v1/registration/activate", activation(fresh, "Contacto.Real.2026"));
  INFO(activated.body);
  REQUIRE(activated.status == 200);
  CHECK(test::json_string(activated.body, "/username") == std::optional<std::string>("arodriguez"));

  CHECK(s.login_provider(kNit, "arodriguez", "Atacante.2026x").status == 401);
  auto owner = s.login_provider(kNit, "arodriguez", "Contacto.Real.2026");
  REQUIRE(owner.status == 200);
  const auto token = test::json_string(owner.body, "/access_token").value_or("");
  auto me = gw.get("/api/v1/me", test::bearer(token));
  REQUIRE(me.status == 200);
  CHECK(me.body.find(kContactMail) != std::string::npos);  // the full record, to its owner

  // Now the provider is registered: a stranger's new registration is refused.
  CHECK(gw.post_json("/api/v1/registration", registration()).status == 409);
}
