// AUTH-8 delegated users, AUTH-9 employees and AUTH-1 providers, against the service on port 0.
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "auth_test_support.hpp"
#include "portal/http/revocations.hpp"
#include "portal/security/jwt.hpp"

using namespace portal;
using namespace portal::auth::test;

namespace {

const std::string kDelegate = R"({"document_type":"CC","document_number":"1045123456","first_name":"Sofía",
  "first_surname":"Vargas","position":"Auxiliar de autorizaciones","area":"Autorizaciones","department_code":"08",
  "municipality_code":"08001","mobile":"3157654321","email":"sofia.vargas@ipsdemo.example",
  "email_confirmation":"sofia.vargas@ipsdemo.example","permissions":["authorizations","urgencies"]})";

long long id_of(AuthFixture& f, const std::string& token, const std::string& username) {
  auto list = f.get("/api/v1/users?per_page=200", token);
  REQUIRE(list.status == 200);
  for (const auto& u : list.json["items"].GetArray()) {
    if (username == u["username"].GetString()) return u["id"].GetInt64();
  }
  FAIL("no user " << username);
  return 0;
}

}  // namespace

TEST_CASE("AUTH-8 a delegate cannot manage users (403)", "[integration]") {
  AuthFixture f;
  const auto delegate = f.token_for("delegate");
  CHECK(f.get("/api/v1/users", delegate).status == 403);
  CHECK(f.post("/api/v1/users", kDelegate, delegate).status == 403);
  CHECK(f.get("/api/v1/users/1", delegate).status == 403);
  CHECK(f.patch("/api/v1/users/1", R"({"status":"inactive"})", delegate).status == 403);
  CHECK(f.get("/api/v1/users").status == 401);
  CHECK(f.get("/api/v1/users", f.token_for("agent")).status == 403);  // employees are not provider admins
}

TEST_CASE("AUTH-8 an admin cannot see or touch another provider's users (404)", "[integration]") {
  AuthFixture f;
  const auto admin = f.token_for("admin");
  const auto admin2 = f.token_for("admin2", "900000002");
  const long long delegate_id = id_of(f, admin, "delegate");
  auto seen = f.get("/api/v1/users/" + std::to_string(delegate_id), admin2);
  CHECK(seen.status == 404);
  CHECK(seen.str("code") == "not_found");
  CHECK(f.patch("/api/v1/users/" + std::to_string(delegate_id), R"({"status":"inactive"})", admin2).status ==
        404);
  CHECK(f.get("/api/v1/users/999999", admin2).status == 404);
  CHECK(f.get("/api/v1/users/abc", admin2).status == 400);  // issue 10: a malformed id, whoever asks
  auto list = f.get("/api/v1/users", admin2);
  REQUIRE(list.status == 200);
  CHECK(list.json["total"].GetInt() == 1);
  CHECK(std::string{list.json["items"][0]["username"].GetString()} == "admin2");
  // The delegate is untouched and still signs in.
  CHECK(f.login("provider", "900000001", "delegate", "Demo.2026").status == 200);
}

