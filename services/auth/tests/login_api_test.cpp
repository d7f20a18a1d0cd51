// AUTH-3 login, AUTH-4 refresh rotation and client_credentials, against the service on port 0.
#include <catch2/catch.hpp>

#include "auth_test_support.hpp"

using namespace portal;
using namespace portal::auth::test;

TEST_CASE("AUTH-3 every login failure gets the same 401", "[integration]") {
  AuthFixture f;
  const std::vector<HttpResult> failures = [&] {
    std::vector<HttpResult> out;
    out.push_back(f.login("provider", "900000001", "admin", "Wrong.2026"));  // wrong password
    out.push_back(f.login("provider", "900000001", "nobody", "Demo.2026"));  // unknown user
    out.push_back(f.login("provider", "900000002", "admin", "Demo.2026"));   // wrong NIT
    out.push_back(f.login("provider", "123", "admin", "Demo.2026"));         // NIT of no provider
    out.push_back(f.login("employee", "", "admin", "Demo.2026"));            // wrong user type
    return out;
  }();
  for (const auto& r : failures) {
    CAPTURE(r.body);
    CHECK(r.status == 401);
    CHECK(r.str("code") == "invalid_credentials");
    CHECK(r.str("detail") == failures.front().str("detail"));
    CHECK(r.str("title") == failures.front().str("title"));
  }
  CHECK(f.audit_count("login_failed") == 5);
  auto ok = f.login("provider", "900000001", "admin", "Demo.2026");
  REQUIRE(ok.status == 200);
  CHECK(ok.str("token_type") == "Bearer");
  CHECK(ok.json["expires_in"].GetInt() == 900);
  const auto claims = jwt_payload(ok.str("access_token"));
  CHECK(claims["permissions"].Size() == 8);  // provider_admin holds every module (AUTH-4)
  CHECK(std::string{claims["branch"].GetString()} == "080010000101");
  CHECK(f.audit_count("login_succeeded") == 1);
  CHECK(f.get("/api/v1/me", ok.str("access_token")).status == 200);
}

TEST_CASE("AUTH-4 refresh rotation; reuse of a rotated token revokes the family", "[integration]") {
  AuthFixture f;
  auto login = f.login("provider", "900000001", "delegate", "Demo.2026");
  REQUIRE(login.status == 200);
  const std::string r1 = login.str("refresh_token");
  auto second = f.post("/api/v1/auth/refresh", R"({"refresh_token":")" + r1 + R"("})");
  REQUIRE(second.status == 200);
  const std::string r2 = second.str("refresh_token");
  CHECK(r2 != r1);
  CHECK(f.get("/api/v1/me", second.str("access_token")).status == 200);
  auto third = f.post("/api/v1/auth/refresh", R"({"refresh_token":")" + r2 + R"("})");
  REQUIRE(third.status == 200);
  const std::string r3 = third.str("refresh_token");

  auto reuse = f.post("/api/v1/auth/refresh", R"({"refresh_token":")" + r1 + R"("})");
  CHECK(reuse.status == 401);
  CHECK(reuse.str("code") == "invalid_refresh_token");
  // The newest token of the family is dead too.
  CHECK(f.post("/api/v1/auth/refresh", R"({"refresh_token":")" + r3 + R"("})").status == 401);
  CHECK(f.audit_count("refresh_token_reuse") == 1);
  // Another login starts a new, independent family.
  auto fresh = f.login("provider", "900000001", "delegate", "Demo.2026");
  CHECK(
      f.post("/api/v1/auth/refresh", R"({"refresh_token":")" + fresh.str("refresh_token") + R"("})").status ==
      200);
}

TEST_CASE("AUTH-4 refresh tokens expire after 30 days; logout revokes", "[integration]") {
  AuthFixture f;
  auto a = f.login("provider", "900000001", "admin", "Demo.2026");
  f.clock.advance(std::chrono::hours{24 * 30} + std::chrono::seconds{1});
  CHECK(f.post("/api/v1/auth/refresh", R"({"refresh_token":")" + a.str("refresh_token") + R"("})").status ==
        401);

  auto b = f.login("provider", "900000001", "admin", "Demo.2026");
  auto out = f.post("/api/v1/auth/logout", R"({"refresh_token":")" + b.str("refresh_token") + R"("})",
                    b.str("access_token"));
  CHECK(out.status == 204);
  CHECK(f.post("/api/v1/auth/refresh", R"({"refresh_token":")" + b.str("refresh_token") + R"("})").status ==
        401);
  CHECK(f.post("/api/v1/auth/logout", "{}").status == 401);  // logout needs a token
}

