// Issue 8: the auth service on either backend behaves as it does on SQLite, also when another request's
// transaction is in flight at the same moment (another replica of the service on one PostgreSQL, where
// neither transaction sees the other's rows before it commits), and its demo data seeds on both.
#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <future>
#include <thread>

#include "auth_test_support.hpp"
#include "provider_store.hpp"
#include "user_store.hpp"

using namespace portal;
using namespace portal::auth::test;

namespace {

// hold(c) run in a write transaction of the service's database that stays open until commit(): another
// request's transaction, in flight. On SQLite the service's writes wait for it (one writer); on
// PostgreSQL they run alongside and meet its row locks and unique keys.
class InFlightWrite {
 public:
  InFlightWrite(db::Database& database, std::function<void(db::Connection&)> hold)
      : thread_([this, &database, hold = std::move(hold)] {
          bool holding = false;
          try {
            database.write([&](db::Connection& c) {
              hold(c);
              holding = true;
              held_.set_value();
              release_.get_future().wait();
            });
          } catch (...) {
            if (!holding) held_.set_exception(std::current_exception());
          }
        }) {
    try {
      held_.get_future().get();  // rethrows what hold() threw
    } catch (...) {
      thread_.join();
      throw;
    }
  }
  ~InFlightWrite() { commit(); }
  InFlightWrite(const InFlightWrite&) = delete;
  InFlightWrite& operator=(const InFlightWrite&) = delete;

  void commit() {
    if (!thread_.joinable()) return;
    release_.set_value();
    thread_.join();
  }

 private:
  std::promise<void> held_, release_;
  std::thread thread_;
};

// Sends the request while `other` is in flight, lets `other` commit once the request had time to reach
// its own write, and returns the request's answer.
HttpResult meanwhile(InFlightWrite& other, const std::function<HttpResult()>& send) {
  auto answer = std::async(std::launch::async, send);
  std::this_thread::sleep_for(std::chrono::milliseconds{300});
  other.commit();
  return answer.get();
}

const std::string kEmployee = R"({"username":"jperez","document_type":"CC","document_number":"80123456",
  "first_name":"Julián","first_surname":"Pérez","email":"jperez@eps.example","roles":["auditor"]})";

const std::string kProvider = R"({"nit":"800111222","legal_name":"Hospital Nuevo","branches":[
  {"habilitation_code":"050010011101","name":"Sede Medellín","department_code":"05","municipality_code":"05001",
   "contacts":[{"document_type":"CC","document_number":"43123456","first_name":"Lucía","first_surname":"Mejía",
     "position":"Gerente","email":"lucia@hn.example"},
    {"document_type":"CC","document_number":"43123457","first_name":"Mario","first_surname":"Ruiz",
     "position":"Director","email":"mario@hn.example"}]}]})";

std::string registration(const std::string& document) {
  return R"({"nit":"800111222","habilitation_code":"050010011101","document_number":")" + document +
         R"(","policy_version":"2026-01","accept_policies":true})";
}

}  // namespace

TEST_CASE("issue 8 a unique key committed first by a concurrent request is 409 naming it", "[integration]") {
  AuthFixture f;
  const auto sysadmin = f.token_for("sysadmin");
  const auto now = f.clock.now();
  const std::string at = core::to_rfc3339(now);

  SECTION("an employee's username") {
    InFlightWrite other(f.app->database(), [&](db::Connection& c) {
      c.exec(
          "INSERT INTO users (user_type, username, status, document_type, document_number, first_name, "
          "first_surname, email, created_at, updated_at) VALUES ('employee', 'JPerez', 'active', 'CC', '1', "
          "'J', "
          "'P', 'j@eps.example', ?, ?)",
          {at, at});
    });
    const auto created = meanwhile(other, [&] {
      return f.request("POST", "/api/v1/employees", kEmployee, sysadmin, "application/json",
                       {{"Idempotency-Key", "alta-jperez"}});
    });
    INFO(created.body);
    CHECK(created.status == 409);
    CHECK(created.str("code") == "username_taken");  // usernames compare case-insensitively on both
    // Nothing was kept for the key: the retry runs again and meets the same conflict.
    const auto retry = f.request("POST", "/api/v1/employees", kEmployee, sysadmin, "application/json",
                                 {{"Idempotency-Key", "alta-jperez"}});
    CHECK(retry.status == 409);
    CHECK(retry.str("code") == "username_taken");
    CHECK(f.count("SELECT count(*) FROM users WHERE document_number = '80123456'") == 0);
  }

  SECTION("an employee's document") {
    InFlightWrite other(f.app->database(), [&](db::Connection& c) {
      c.exec(
          "INSERT INTO users (user_type, username, status, document_type, document_number, first_name, "
          "first_surname, email, created_at, updated_at) VALUES ('employee', 'otro', 'active', 'CC', "
          "'80123456', "
          "'J', 'P', 'j@eps.example', ?, ?)",
          {at, at});
    });
    const auto created = meanwhile(other, [&] { return f.post("/api/v1/employees", kEmployee, sysadmin); });
    INFO(created.body);
    CHECK(created.status == 409);
    CHECK(created.str("code") == "user_already_exists");
  }

  SECTION("a provider's NIT") {
    InFlightWrite other(f.app->database(), [&](db::Connection& c) {
      auth::provider_store::insert_provider(c, auth::ProviderRecord{0, "800111222", "Otro", at});
    });
    const auto created = meanwhile(other, [&] { return f.post("/api/v1/providers", kProvider, sysadmin); });
    INFO(created.body);
    CHECK(created.status == 409);
    CHECK(created.str("code") == "provider_exists");
    CHECK(f.count("SELECT count(*) FROM branches WHERE habilitation_code = '050010011101'") == 0);
  }

  SECTION("an integrator's client_id") {
    InFlightWrite other(f.app->database(), [&](db::Connection& c) {
      c.exec(
          "INSERT INTO oauth_clients (client_id, name, secret_hash, scopes, active, created_at) "
          "VALUES ('erp-eps', 'ERP', 'x', 'payments.load', 1, ?)",
          {at});
    });
    const auto created = meanwhile(other, [&] {
      return f.post("/api/v1/clients", R"({"client_id":"erp-eps","name":"ERP","scopes":["payments.load"]})",
                    sysadmin);
    });
    CHECK(created.status == 409);
    CHECK(created.str("code") == "client_exists");
  }
}