TEST_CASE("AUTH-8 admin creates a delegate who sets a password by link; admin edits and deactivates",
          "[integration]") {
  AuthFixture f;
  const auto admin = f.token_for("admin");
  auto mismatch = f.post("/api/v1/users",
                         R"({"document_type":"CC","email":"a@b.co","email_confirmation":"c@b.co"})", admin);
  REQUIRE(mismatch.status == 422);
  const auto fields = mismatch.error_fields();
  CHECK(std::count(fields.begin(), fields.end(), "email_confirmation:mismatch") == 1);
  CHECK(std::count(fields.begin(), fields.end(), "first_name:required") == 1);
  CHECK(std::count(fields.begin(), fields.end(), "mobile:required") == 1);

  auto created = f.post("/api/v1/users", kDelegate, admin);
  INFO(created.body);
  REQUIRE(created.status == 201);
  CHECK(created.str("username") == "svargas");
  CHECK(created.str("status") == "pending_activation");
  CHECK(created.json["permissions"].Size() == 2);
  CHECK(std::string{created.json["permissions"][0].GetString()} == "urgencies");
  const std::string id = std::to_string(created.json["id"].GetInt64());
  CHECK(f.post("/api/v1/users", kDelegate, admin).status == 409);  // same document again

  const std::string token = f.mail_token("sofia.vargas@ipsdemo.example");
  auto weak = f.post("/api/v1/auth/password-reset/confirm",
                     R"({"token":")" + token + R"(","password":"short","password_confirmation":"short"})");
  CHECK(weak.status == 422);
  CHECK(f.post("/api/v1/auth/password-reset/confirm",
               R"({"token":")" + token +
                   R"(","password":"Sofia.Clave.77","password_confirmation":"Sofia.Clave.77"})")
            .status == 204);
  auto login = f.login("provider", "900000001", "svargas", "Sofia.Clave.77");
  REQUIRE(login.status == 200);
  const auto claims = jwt_payload(login.str("access_token"));
  CHECK(claims["permissions"].Size() == 2);
  CHECK(std::string{claims["roles"][0].GetString()} == "provider_user");

  auto not_editable =
      f.patch("/api/v1/users/" + id, R"({"document_number":"1","email":"x@y.co","first_name":""})", admin);
  CHECK(not_editable.status == 422);
  CHECK(not_editable.error_fields() == std::vector<std::string>{"document_number:not_editable",
                                                                "email:not_editable", "first_name:required"});
  auto edited = f.patch("/api/v1/users/" + id,
                        R"({"permissions":["glosas"],"valid_until":"2026-12-31","phone":null})", admin);
  REQUIRE(edited.status == 200);
  CHECK(std::string{edited.json["permissions"][0].GetString()} == "glosas");
  CHECK(edited.str("valid_until") == "2026-12-31");
  auto off = f.patch("/api/v1/users/" + id, R"({"status":"inactive"})", admin);
  CHECK(off.status == 200);
  CHECK(off.str("status") == "inactive");
  CHECK(f.login("provider", "900000001", "svargas", "Sofia.Clave.77").status == 401);
  CHECK(
      f.post("/api/v1/auth/refresh", R"({"refresh_token":")" + login.str("refresh_token") + R"("})").status ==
      401);
  CHECK(f.audit_count("user_created") == 1);
  CHECK(f.audit_count("user_updated") == 2);

  auto self =
      f.patch("/api/v1/users/" + std::to_string(id_of(f, admin, "admin")), R"({"status":"inactive"})", admin);
  CHECK(self.status == 422);
}

TEST_CASE("AUTH-8 validity end date ends access", "[integration]") {
  AuthFixture f;
  const auto admin = f.token_for("admin");
  const long long id = id_of(f, admin, "delegate");
  REQUIRE(f.patch("/api/v1/users/" + std::to_string(id), R"({"valid_until":"2026-03-02"})", admin).status ==
          200);
  CHECK(f.login("provider", "900000001", "delegate", "Demo.2026").status == 200);
  f.clock.advance(std::chrono::hours{24});  // 2026-03-03 in Bogotá
  CHECK(f.login("provider", "900000001", "delegate", "Demo.2026").status == 401);
}

