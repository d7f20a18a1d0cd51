// Issue 2 "Done when": a demo login through the gateway returns a token whose signature verifies
// against the gateway's /.well-known/jwks.json; then the token works on /api/v1/me (AUTH-3, AUTH-4,
// AUTH-7, GW-1, GW-2).
#include <catch2/catch.hpp>

#include "e2e_suite.hpp"
#include "portal/core/clock.hpp"
#include "support/json_fields.hpp"

using namespace portal;
using namespace portal::e2e;

TEST_CASE("demo login through the gateway gives an RS256 token that verifies against /.well-known/jwks.json",
          "[e2e][login]") {
  auto& s = Suite::get();
  auto r = s.login_provider(kDemoNit, "admin");
  REQUIRE(r.status == 200);
  CHECK(test::json_string(r.body, "/token_type") == std::optional<std::string>("Bearer"));
  CHECK(test::json_int(r.body, "/expires_in").value_or(0) > 0);
  const auto token = test::json_string(r.body, "/access_token").value_or("");

  core::SystemClock clock;
  security::TokenVerifier verifier({}, clock);
  REQUIRE(verifier.set_jwks(s.gateway_jwks()));
  const auto verified = verifier.verify(token);
  INFO("verify error: " << (verified.error ? security::to_string(*verified.error) : "none"));
  REQUIRE(verified.ok());
  CHECK(verified.principal->user_type == "provider");
  CHECK(verified.principal->provider_nit == std::optional<std::string>(kDemoNit));
  CHECK(verified.principal->has_role("provider_admin"));
  CHECK(test::json_string(payload_of(token), "/iss") == std::optional<std::string>("eps-portal-auth"));
  CHECK(test::json_string(payload_of(token), "/aud") == std::optional<std::string>("eps-portal"));

  // The gateway publishes the same keys as auth.
  test::HttpClient auth_direct(s.system().auth_url());
  auth_direct.set_observer(s.contract_observer());
  auto auth_jwks = auth_direct.get("/api/v1/auth/jwks");
  REQUIRE(auth_jwks.status == 200);
  security::TokenVerifier by_auth({}, clock);
  REQUIRE(by_auth.set_jwks(auth_jwks.body));
  CHECK(by_auth.verify(token).ok());
}

TEST_CASE("/api/v1/me through the gateway with the login token", "[e2e][login]") {
  auto& s = Suite::get();
  const auto tokens = s.provider_tokens(kDemoNit, "admin");
  auto me = s.gateway().get("/api/v1/me", test::bearer(tokens.access));
  INFO(me.body);
  REQUIRE(me.status == 200);
  CHECK(me.body.find(kDemoNit) != std::string::npos);
  CHECK(me.body.find("admin") != std::string::npos);

  auto employee = s.gateway().get("/api/v1/me", test::bearer(s.employee_tokens("agent").access));
  CHECK(employee.status == 200);

  auto anonymous = s.gateway().get("/api/v1/me");
  CHECK(anonymous.status == 401);
  CHECK(anonymous.is_problem());
}

TEST_CASE("every demo login works through the gateway; wrong password, NIT or user all answer the same 401",
          "[e2e][login]") {
  auto& s = Suite::get();
  for (const char* user : {"admin", "delegate"}) {
    CAPTURE(user);
    CHECK(s.login_provider(kDemoNit, user).status == 200);
  }
  CHECK(s.login_provider(kOtherNit, "admin2").status == 200);
  for (const char* user : {"agent", "auditor", "sysadmin"}) {
    CAPTURE(user);
    CHECK(s.login_employee(user).status == 200);
  }
  // AUTH-3: no user enumeration.
  auto wrong_password = s.login_provider(kDemoNit, "admin", "Wrong.2026");
  auto wrong_nit = s.login_provider(kOtherNit, "admin");
  auto unknown_user = s.login_provider(kDemoNit, "nobody");
  for (const auto* r : {&wrong_password, &wrong_nit, &unknown_user}) {
    CHECK(r->status == 401);
    CHECK(test::json_string(r->body, "/code") == std::optional<std::string>("invalid_credentials"));
  }
  CHECK(test::json_string(wrong_password.body, "/detail") == test::json_string(unknown_user.body, "/detail"));
}

TEST_CASE("integrator client_credentials through the gateway", "[e2e][login]") {
  auto& s = Suite::get();
  auto r = s.gateway().post_form(
      "/api/v1/auth/token",
      "grant_type=client_credentials&client_id=demo-his&client_secret=demo-his-secret-2026");
  INFO(r.body);
  REQUIRE(r.status == 200);
  const auto token = test::json_string(r.body, "/access_token").value_or("");
  core::SystemClock clock;
  security::TokenVerifier verifier({}, clock);
  REQUIRE(verifier.set_jwks(s.gateway_jwks()));
  const auto verified = verifier.verify(token);
  REQUIRE(verified.ok());
  CHECK(verified.principal->is_client());

  auto bad = s.gateway().post_form("/api/v1/auth/token",
                                   "grant_type=client_credentials&client_id=demo-his&client_secret=wrong");
  CHECK(bad.status == 401);
  CHECK(test::json_string(bad.body, "/error") == std::optional<std::string>("invalid_client"));
}

TEST_CASE("refresh tokens rotate through the gateway and a reused one revokes the family", "[e2e][refresh]") {
  auto& s = Suite::get();
  const auto first = s.provider_tokens(kDemoNit, "delegate");
  auto refresh = [&](const std::string& rt) {
    return s.gateway().post_json("/api/v1/auth/refresh", R"({"refresh_token":)" + test::json_quote(rt) + "}");
  };
  auto r2 = refresh(first.refresh);
  REQUIRE(r2.status == 200);
  const auto second = test::json_string(r2.body, "/refresh_token").value_or("");
  CHECK_FALSE(second.empty());
  CHECK(second != first.refresh);
  const auto access2 = test::json_string(r2.body, "/access_token").value_or("");
  CHECK(s.gateway().get("/api/v1/me", test::bearer(access2)).status == 200);

  auto r3 = refresh(second);
  REQUIRE(r3.status == 200);
  const auto third = test::json_string(r3.body, "/refresh_token").value_or("");

  // AUTH-4: reuse of a rotated token → 401, and the newest of the family is dead too.
  auto reused = refresh(first.refresh);
  CHECK(reused.status == 401);
  CHECK(reused.is_problem());
  CHECK(refresh(third).status == 401);
}

TEST_CASE("login, logout, then refresh with the old refresh token → 401", "[e2e][refresh]") {
  auto& s = Suite::get();
  const auto tokens = s.provider_tokens(kDemoNit, "admin");
  auto out = s.gateway().post_json("/api/v1/auth/logout",
                                   R"({"refresh_token":)" + test::json_quote(tokens.refresh) + "}",
                                   test::bearer(tokens.access));
  CHECK(out.status == 204);
  auto again = s.gateway().post_json("/api/v1/auth/refresh",
                                     R"({"refresh_token":)" + test::json_quote(tokens.refresh) + "}");
  CHECK(again.status == 401);
  CHECK(again.is_problem());
}