TEST_CASE("issue 8 AUTH-2 a registration while another one of the provider is in flight: one administrator",
          "[integration]") {
  AuthFixture f;
  REQUIRE(f.post("/api/v1/providers", kProvider, f.token_for("sysadmin")).status == 201);
  const auto provider = f.app->database().read(
      [](db::Connection& c) { return *auth::provider_store::find_by_nit(c, "800111222"); });
  // Lucía's activation as the provider's administrator, between its check and its commit: it holds the
  // provider's row as the route does (issue 9: only an activated administrator closes self-registration).
  InFlightWrite other(f.app->database(), [&](db::Connection& c) {
    auth::provider_store::lock(c, provider.id);
    const std::string at = core::to_rfc3339(f.clock.now());
    c.exec(
        "INSERT INTO users (user_type, provider_id, username, status, roles, document_type, document_number, "
        "first_name, first_surname, email, created_at, updated_at) VALUES ('provider', ?, 'lmejia', "
        "'active', 'provider_admin', 'CC', '43123456', 'Lucía', 'Mejía', 'lucia@hn.example', ?, "
        "?)",
        {provider.id, at, at});
  });
  const auto mario =
      meanwhile(other, [&] { return f.post("/api/v1/registration", registration("43123457")); });
  INFO(mario.body);
  CHECK(mario.status == 409);
  CHECK(mario.str("code") == "provider_already_registered");
  CHECK(
      f.count(
          "SELECT count(*) FROM users WHERE roles = 'provider_admin' AND document_number LIKE '4312345%'") ==
      1);
}

TEST_CASE("issue 8 AUTH-6 a reset link used by a request in flight is refused once that one commits",
          "[integration]") {
  AuthFixture f;
  REQUIRE(f.post("/api/v1/auth/password-reset", R"({"user_type":"employee","username":"agent",
    "email":"agent@eps.example"})")
              .status == 202);
  const std::string token = f.mail_token("agent@eps.example");
  const auto agent =
      f.app->database().read([](db::Connection& c) { return *auth::user_store::find_employee(c, "agent"); });
  // The other confirm of the same link, as the route runs it: the user's row, then the single use.
  InFlightWrite other(f.app->database(), [&](db::Connection& c) {
    auth::user_store::lock(c, agent.id);
    c.exec("UPDATE one_time_tokens SET used_at = ? WHERE user_id = ? AND used_at IS NULL",
           {core::to_rfc3339(f.clock.now()), agent.id});
  });
  const auto second = meanwhile(other, [&] {
    return f.post(
        "/api/v1/auth/password-reset/confirm",
        R"({"token":")" + token + R"(","password":"Otra.Clave.55","password_confirmation":"Otra.Clave.55"})");
  });
  CHECK(second.status == 400);
  CHECK(second.str("code") == "invalid_token");
  CHECK(f.login("employee", "", "agent", "Otra.Clave.55").status == 401);
  CHECK(f.login("employee", "", "agent", "Demo.2026").status == 200);
}

TEST_CASE("issue 8 AUTH-4 a refresh token rotated by a request in flight counts as reused", "[integration]") {
  AuthFixture f;
  auto login = f.login("provider", "900000001", "delegate", "Demo.2026");
  REQUIRE(login.status == 200);
  const std::string refresh = login.str("refresh_token");
  // The other use of the same refresh token, rotating it.
  InFlightWrite other(f.app->database(), [&](db::Connection& c) {
    c.exec("UPDATE refresh_tokens SET rotated_at = ? WHERE rotated_at IS NULL",
           {core::to_rfc3339(f.clock.now())});
  });
  const auto second = meanwhile(
      other, [&] { return f.post("/api/v1/auth/refresh", R"({"refresh_token":")" + refresh + R"("})"); });
  CHECK(second.status == 401);
  CHECK(second.str("code") == "invalid_refresh_token");
  CHECK(f.audit_count("refresh_token_reuse") == 1);
  CHECK(f.count("SELECT count(*) FROM refresh_tokens WHERE revoked_at IS NULL") == 0);
}

TEST_CASE("issue 8 demo data seeds once on either backend and a restart keeps it", "[integration]") {
  AuthFixture f;
  const auto providers = [&] {
    return f.get("/api/v1/providers", f.token_for("sysadmin")).json["total"].GetInt();
  };
  CHECK(providers() == 3);
  CHECK(f.count("SELECT count(*) FROM users") == 7);
  f.restart();
  CHECK(providers() == 3);
  CHECK(f.count("SELECT count(*) FROM users") == 7);
  CHECK(f.login("provider", "900000001", "admin", "Demo.2026").status == 200);
  // Generated ids continue after the seeded rows (identity columns on PostgreSQL).
  auto created = f.post("/api/v1/providers", kProvider, f.token_for("sysadmin"));
  INFO(created.body);
  CHECK(created.status == 201);
  CHECK(providers() == 4);
}