TEST_CASE("AUTH-9 an EPS admin creates an employee; others cannot", "[integration]") {
  AuthFixture f;
  const auto sysadmin = f.token_for("sysadmin");
  const std::string body = R"({"username":"jperez","document_type":"CC","document_number":"80123456",
    "first_name":"Julián","first_surname":"Pérez","email":"jperez@eps.example","roles":["auditor","agent"]})";
  auto created = f.post("/api/v1/employees", body, sysadmin);
  INFO(created.body);
  REQUIRE(created.status == 201);
  CHECK(created.str("user_type") == "employee");
  CHECK(created.json["roles"].Size() == 2);
  CHECK(f.post("/api/v1/employees", body, sysadmin).status == 409);
  const std::string id = std::to_string(created.json["id"].GetInt64());
  CHECK(f.get("/api/v1/employees/" + id, sysadmin).status == 200);
  auto patched = f.patch("/api/v1/employees/" + id, R"({"roles":["finance"],"username":"x"})", sysadmin);
  CHECK(patched.status == 422);
  CHECK(patched.error_fields() == std::vector<std::string>{"username:not_editable"});
  CHECK(f.patch("/api/v1/employees/" + id, R"({"roles":["finance"]})", sysadmin).status == 200);
  auto list = f.get("/api/v1/employees", sysadmin);
  REQUIRE(list.status == 200);
  CHECK(list.json["total"].GetInt() == 5);
  CHECK(f.get("/api/v1/employees", f.token_for("agent")).status == 403);
  CHECK(f.post("/api/v1/employees", body, f.token_for("admin")).status == 403);
  const std::string token = f.mail_token("jperez@eps.example");
  CHECK(f.post("/api/v1/auth/password-reset/confirm",
               R"({"token":")" + token +
                   R"(","password":"Julian.Eps.2026","password_confirmation":"Julian.Eps.2026"})")
            .status == 204);
  CHECK(f.login("employee", "", "jperez", "Julian.Eps.2026").status == 200);
  CHECK(f.audit_count("employee_created") == 1);
}

TEST_CASE("AUTH-1 EPS admins load providers", "[integration]") {
  AuthFixture f;
  const auto sysadmin = f.token_for("sysadmin");
  const std::string body =
      R"({"nit":"800111222","legal_name":"Hospital Nuevo","email":"urgencias@hn.example","branches":[{"habilitation_code":"050010011101",
    "name":"Sede Medellín","department_code":"05","municipality_code":"05001","contacts":[{"document_type":"CC",
    "document_number":"43123456","first_name":"Lucía","first_surname":"Mejía","position":"Gerente","email":"lucia@hn.example"}]}]})";
  auto created = f.post("/api/v1/providers", body, sysadmin);
  INFO(created.body);
  REQUIRE(created.status == 201);
  CHECK(f.post("/api/v1/providers", body, sysadmin).status == 409);
  auto one = f.get("/api/v1/providers/800111222", sysadmin);
  REQUIRE(one.status == 200);
  CHECK(std::string{one.json["branches"][0]["contacts"][0]["name"].GetString()} == "Lucía Mejía");
  CHECK(std::string{one.json["email"].GetString()} == "urgencias@hn.example");  // issue 11
  CHECK(f.get("/api/v1/providers/1", sysadmin).status == 404);
  CHECK(f.get("/api/v1/providers", sysadmin).json["total"].GetInt() == 4);
  CHECK(f.get("/api/v1/providers?per_page=500", sysadmin).status == 422);
  CHECK(f.get("/api/v1/providers", f.token_for("admin")).status == 403);
  auto invalid =
      f.post("/api/v1/providers", R"({"nit":"12-3","branches":[{"habilitation_code":"1"}]})", sysadmin);
  CHECK(invalid.status == 422);
  CHECK(invalid.error_fields().size() >= 5);
  // The new provider can now self-register (AUTH-2 step a).
  CHECK(f.get("/api/v1/registration/providers/800111222").status == 200);

  auto client = f.post("/api/v1/clients",
                       R"({"client_id":"erp-eps","name":"ERP","scopes":["payments.load"]})", sysadmin);
  REQUIRE(client.status == 201);
  const std::string secret = client.str("client_secret");
  CHECK(secret.size() >= 32);
  CHECK(f.post("/api/v1/clients", R"({"client_id":"erp-eps","name":"ERP","scopes":["payments.load"]})",
               sysadmin)
            .status == 409);
  auto token = f.request("POST", "/api/v1/auth/token",
                         "grant_type=client_credentials&client_id=erp-eps&client_secret=" + secret, "",
                         "application/x-www-form-urlencoded");
  CHECK(token.status == 200);
}