namespace {
HttpResult login_from(AuthFixture& f, const std::string& username, const std::string& password,
                      const std::string& address) {
  const std::string body = R"({"user_type":"provider","nit":"900000001","username":")" + username +
                           R"(","password":")" + password + R"("})";
  return f.request("POST", "/api/v1/auth/login", body, "", "application/json", {from_client(address)});
}
}  // namespace

TEST_CASE("issue 9 200 failures from one address lock that address out, never the owner elsewhere",
          "[integration][throttle]") {
  AuthFixture f;
  int verified_failures = 0;
  for (int i = 0; i < 200; ++i) {
    auto r = login_from(f, "admin", "Wrong.2026", "198.51.100.7");
    REQUIRE((r.status == 401 || r.status == 429));
    if (r.status == 401) ++verified_failures;
    f.clock.advance(std::chrono::seconds{2});
  }
  // The delays spaced the attempts, and the pair (admin, attacker) locked after 20 failures.
  CHECK(verified_failures == 20);
  auto attacker = login_from(f, "admin", "Demo.2026", "198.51.100.7");
  CHECK(attacker.status == 429);
  CHECK(std::stoll(attacker.header("Retry-After")) > 60);

  // The owner at another address is slowed by at most the documented cap (30 s), then gets in.
  auto first = login_from(f, "admin", "Demo.2026", "203.0.113.5");
  CHECK(first.status == 429);
  CHECK(first.str("code") == "too_many_attempts");
  const long long wait = std::stoll(first.header("Retry-After"));
  CHECK(wait >= 1);
  CHECK(wait <= 30);
  // Retrying early does not restart the wait.
  f.clock.advance(std::chrono::seconds{wait - 1});
  auto early = login_from(f, "admin", "Demo.2026", "203.0.113.5");
  CHECK(early.status == 429);
  CHECK(early.header("Retry-After") == "1");
  f.clock.advance(std::chrono::seconds{1});
  CHECK(login_from(f, "admin", "Demo.2026", "203.0.113.5").status == 200);
  // The attacker's address stays refused, even with the right password.
  CHECK(login_from(f, "admin", "Demo.2026", "198.51.100.7").status == 429);
  // Other accounts from the attacker's address are not locked (300 an hour per address).
  CHECK(login_from(f, "delegate", "Demo.2026", "198.51.100.7").status == 200);
  CHECK(f.audit_count("login_throttled") >= 180);

  auto metrics = f.get("/metrics");
  REQUIRE(metrics.status == 200);
  for (const std::string scope : {"account", "account_address"}) {
    CAPTURE(scope);
    const std::string series = R"(auth_login_throttled_total{scope=")" + scope + R"(",service="auth"} )";
    const auto at = metrics.body.find(series);
    REQUIRE(at != std::string::npos);
    CHECK(std::stod(metrics.body.substr(at + series.size(), 20)) >= 2);
  }
  // The lock ends when the failures leave the hour.
  f.clock.advance(std::chrono::hours{1});
  CHECK(login_from(f, "admin", "Demo.2026", "198.51.100.7").status == 200);
}

