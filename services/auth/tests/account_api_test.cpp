// AUTH-5 password change, AUTH-6 reset, AUTH-7 profile and AUTH-10 policy acceptance on port 0.
#include <catch2/catch.hpp>

#include "auth_test_support.hpp"

using namespace portal;
using namespace portal::auth::test;

namespace {
const std::string kAdminReset = R"({"user_type":"provider","nit":"900000001","habilitation_code":"080010000101",
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
  auto bad = f.post("/api/v1/me/password",
                    R"({"current_password":"nope","new_password":"abc","new_password_confirmation":"abd"})", token);
  REQUIRE(bad.status == 422);
  const auto fields = bad.error_fields();
  INFO(bad.body);
  CHECK(std::count(fields.begin(), fields.end(), "current_password:incorrect") == 1);
  CHECK(std::count(fields.begin(), fields.end(), "new_password_confirmation:mismatch") == 1);
  // Too short, no upper-case letter, no digit: each listed.
  CHECK(std::count_if(fields.begin(), fields.end(), [](const std::string& s) { return s.rfind("new_password:", 0) == 0; }) >= 3);

  CHECK(f.post("/api/v1/me/password",
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
  auto employee = f.post("/api/v1/auth/password-reset", R"({"user_type":"employee","username":"ghost","email":"g@eps.example"})");
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
  const std::string confirm = R"({"token":")" + token + R"(","password":"Otra.Clave.55","password_confirmation":"Otra.Clave.55"})";
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
               R"({"token":")" + late + R"(","password":"Tarde.Clave.66","password_confirmation":"Tarde.Clave.66"})")
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