TEST_CASE("SPEC §2 PATCH honours If-Match (412 on a stale ETag)", "[integration]") {
  AuthFixture f;
  const auto admin = f.token_for("admin");
  const std::string path = "/api/v1/users/" + std::to_string(id_of(f, admin, "delegate"));
  auto current = f.get(path, admin);
  REQUIRE(current.status == 200);
  const std::string etag = current.header("ETag");
  REQUIRE_FALSE(etag.empty());
  auto first =
      f.request("PATCH", path, R"({"area":"Urgencias"})", admin, "application/json", {{"If-Match", etag}});
  CHECK(first.status == 200);
  auto stale =
      f.request("PATCH", path, R"({"area":"Cartera"})", admin, "application/json", {{"If-Match", etag}});
  CHECK(stale.status == 412);
  CHECK(stale.str("code") == "precondition_failed");
  CHECK(f.get(path, admin).str("area") == "Urgencias");

  auto me = f.get("/api/v1/me", admin);
  auto patched = f.request("PATCH", "/api/v1/me", R"({"phone":"6051234567"})", admin, "application/json",
                           {{"If-Match", me.header("ETag")}});
  CHECK(patched.status == 200);
}

TEST_CASE("SPEC §2 Idempotency-Key on creating POSTs", "[integration]") {
  AuthFixture f;
  const auto admin = f.token_for("admin");
  auto create = [&](const std::string& body, const std::string& key) {
    return f.request("POST", "/api/v1/users", body, admin, "application/json", {{"Idempotency-Key", key}});
  };
  auto first = create(kDelegate, "alta-sofia-1");
  REQUIRE(first.status == 201);
  auto retry = create(kDelegate, "alta-sofia-1");
  CHECK(retry.status == 201);
  CHECK(retry.body == first.body);
  CHECK(retry.header("Location") == first.header("Location"));
  CHECK(f.audit_count("user_created") == 1);
  std::string other = kDelegate;
  other.replace(other.find("1045123456"), 10, "1045999999");
  auto reused = create(other, "alta-sofia-1");
  CHECK(reused.status == 409);
  CHECK(reused.str("code") == "idempotency_key_reused");
  CHECK(create(kDelegate, "another-key").status ==
        409);  // without the key's replay it is a duplicate document
}

TEST_CASE("issue 4 provider detail: employees read any, a provider's users only their own (others 404)",
          "[integration]") {
  AuthFixture f;
  const auto branches_of = [](const HttpResult& r) { return r.json["branches"].GetArray(); };

  // Employees (any role): legal name and branches; only the EPS admin also gets the branch contacts.
  for (const std::string employee : {"agent", "auditor", "finance"}) {
    INFO(employee);
    auto r = f.get("/api/v1/providers/900000002", f.token_for(employee));
    REQUIRE(r.status == 200);
    CHECK(r.str("nit") == "900000002");
    CHECK_FALSE(r.str("legal_name").empty());
    REQUIRE(branches_of(r).Size() >= 1);
    const auto& branch = branches_of(r)[0];
    CHECK(branch.HasMember("habilitation_code"));
    CHECK(branch.HasMember("name"));
    CHECK(branch.HasMember("department_code"));
    CHECK(branch.HasMember("municipality_code"));
    CHECK_FALSE(branch.HasMember("contacts"));
  }
  auto as_admin = f.get("/api/v1/providers/900000002", f.token_for("sysadmin"));
  REQUIRE(as_admin.status == 200);
  CHECK(branches_of(as_admin)[0].HasMember("contacts"));
  CHECK(f.get("/api/v1/providers/123456789", f.token_for("agent")).str("code") == "provider_not_found");

  // Provider users: their own provider (admin and delegate alike), without contacts.
  for (const std::string user : {"admin", "delegate"}) {
    INFO(user);
    const auto token = f.token_for(user);
    auto own = f.get("/api/v1/providers/900000001", token);
    REQUIRE(own.status == 200);
    CHECK(own.str("nit") == "900000001");
    REQUIRE(branches_of(own).Size() >= 1);
    CHECK_FALSE(branches_of(own)[0].HasMember("contacts"));
    // Another provider, existing or not, is the same 404: nothing tells which NITs exist.
    auto other = f.get("/api/v1/providers/900000002", token);
    CHECK(other.status == 404);
    CHECK(other.str("code") == "provider_not_found");
    auto unknown = f.get("/api/v1/providers/123456789", token);
    CHECK(unknown.status == 404);
    CHECK(unknown.body == other.body);
  }
  // The list stays the EPS admin's.
  CHECK(f.get("/api/v1/providers", f.token_for("agent")).status == 403);
  CHECK(f.get("/api/v1/providers", f.token_for("admin")).status == 403);

  // An integrator client bound to a provider reads that provider only.
  auto client_token =
      f.request("POST", "/api/v1/auth/token",
                "grant_type=client_credentials&client_id=demo-his&client_secret=demo-his-secret-2026", "",
                "application/x-www-form-urlencoded");
  REQUIRE(client_token.status == 200);
  const std::string his = client_token.str("access_token");
  CHECK(f.get("/api/v1/providers/900000001", his).status == 200);
  CHECK(f.get("/api/v1/providers/900000002", his).status == 404);
}