TEST_CASE("issue 9 a few mistakes by the owner are verified at once, then spaced by growing delays",
          "[integration][throttle]") {
  AuthFixture f;
  for (int i = 0; i < 5; ++i) REQUIRE(login_from(f, "admin", "Wrong.2026", "10.1.1.1").status == 401);
  // 5 failures: the next attempt from the same address waits 1 s after the last failure.
  auto waits = login_from(f, "admin", "Demo.2026", "10.1.1.1");
  CHECK(waits.status == 429);
  CHECK(waits.header("Retry-After") == "1");
  f.clock.advance(std::chrono::seconds{1});
  CHECK(login_from(f, "admin", "Wrong.2026", "10.1.1.1").status == 401);  // 6 failures: 2 s
  f.clock.advance(std::chrono::seconds{1});
  auto doubled = login_from(f, "admin", "Demo.2026", "10.1.1.1");
  CHECK(doubled.status == 429);
  CHECK(doubled.header("Retry-After") == "1");
  f.clock.advance(std::chrono::seconds{1});
  CHECK(login_from(f, "admin", "Demo.2026", "10.1.1.1").status == 200);
}

TEST_CASE("issue 9 the throttle settings come from PORTAL_LOGIN_*", "[integration][throttle]") {
  AuthFixture f(true,
                {{"PORTAL_LOGIN_FAILURES_PER_ACCOUNT_ADDRESS", "3"}, {"PORTAL_LOGIN_DELAY_AFTER", "100"}});
  for (int i = 0; i < 3; ++i) REQUIRE(login_from(f, "admin", "Wrong.2026", "10.2.2.2").status == 401);
  CHECK(login_from(f, "admin", "Demo.2026", "10.2.2.2").status == 429);
  CHECK(login_from(f, "admin", "Demo.2026", "10.2.2.3").status == 200);  // no delay below 100 failures
}

TEST_CASE("AUTH-4 client_credentials for integrators", "[integration]") {
  AuthFixture f;
  const std::string form = "application/x-www-form-urlencoded";
  auto ok = f.request("POST", "/api/v1/auth/token",
                      "grant_type=client_credentials&client_id=demo-his&client_secret=demo-his-secret-2026",
                      "", form);
  INFO(ok.body);
  REQUIRE(ok.status == 200);
  CHECK(ok.str("token_type") == "Bearer");
  CHECK(ok.str("scope") == "urgencies authorizations");
  const auto claims = jwt_payload(ok.str("access_token"));
  CHECK(std::string{claims["user_type"].GetString()} == "client");
  CHECK(std::string{claims["provider_nit"].GetString()} == "900000001");
  CHECK(f.get("/api/v1/me", ok.str("access_token")).status == 403);  // integrators have no profile

  auto basic = f.request("POST", "/api/v1/auth/token", "grant_type=client_credentials&scope=urgencies", "",
                         form, {{"Authorization", "Basic ZGVtby1oaXM6ZGVtby1oaXMtc2VjcmV0LTIwMjY="}});
  CHECK(basic.status == 200);
  CHECK(basic.str("scope") == "urgencies");

  auto bad_secret =
      f.request("POST", "/api/v1/auth/token",
                "grant_type=client_credentials&client_id=demo-his&client_secret=nope", "", form);
  CHECK(bad_secret.status == 401);
  CHECK(bad_secret.str("error") == "invalid_client");
  auto unknown = f.request("POST", "/api/v1/auth/token",
                           "grant_type=client_credentials&client_id=ghost&client_secret=nope", "", form);
  CHECK(unknown.status == 401);
  CHECK(unknown.str("error") == "invalid_client");
  auto grant = f.request("POST", "/api/v1/auth/token", "grant_type=password&username=a&password=b", "", form);
  CHECK(grant.status == 400);
  CHECK(grant.str("error") == "unsupported_grant_type");
  auto scope = f.request(
      "POST", "/api/v1/auth/token",
      "grant_type=client_credentials&client_id=demo-his&client_secret=demo-his-secret-2026&scope=glosas", "",
      form);
  CHECK(scope.status == 400);
  CHECK(scope.str("error") == "invalid_scope");
  auto json = f.post("/api/v1/auth/token", R"({"grant_type":"client_credentials"})");
  CHECK(json.status == 400);
  CHECK(json.str("error") == "invalid_request");
}

