// AUTH-2 self-registration through activation to login, against the service on port 0; issue 9: the
// password is set only through the mailed link, a new registration replaces a pending one, the anonymous
// contact lookup is masked and budgeted.
#include <catch2/catch.hpp>

#include "auth_test_support.hpp"
#include "provider_store.hpp"

using namespace portal;
using namespace portal::auth::test;

namespace {
const std::string kRegistration =
    R"({"nit":"900000003","habilitation_code":"470010000301","document_number":"1003003001",
  "policy_version":"2026-01","accept_policies":true})";
const std::string kContactMail = "andres.rodriguez@cmdemo.example";
const std::string kContactPath = "/api/v1/registration/providers/900000003/contacts/1003003001";

std::string activation(const std::string& token, const std::string& password) {
  return R"({"token":")" + token + R"(","password":")" + password + R"(","password_confirmation":")" +
         password + R"("})";
}

HttpResult from(AuthFixture& f, const std::string& method, const std::string& path, const std::string& body,
                const std::string& address) {
  return f.request(method, path, body, "", "application/json", {from_client(address)});
}
}  // namespace

TEST_CASE("AUTH-2 registration, activation by e-mailed link that sets the password, then login",
          "[integration][registration]") {
  AuthFixture f;
  auto provider = f.get("/api/v1/registration/providers/900000003");
  REQUIRE(provider.status == 200);
  CHECK(provider.str("legal_name") == "Centro Médico Demo Registro");
  CHECK(std::string{provider.json["branches"][0]["habilitation_code"].GetString()} == "470010000301");

  auto contact = f.get(kContactPath + "?habilitation_code=470010000301");
  REQUIRE(contact.status == 200);
  CHECK(f.get("/api/v1/registration/providers/900000003/contacts/999").status == 404);

  auto policy = f.get("/api/v1/policies/current");
  REQUIRE(policy.status == 200);
  CHECK(policy.str("version") == "2026-01");

  auto created = f.post("/api/v1/registration", kRegistration);
  INFO(created.body);
  REQUIRE(created.status == 201);
  CHECK(created.str("status") == "pending_activation");
  CHECK(created.json["email_sent"].GetBool());
  CHECK_FALSE(created.json.HasMember("username"));  // issue 9: it goes to the contact's mailbox only

  const std::string token = f.mail_token(kContactMail);
  // The link needs the new password; a weak or mismatched one is refused and leaves the link usable.
  auto no_password = f.post("/api/v1/registration/activate", R"({"token":")" + token + R"("})");
  CHECK(no_password.status == 422);
  CHECK(no_password.error_fields() ==
        std::vector<std::string>{"password:required", "password_confirmation:required"});
  auto weak = f.post("/api/v1/registration/activate", activation(token, "abc"));
  CHECK(weak.status == 422);
  auto mismatch = f.post(
      "/api/v1/registration/activate",
      R"({"token":")" + token + R"(","password":"Registro.2026x","password_confirmation":"Otra.2026x"})");
  CHECK(mismatch.status == 422);
  CHECK(f.post("/api/v1/registration/activate", activation("not-a-token", "Registro.2026x")).status == 400);

  auto activated = f.post("/api/v1/registration/activate", activation(token, "Registro.2026x"));
  INFO(activated.body);
  REQUIRE(activated.status == 200);
  CHECK(activated.str("status") == "active");
  CHECK(activated.str("username") == "arodriguez");
  auto again = f.post("/api/v1/registration/activate", activation(token, "Registro.2026y"));
  CHECK(again.status == 400);
  CHECK(again.str("code") == "invalid_token");

  auto login = f.login("provider", "900000003", "arodriguez", "Registro.2026x");
  REQUIRE(login.status == 200);
  const auto claims = jwt_payload(login.str("access_token"));
  CHECK(std::string{claims["provider_nit"].GetString()} == "900000003");
  CHECK(std::string{claims["roles"][0].GetString()} == "provider_admin");
  CHECK(f.login("provider", "900000003", "arodriguez", "Registro.2026y").status == 401);
  // The full record is the activated user's own (AUTH-7).
  auto me = f.get("/api/v1/me", login.str("access_token"));
  CHECK(me.str("email") == kContactMail);

  // Once the provider has an active admin, step (a) answers "already registered" (manual 003 §2.1).
  auto registered = f.get("/api/v1/registration/providers/900000003");
  CHECK(registered.status == 409);
  CHECK(registered.str("code") == "provider_already_registered");
  CHECK(f.post("/api/v1/registration", kRegistration).status == 409);
  CHECK(f.get(kContactPath).status == 409);
  CHECK(f.audit_count("registration") == 1);
  CHECK(f.audit_count("account_activated") == 1);
}

