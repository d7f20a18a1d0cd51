// AUTH-2 self-registration through activation to login, against the service on port 0.
#include <catch2/catch.hpp>

#include "auth_test_support.hpp"

using namespace portal;
using namespace portal::auth::test;

namespace {
const std::string kRegistration = R"({"nit":"900000003","habilitation_code":"470010000301","document_number":"1003003001",
  "policy_version":"2026-01","accept_policies":true,"password":"Registro.2026x","password_confirmation":"Registro.2026x"})";
}

TEST_CASE("AUTH-2 registration, activation by e-mailed token, then login", "[integration]") {
  AuthFixture f;
  auto provider = f.get("/api/v1/registration/providers/900000003");
  REQUIRE(provider.status == 200);
  CHECK(provider.str("legal_name") == "Centro Médico Demo Registro");
  CHECK(std::string{provider.json["branches"][0]["habilitation_code"].GetString()} == "470010000301");

  auto contact = f.get("/api/v1/registration/providers/900000003/contacts/1003003001?habilitation_code=470010000301");
  REQUIRE(contact.status == 200);
  CHECK(contact.str("name") == "Andrés Rodríguez");
  CHECK(contact.str("email") == "andres.rodriguez@cmdemo.example");
  CHECK(f.get("/api/v1/registration/providers/900000003/contacts/999").status == 404);

  auto policy = f.get("/api/v1/policies/current");
  REQUIRE(policy.status == 200);
  CHECK(policy.str("version") == "2026-01");

  auto created = f.post("/api/v1/registration", kRegistration);
  INFO(created.body);
  REQUIRE(created.status == 201);
  CHECK(created.str("username") == "arodriguez");
  CHECK(created.str("status") == "pending_activation");
  CHECK(created.json["email_sent"].GetBool());

  // Pending accounts cannot sign in, with the same answer as a wrong password (AUTH-3).
  auto pending = f.login("provider", "900000003", "arodriguez", "Registro.2026x");
  CHECK(pending.status == 401);
  CHECK(pending.str("code") == "invalid_credentials");

  const std::string token = f.mail_token("andres.rodriguez@cmdemo.example");
  auto activated = f.post("/api/v1/registration/activate", R"({"token":")" + token + R"("})");
  REQUIRE(activated.status == 200);
  CHECK(activated.str("status") == "active");
  auto again = f.post("/api/v1/registration/activate", R"({"token":")" + token + R"("})");
  CHECK(again.status == 400);
  CHECK(again.str("code") == "invalid_token");

  auto login = f.login("provider", "900000003", "arodriguez", "Registro.2026x");
  REQUIRE(login.status == 200);
  const auto claims = jwt_payload(login.str("access_token"));
  CHECK(std::string{claims["provider_nit"].GetString()} == "900000003");
  CHECK(std::string{claims["roles"][0].GetString()} == "provider_admin");

  // Once the provider has an admin, step (a) answers "already registered" (manual 003 §2.1).
  auto registered = f.get("/api/v1/registration/providers/900000003");
  CHECK(registered.status == 409);
  CHECK(registered.str("code") == "provider_already_registered");
  CHECK(f.post("/api/v1/registration", kRegistration).status == 409);
  CHECK(f.get("/api/v1/registration/providers/900000003/contacts/1003003001").status == 409);
  CHECK(f.audit_count("registration") == 1);
  CHECK(f.audit_count("account_activated") == 1);
}

TEST_CASE("AUTH-2 unknown NIT and every bad registration field at once", "[integration]") {
  AuthFixture f;
  auto missing = f.get("/api/v1/registration/providers/123456789");
  CHECK(missing.status == 404);
  CHECK(missing.str("code") == "provider_not_found");
  CHECK(missing.content_type.find("application/problem+json") == 0);

  auto bad = f.post("/api/v1/registration", R"({"nit":"900000003","habilitation_code":"999","document_number":"1003003001",
    "policy_version":"1999-01","accept_policies":false,"password":"abc","password_confirmation":"abd"})");
  INFO(bad.body);
  REQUIRE(bad.status == 422);
  const auto fields = bad.error_fields();
  auto has = [&](const std::string& prefix) {
    return std::any_of(fields.begin(), fields.end(), [&](const std::string& f) { return f.rfind(prefix, 0) == 0; });
  };
  CHECK(has("accept_policies:must_accept"));
  CHECK(has("password_confirmation:mismatch"));
  CHECK(has("policy_version:not_current"));
  CHECK(has("habilitation_code:not_found"));
  CHECK(has("password:"));
  CHECK(f.audit_count("registration") == 0);
}

TEST_CASE("AUTH-2 activation link expires after 48 hours", "[integration]") {
  AuthFixture f;
  REQUIRE(f.post("/api/v1/registration", kRegistration).status == 201);
  const std::string token = f.mail_token("andres.rodriguez@cmdemo.example");
  f.clock.advance(std::chrono::hours{48} + std::chrono::seconds{1});
  CHECK(f.post("/api/v1/registration/activate", R"({"token":")" + token + R"("})").status == 400);
  // Resend always answers 202 and issues a fresh link.
  CHECK(f.post("/api/v1/registration/resend", R"({"nit":"900000003","username":"arodriguez"})").status == 202);
  CHECK(f.post("/api/v1/registration/resend", R"({"nit":"900000003","username":"nobody"})").status == 202);
  const std::string fresh = f.mail_token("andres.rodriguez@cmdemo.example");
  CHECK(fresh != token);
  CHECK(f.post("/api/v1/registration/activate", R"({"token":")" + fresh + R"("})").status == 200);
}