TEST_CASE("malformed and invalid bodies get 400/415/422 problem+json, never 500", "[integration]") {
  AuthFixture f;
  auto malformed = f.post("/api/v1/auth/login", "{\"user_type\": ");
  CHECK(malformed.status == 400);
  CHECK(malformed.content_type.find("application/problem+json") == 0);
  CHECK(f.post("/api/v1/auth/login", "[1,2]").status == 400);
  CHECK(f.request("POST", "/api/v1/auth/login", "user_type=provider", "", "text/plain").status == 415);

  auto invalid = f.post("/api/v1/auth/login", R"({"user_type":"robot","username":7})");
  REQUIRE(invalid.status == 422);
  CHECK(invalid.error_fields() ==
        std::vector<std::string>{"password:required", "user_type:invalid_value", "username:invalid_type"});
  auto english = f.request("POST", "/api/v1/auth/login", R"({"user_type":"provider"})", "",
                           "application/json", {{"Accept-Language", "en"}});
  CHECK(english.status == 422);
  CHECK(english.error_fields() ==
        std::vector<std::string>{"nit:required", "password:required", "username:required"});
  CHECK(english.json["errors"][0]["message"].GetString() != std::string{});
  auto blank_nit =
      f.post("/api/v1/auth/login", R"({"user_type":"provider","nit":" ","username":"admin","password":"x"})");
  CHECK(blank_nit.status == 422);
  CHECK(blank_nit.error_fields() == std::vector<std::string>{"nit:required"});
  for (const char* path : {"/api/v1/auth/refresh", "/api/v1/registration", "/api/v1/registration/activate",
                           "/api/v1/auth/password-reset", "/api/v1/auth/password-reset/confirm"}) {
    CAPTURE(path);
    CHECK(f.post(path, "{").status == 400);
    CHECK(f.post(path, "{}").status == 422);
  }
}

TEST_CASE("AUTH-3 per-address throttle uses the client address the gateway signed", "[integration]") {
  // The production limit is 300 an hour (the pure rule's test covers it); 30 keeps this test quick.
  AuthFixture f(true, {{"PORTAL_LOGIN_FAILURES_PER_ADDRESS", "30"}});
  auto attempt = [&](const std::string& username, const std::string& password, const std::string& address) {
    const std::string body = R"({"user_type":"provider","nit":"900000001","username":")" + username +
                             R"(","password":")" + password + R"("})";
    return f.request("POST", "/api/v1/auth/login", body, "", "application/json", {from_client(address)});
  };
  for (int i = 0; i < 30; ++i)
    REQUIRE(attempt("user" + std::to_string(i), "Wrong.2026", "10.0.0.1").status == 401);
  auto blocked = attempt("admin", "Demo.2026", "10.0.0.1");
  CHECK(blocked.status == 429);
  CHECK_FALSE(blocked.header("Retry-After").empty());
  // Other clients behind the same gateway are unaffected.
  CHECK(attempt("admin", "Demo.2026", "10.0.0.2").status == 200);
}

TEST_CASE("issue 9: a spoofed X-Forwarded-For or unsigned client header from loopback is not believed",
          "[integration]") {
  AuthFixture f(true, {{"PORTAL_LOGIN_FAILURES_PER_ADDRESS", "30"}});
  auto attempt = [&](const std::string& username, const std::string& password,
                     std::vector<std::pair<std::string, std::string>> headers) {
    const std::string body = R"({"user_type":"provider","nit":"900000001","username":")" + username +
                             R"(","password":")" + password + R"("})";
    return f.request("POST", "/api/v1/auth/login", body, "", "application/json", headers);
  };
  // An attacker rotating made-up addresses still spends one budget: its own (loopback) address.
  for (int i = 0; i < 30; ++i) {
    const std::string fake = "198.51.100." + std::to_string(i + 1);
    auto headers =
        i % 2 == 0 ? std::vector<std::pair<std::string, std::string>>{{"X-Forwarded-For", fake}}
                   : std::vector<std::pair<std::string, std::string>>{{"X-Portal-Client", fake + "; sig=00"}};
    REQUIRE(attempt("user" + std::to_string(i), "Wrong.2026", headers).status == 401);
  }
  CHECK(attempt("admin", "Demo.2026", {{"X-Forwarded-For", "203.0.113.200"}}).status == 429);
  // A client the gateway vouches for is someone else.
  CHECK(attempt("admin", "Demo.2026", {from_client("203.0.113.200")}).status == 200);
}