TEST_CASE("issue 9 a stranger's registration never sets the contact's password nor blocks the contact",
          "[integration][registration]") {
  AuthFixture f;
  // The attacker knows NIT, habilitation code and document, and sends a password of their choosing (the
  // old contract): it is ignored.
  const std::string with_password =
      R"({"nit":"900000003","habilitation_code":"470010000301","document_number":"1003003001",
    "policy_version":"2026-01","accept_policies":true,"password":"Atacante.2026x","password_confirmation":"Atacante.2026x"})";
  auto attacker = from(f, "POST", "/api/v1/registration", with_password, "198.51.100.7");
  INFO(attacker.body);
  REQUIRE(attacker.status == 201);
  const std::string first_link = f.mail_token(kContactMail);
  CHECK(f.login("provider", "900000003", "arodriguez", "Atacante.2026x").status == 401);

  // The provider is not "registered" while only a pending registration exists: the contact can go on.
  CHECK(from(f, "GET", "/api/v1/registration/providers/900000003", "", "203.0.113.5").status == 200);
  CHECK(from(f, "GET", kContactPath, "", "203.0.113.5").status == 200);
  auto contact = from(f, "POST", "/api/v1/registration", kRegistration, "203.0.113.5");
  INFO(contact.body);
  REQUIRE(contact.status == 201);
  CHECK(contact.body == attacker.body);  // replacing reveals nothing
  const std::string second_link = f.mail_token(kContactMail);
  CHECK(second_link != first_link);
  CHECK(f.count("SELECT count(*) FROM users WHERE document_number = '1003003001'") == 1);
  CHECK(f.audit_count("registration_replaced") == 1);

  // The replaced registration's link is dead; the new one sets the contact's own password.
  CHECK(f.post("/api/v1/registration/activate", activation(first_link, "Atacante.2026x")).status == 400);
  auto activated = f.post("/api/v1/registration/activate", activation(second_link, "Contacto.2026x"));
  REQUIRE(activated.status == 200);
  CHECK(f.login("provider", "900000003", "arodriguez", "Atacante.2026x").status == 401);
  CHECK(f.login("provider", "900000003", "arodriguez", "Contacto.2026x").status == 200);
}

TEST_CASE("issue 9 of two pending registrations of one provider, the first activated wins",
          "[integration][registration]") {
  AuthFixture f;
  f.app->database().write([&](db::Connection& c) {
    auth::ContactRecord other;
    other.branch_id = *c.query_int64("SELECT id FROM branches WHERE habilitation_code = '470010000301'");
    other.document_number = "1003003002";
    other.first_name = "Beatriz";
    other.first_surname = "Castro";
    other.position = "Gerente";
    other.email = "beatriz.castro@cmdemo.example";
    auth::provider_store::insert_contact(c, other);
  });
  REQUIRE(f.post("/api/v1/registration", kRegistration).status == 201);
  std::string second = kRegistration;
  second.replace(second.find("1003003001"), 10, "1003003002");
  REQUIRE(f.post("/api/v1/registration", second).status == 201);
  const auto andres = f.mail_token(kContactMail);
  const auto beatriz = f.mail_token("beatriz.castro@cmdemo.example");
  REQUIRE(f.post("/api/v1/registration/activate", activation(beatriz, "Beatriz.2026x")).status == 200);
  auto late = f.post("/api/v1/registration/activate", activation(andres, "Andres.2026x"));
  CHECK(late.status == 409);
  CHECK(late.str("code") == "provider_already_registered");
  CHECK(f.login("provider", "900000003", "arodriguez", "Andres.2026x").status == 401);
  CHECK(f.login("provider", "900000003", "bcastro", "Beatriz.2026x").status == 200);
}

TEST_CASE("issue 9 the anonymous contact lookup shows masked data only", "[integration][registration]") {
  AuthFixture f;
  auto contact = f.get(kContactPath + "?habilitation_code=470010000301");
  INFO(contact.body);
  REQUIRE(contact.status == 200);
  CHECK(contact.str("name") == "A*** R***");
  CHECK(contact.str("email") == "an***@cmdemo.example");
  CHECK(contact.str("phone") == "********00");
  CHECK(contact.str("mobile") == "********43");
  CHECK(contact.json["address"].IsNull());
  CHECK(contact.str("document_number") == "1003003001");
  for (const char* secret :
       {"Andrés", "Rodríguez", "andres.rodriguez", "6053000000", "3009876543", "Calle 1"}) {
    CAPTURE(secret);
    CHECK(contact.body.find(secret) == std::string::npos);
  }
}

