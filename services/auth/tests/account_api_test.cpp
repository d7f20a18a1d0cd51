// AUTH-5 password change, AUTH-6 reset, AUTH-7 profile and AUTH-10 policy acceptance on port 0.
#include <catch2/catch.hpp>

#include "auth_test_support.hpp"

using namespace portal;
using namespace portal::auth::test;

namespace {
const std::string kAdminReset =
    R"({"user_type":"provider","nit":"900000001","habilitation_code":"080010000101",
  "document_number":"1001001001","email":"admin@ipsdemo.example"})";
}

TEST_CASE("AUTH-7 /me and PATCH /me", "[integration]") {
  AuthFixture f;
  const auto token = f.token_for("admin");
  auto me = f.get("/api/v1/me", token);
  REQUIRE(me.status == 200);
  CHECK(me.str("username") == "admin");
  CHECK(std::string{me.json["provider"]["nit"].GetString()} == "900000001");
  CHECK(std::string{me.json["provider"]["legal_name"].GetString()} == "IPS Demo Salud S.A.S.");
  CHECK(me.json["permissions"].Size() == 8);
  CHECK(me.body.find("password") == std::string::npos);

  auto patched = f.patch("/api/v1/me", R"({"email":"nuevo@ipsdemo.example","mobile":"3201112233"})", token);
  REQUIRE(patched.status == 200);
  CHECK(patched.str("email") == "nuevo@ipsdemo.example");
  CHECK(patched.str("mobile") == "3201112233");
  auto bad = f.patch("/api/v1/me", R"({"email":"nope","username":"root","phone":"1"})", token);
  CHECK(bad.status == 422);
  CHECK(bad.error_fields() ==
        std::vector<std::string>{"email:invalid_format", "phone:invalid_format", "username:not_editable"});
  CHECK(f.get("/api/v1/me").status == 401);
  CHECK(f.get("/api/v1/me", token + "x").status == 401);
  CHECK(f.audit_count("profile_updated") == 1);
}

TEST_CASE("AUTH-5 password change lists every policy violation at once", "[integration]") {
  AuthFixture f;
  const auto token = f.token_for("delegate");
  auto bad =
      f.post("/api/v1/me/password",
             R"({"current_password":"nope","new_password":"abc","new_password_confirmation":"abd"})", token);
  REQUIRE(bad.status == 422);
  const auto fields = bad.error_fields();
  INFO(bad.body);
  CHECK(std::count(fields.begin(), fields.end(), "current_password:incorrect") == 1);
  CHECK(std::count(fields.begin(), fields.end(), "new_password_confirmation:mismatch") == 1);
  // Too short, no upper-case letter, no digit: each listed.
  CHECK(std::count_if(fields.begin(), fields.end(),
                      [](const std::string& s) { return s.rfind("new_password:", 0) == 0; }) >= 3);

  CHECK(
      f.post(
           "/api/v1/me/password",
           R"({"current_password":"Demo.2026","new_password":"Nueva.Clave.91","new_password_confirmation":"Nueva.Clave.91"})",
           token)
          .status == 204);
  CHECK(f.login("provider", "900000001", "delegate", "Demo.2026").status == 401);
  CHECK(f.login("provider", "900000001", "delegate", "Nueva.Clave.91").status == 200);
  CHECK(f.audit_count("password_changed") == 1);
}

TEST_CASE("AUTH-6 password reset: same 202 either way, single use, expires after 1 hour", "[integration]") {
  AuthFixture f;
  auto matched = f.post("/api/v1/auth/password-reset", kAdminReset);
  auto unmatched = f.post("/api/v1/auth/password-reset", R"({"user_type":"provider","nit":"900000001",
    "habilitation_code":"080010000101","document_number":"1001001001","email":"otro@ipsdemo.example"})");
  auto employee = f.post("/api/v1/auth/password-reset",
                         R"({"user_type":"employee","username":"ghost","email":"g@eps.example"})");
  CHECK(matched.status == 202);
  CHECK(unmatched.status == 202);
  CHECK(employee.status == 202);
  CHECK(matched.body == unmatched.body);
  CHECK(matched.body == employee.body);
  auto missing = f.post("/api/v1/auth/password-reset", R"({"user_type":"provider"})");
  CHECK(missing.status == 422);
  CHECK(missing.error_fields() == std::vector<std::string>{"document_number:required", "email:required",
                                                           "habilitation_code:required", "nit:required"});

  const std::string token = f.mail_token("admin@ipsdemo.example");
  const std::string confirm =
      R"({"token":")" + token + R"(","password":"Otra.Clave.55","password_confirmation":"Otra.Clave.55"})";
  CHECK(f.post("/api/v1/auth/password-reset/confirm", confirm).status == 204);
  auto reused = f.post("/api/v1/auth/password-reset/confirm", confirm);
  CHECK(reused.status == 400);
  CHECK(reused.str("code") == "invalid_token");
  CHECK(f.login("provider", "900000001", "admin", "Otra.Clave.55").status == 200);

  REQUIRE(f.post("/api/v1/auth/password-reset", kAdminReset).status == 202);
  const std::string late = f.mail_token("admin@ipsdemo.example");
  CHECK(late != token);
  f.clock.advance(std::chrono::hours{1} + std::chrono::seconds{1});
  CHECK(f.post("/api/v1/auth/password-reset/confirm",
               R"({"token":")" + late +
                   R"(","password":"Tarde.Clave.66","password_confirmation":"Tarde.Clave.66"})")
            .status == 400);
  CHECK(f.audit_count("password_reset_requested") == 2);
  CHECK(f.audit_count("password_reset_completed") == 1);
}