namespace {

// The payload of auth's signed revocation feed (issue 9), read without verifying (the services verify).
std::string revocation_feed_payload(AuthFixture& f) {
  const auto feed = f.get(http::kRevocationsPath);
  REQUIRE(feed.status == 200);
  const auto first = feed.body.find('.');
  const auto second = feed.body.find('.', first + 1);
  return security::base64url_decode(feed.body.substr(first + 1, second - first - 1)).value_or("");
}

}  // namespace

TEST_CASE("issue 9: changed permissions and a password change void the earlier access tokens",
          "[integration]") {
  AuthFixture f;
  const auto admin = f.token_for("admin");
  const auto delegate = f.token_for("delegate");
  const long long delegate_id = id_of(f, admin, "delegate");
  const std::string subject = "\"user:" + std::to_string(delegate_id) + "\"";
  CHECK(revocation_feed_payload(f).find(subject) == std::string::npos);
  f.clock.advance(std::chrono::seconds{2});  // revocation has one-second resolution (iat)

  // Unchanged permissions revoke nothing; changed ones do.
  REQUIRE(
      f.patch("/api/v1/users/" + std::to_string(delegate_id), R"({"phone":"6051234567"})", admin).status ==
      200);
  CHECK(revocation_feed_payload(f).find(subject) == std::string::npos);
  CHECK(f.get("/api/v1/me", delegate).status == 200);
  REQUIRE(f.patch("/api/v1/users/" + std::to_string(delegate_id), R"({"permissions":["urgencies"]})", admin)
              .status == 200);
  CHECK(revocation_feed_payload(f).find(subject) != std::string::npos);
  // A write re-checks at once; a read within the poll interval.
  CHECK(f.patch("/api/v1/me", R"({"phone":"6057654321"})", delegate).status == 401);
  int status = 0;
  for (int i = 0; i < 30 && status != 401; ++i) {
    status = f.get("/api/v1/me", delegate).status;
    if (status != 401) std::this_thread::sleep_for(std::chrono::milliseconds{100});
  }
  CHECK(status == 401);
  const auto fresh = f.token_for("delegate");
  CHECK(f.get("/api/v1/me", fresh).status == 200);  // a login after the change works

  // The admin changes its own password: its earlier token ends too.
  f.clock.advance(std::chrono::seconds{2});
  REQUIRE(
      f.post(
           "/api/v1/me/password",
           R"({"current_password":"Demo.2026","new_password":"Nueva.Clave.2027","new_password_confirmation":"Nueva.Clave.2027"})",
           admin)
          .status == 204);
  CHECK(f.patch("/api/v1/me", R"({"phone":"6057654321"})", admin).status == 401);
}