TEST_CASE("issue 9 the document oracle is budgeted per address and per NIT", "[integration][registration]") {
  AuthFixture f(
      true, {{"PORTAL_REGISTRATION_LOOKUPS_PER_ADDRESS", "5"}, {"PORTAL_REGISTRATION_MISSES_PER_NIT", "8"}});
  const std::string wrong = "/api/v1/registration/providers/900000003/contacts/";
  for (int i = 0; i < 5; ++i)
    REQUIRE(from(f, "GET", wrong + std::to_string(100 + i), "", "10.0.0.1").status == 404);
  auto limited = from(f, "GET", kContactPath, "", "10.0.0.1");
  CHECK(limited.status == 429);
  CHECK(limited.str("code") == "too_many_attempts");
  CHECK(std::stoll(limited.header("Retry-After")) > 0);
  // Registration is the same oracle and spends the same budget.
  CHECK(from(f, "POST", "/api/v1/registration", kRegistration, "10.0.0.1").status == 429);
  // Another address has its own budget, but misses also spend the NIT's: 3 more make 8.
  for (int i = 0; i < 3; ++i)
    REQUIRE(from(f, "GET", wrong + std::to_string(200 + i), "", "10.0.0.2").status == 404);
  auto nit_spent = from(f, "GET", kContactPath, "", "10.0.0.3");
  CHECK(nit_spent.status == 429);
  // A hit does not spend the NIT's budget: other providers are unaffected.
  CHECK(from(f, "GET", "/api/v1/registration/providers/900000002/contacts/1", "", "10.0.0.3").status != 429);
  f.clock.advance(std::chrono::hours{1} + std::chrono::seconds{1});
  CHECK(from(f, "GET", kContactPath, "", "10.0.0.1").status == 200);
}

TEST_CASE("AUTH-2 activation link expires after 48 hours; resend issues a fresh one",
          "[integration][registration]") {
  AuthFixture f(true, {{"PORTAL_MAIL_REQUEST_FLOOR_MS", "0"}});
  REQUIRE(f.post("/api/v1/registration", kRegistration).status == 201);
  const std::string token = f.mail_token(kContactMail);
  f.clock.advance(std::chrono::hours{48} + std::chrono::seconds{1});
  CHECK(f.post("/api/v1/registration/activate", activation(token, "Registro.2026x")).status == 400);
  // Resend always answers 202 and issues a fresh link.
  auto sent = f.post("/api/v1/registration/resend", R"({"nit":"900000003","username":"arodriguez"})");
  auto unknown = f.post("/api/v1/registration/resend", R"({"nit":"900000003","username":"nobody"})");
  CHECK(sent.status == 202);
  CHECK(unknown.status == 202);
  CHECK(sent.body == unknown.body);
  const std::string fresh = f.mail_token(kContactMail);
  CHECK(fresh != token);
  CHECK(f.post("/api/v1/registration/activate", activation(fresh, "Registro.2026x")).status == 200);
}

TEST_CASE("issue 9 resend mails an account at most N times an hour, with the same answer",
          "[integration][registration]") {
  AuthFixture f(true, {{"PORTAL_MAIL_LINKS_PER_ACCOUNT", "3"}, {"PORTAL_MAIL_REQUEST_FLOOR_MS", "0"}});
  REQUIRE(f.post("/api/v1/registration", kRegistration).status == 201);  // the first of 3 e-mails
  const auto mails = [&] {
    return f.count("SELECT count(*) FROM mail_outbox WHERE recipient = 'andres.rodriguez@cmdemo.example'");
  };
  const std::string resend = R"({"nit":"900000003","username":"arodriguez"})";
  for (int i = 0; i < 2; ++i) REQUIRE(f.post("/api/v1/registration/resend", resend).status == 202);
  CHECK(mails() == 3);
  auto limited = f.post("/api/v1/registration/resend", resend);
  CHECK(limited.status == 202);
  CHECK(limited.body == R"({"status":"accepted"})");
  CHECK(mails() == 3);
  // A new registration of the same contact would mail again: it is refused until the hour passes.
  CHECK(f.post("/api/v1/registration", kRegistration).status == 429);
  f.clock.advance(std::chrono::hours{1} + std::chrono::seconds{1});
  CHECK(f.post("/api/v1/registration/resend", resend).status == 202);
  CHECK(mails() == 4);
}

TEST_CASE("AUTH-2 unknown NIT and every bad registration field at once", "[integration][registration]") {
  AuthFixture f;
  auto missing = f.get("/api/v1/registration/providers/123456789");
  CHECK(missing.status == 404);
  CHECK(missing.str("code") == "provider_not_found");
  CHECK(missing.content_type.find("application/problem+json") == 0);

  auto bad = f.post("/api/v1/registration",
                    R"({"nit":"900000003","habilitation_code":"999","document_number":"1003003001",
    "policy_version":"1999-01","accept_policies":false})");
  INFO(bad.body);
  REQUIRE(bad.status == 422);
  CHECK(bad.error_fields() == std::vector<std::string>{"accept_policies:must_accept",
                                                       "habilitation_code:not_found",
                                                       "policy_version:not_current"});
  auto types = f.post("/api/v1/registration", R"({"nit":9,"habilitation_code":null,"document_number":[],
    "policy_version":"2026-01","accept_policies":"yes"})");
  CHECK(types.status == 422);
  CHECK(f.audit_count("registration") == 0);
}