TEST_CASE("AUTH-10 policy acceptance is recorded per user", "[integration]") {
  AuthFixture f;
  const auto token = f.token_for("delegate");
  CHECK(f.post("/api/v1/me/policy-acceptance", R"({"version":"1999-01"})", token).status == 422);
  CHECK(f.post("/api/v1/me/policy-acceptance", R"({"version":"2026-01"})", token).status == 204);
  CHECK(f.get("/api/v1/me", token).str("accepted_policy_version") == "2026-01");
  CHECK(f.audit_count("policy_accepted") == 1);
  CHECK(f.post("/api/v1/me/policy-acceptance", R"({"version":"2026-01"})").status == 401);
}

namespace {
const std::string kUnmatchedReset =
    R"({"user_type":"provider","nit":"900000001","habilitation_code":"080010000101",
  "document_number":"1001001001","email":"otro@ipsdemo.example"})";

long long admin_mails(AuthFixture& f) {
  return f.count("SELECT count(*) FROM mail_outbox WHERE recipient = 'admin@ipsdemo.example'");
}

HttpResult reset_from(AuthFixture& f, const std::string& body, const std::string& address) {
  return f.request("POST", "/api/v1/auth/password-reset", body, "", "application/json",
                   {from_client(address)});
}
}  // namespace

TEST_CASE("issue 9 the N+1th reset request of an account in an hour sends no e-mail and answers the same",
          "[integration][reset]") {
  AuthFixture f(true, {{"PORTAL_MAIL_REQUEST_FLOOR_MS", "0"}});  // 5 links per account and hour by default
  const auto first = f.post("/api/v1/auth/password-reset", kAdminReset);
  REQUIRE(first.status == 202);
  for (int i = 1; i < 5; ++i) REQUIRE(f.post("/api/v1/auth/password-reset", kAdminReset).status == 202);
  CHECK(admin_mails(f) == 5);
  const auto sixth = f.post("/api/v1/auth/password-reset", kAdminReset);
  CHECK(sixth.status == 202);
  CHECK(sixth.body == first.body);
  CHECK(sixth.content_type == first.content_type);
  CHECK(admin_mails(f) == 5);
  CHECK(f.audit_count("password_reset_limited") == 1);
  auto metrics = f.get("/metrics");
  const std::string series = R"(auth_requests_limited_total{limit="mail_account",service="auth"} )";
  const auto at = metrics.body.find(series);
  REQUIRE(at != std::string::npos);
  CHECK(std::stod(metrics.body.substr(at + series.size(), 20)) == 1);
  f.clock.advance(std::chrono::hours{1} + std::chrono::seconds{1});
  CHECK(f.post("/api/v1/auth/password-reset", kAdminReset).status == 202);
  CHECK(admin_mails(f) == 6);
}

TEST_CASE("issue 9 reset requests are budgeted per client address, matched or not", "[integration][reset]") {
  AuthFixture f(true, {{"PORTAL_MAIL_REQUESTS_PER_ADDRESS", "3"}, {"PORTAL_MAIL_REQUEST_FLOOR_MS", "0"}});
  for (int i = 0; i < 3; ++i) REQUIRE(reset_from(f, kUnmatchedReset, "10.3.3.3").status == 202);
  auto limited = reset_from(f, kAdminReset, "10.3.3.3");
  CHECK(limited.status == 202);
  CHECK(limited.body == R"({"status":"accepted"})");
  CHECK(admin_mails(f) == 0);
  CHECK(reset_from(f, kAdminReset, "10.3.3.4").status == 202);
  CHECK(admin_mails(f) == 1);
}

TEST_CASE("issue 9 matched, unmatched and limited reset answers all wait for the same floor",
          "[integration][reset]") {
  AuthFixture f(true, {{"PORTAL_MAIL_REQUEST_FLOOR_MS", "300"}, {"PORTAL_MAIL_LINKS_PER_ACCOUNT", "1"}});
  const auto timed = [&](const std::string& body) {
    const auto start = std::chrono::steady_clock::now();
    const auto r = f.post("/api/v1/auth/password-reset", body);
    CHECK(r.status == 202);
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  };
  for (const auto& [name, body] : {std::pair{"matched", kAdminReset}, std::pair{"unmatched", kUnmatchedReset},
                                   std::pair{"limited", kAdminReset}}) {
    CAPTURE(name);
    CHECK(timed(body) >= std::chrono::milliseconds{300});
  }
  CHECK(admin_mails(f) == 1);
  // A malformed request is answered at once: it reveals nothing about any account.
  CHECK(f.post("/api/v1/auth/password-reset", "{}").status == 422);
}
