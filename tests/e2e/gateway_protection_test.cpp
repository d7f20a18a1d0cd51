// Issue 2 §7 e2e and GW-3/GW-4/GW-5: throttling, CORS allow-list, body limit, bad JSON, request ids,
// security headers (checked on every response by the suite's observer) and the language of problems.
#include <catch2/catch.hpp>
#include <chrono>
#include <regex>
#include <thread>

#include "e2e_suite.hpp"
#include "support/json_fields.hpp"

using namespace portal;
using namespace portal::e2e;

TEST_CASE("failed logins of an account are slowed with Retry-After, and the owner is not locked out",
          "[e2e][throttle]") {
  auto& s = Suite::get();
  // `finance` is used by no other case, so its failures are this case's alone (AUTH-3, issue 9: from the
  // 5th failure in the hour an address must wait between attempts at the account; only an (account,
  // address) that keeps failing is locked, which the auth API tests cover on a manual clock).
  for (int i = 1; i <= 5; ++i) {
    auto r = s.login_employee("finance", "Wrong.Password.1");
    CAPTURE(i);
    REQUIRE(r.status == 401);
  }
  auto r = s.login_employee("finance", "Wrong.Password.1");
  INFO(r.body);
  REQUIRE(r.status == 429);
  CHECK(r.is_problem());
  CHECK(test::json_string(r.body, "/code") == std::optional<std::string>("too_many_attempts"));
  const auto retry_after = r.header("Retry-After");
  REQUIRE(retry_after.has_value());
  REQUIRE(std::regex_match(*retry_after, std::regex("[1-9][0-9]*")));
  CHECK(std::stoi(*retry_after) <= 30);
  // Slowed, not locked: after the wait the right password signs in.
  std::this_thread::sleep_for(std::chrono::seconds{std::stoi(*retry_after)} + std::chrono::milliseconds{200});
  CHECK(s.login_employee("finance").status == 200);
}

TEST_CASE("the gateway's own login bucket answers 429 rate_limited with Retry-After", "[e2e][throttle]") {
  auto& s = Suite::get();
  int port = 0;
  auto strict = s.system().start_extra_gateway(
      {{"PORTAL_RATE_LOGIN_BURST", "3"}, {"PORTAL_RATE_LOGIN_PER_SECOND", "0"}}, port);
  test::HttpClient client("http://127.0.0.1:" + std::to_string(port));
  client.set_observer(s.contract_observer());
  const std::string body = R"({"user_type":"employee","username":"sysadmin","password":"Wrong.Password.1"})";
  for (int i = 0; i < 3; ++i) CHECK(client.post_json("/api/v1/auth/login", body).status == 401);
  auto r = client.post_json("/api/v1/auth/login", body);
  CHECK(r.status == 429);
  CHECK(r.is_problem());
  CHECK(r.has_header("Retry-After"));
  CHECK_FALSE(s.openapi().check("POST", "/api/v1/auth/login", 429).has_value());
  // Other routes are not on the login bucket.
  CHECK(client.get("/api/v1/policies/current").status == 200);
}

TEST_CASE("CORS headers only for allowed origins, on requests and on preflights", "[e2e][cors]") {
  auto& s = Suite::get();
  auto evil = s.gateway().get("/api/v1/policies/current", {{"Origin", "http://evil.example"}});
  CHECK(evil.status == 200);
  CHECK(evil.header_names_with_prefix("Access-Control-").empty());

  auto spa = s.gateway().get("/api/v1/policies/current", {{"Origin", kSpaOrigin}});
  CHECK(spa.status == 200);
  CHECK(spa.header("Access-Control-Allow-Origin") == std::optional<std::string>(kSpaOrigin));

  const test::HeaderMap preflight = {{"Access-Control-Request-Method", "POST"},
                                     {"Access-Control-Request-Headers", "content-type, authorization"}};
  auto spa_pre_headers = preflight;
  spa_pre_headers.emplace("Origin", kSpaOrigin);
  auto spa_pre = s.gateway().options("/api/v1/auth/login", spa_pre_headers);
  INFO("preflight: " << spa_pre.status);
  CHECK((spa_pre.status == 204 || spa_pre.status == 200));
  CHECK(spa_pre.header("Access-Control-Allow-Origin") == std::optional<std::string>(kSpaOrigin));
  CHECK(spa_pre.header("Access-Control-Allow-Methods").value_or("").find("POST") != std::string::npos);
  CHECK(spa_pre.header("Access-Control-Allow-Headers").value_or("").find("uthorization") !=
        std::string::npos);

  auto evil_pre_headers = preflight;
  evil_pre_headers.emplace("Origin", "http://evil.example");
  auto evil_pre = s.gateway().options("/api/v1/auth/login", evil_pre_headers);
  CHECK(evil_pre.header_names_with_prefix("Access-Control-").empty());

  // A look-alike of the allowed origin is a different origin.
  auto lookalike =
      s.gateway().get("/api/v1/policies/current", {{"Origin", "http://spa.example.evil.example"}});
  CHECK(lookalike.header_names_with_prefix("Access-Control-").empty());
}

TEST_CASE("a 3 MB body is 413 problem+json", "[e2e][limits]") {
  auto& s = Suite::get();
  const std::string body = R"({"user_type":"provider","nit":"900000001","username":")" +
                           std::string(3 * 1024 * 1024, 'a') + R"(","password":"x"})";
  auto r = s.gateway().post_json("/api/v1/auth/login", body);
  CHECK(r.status == 413);
  CHECK(r.is_problem());
  CHECK(s.gateway().get("/api/v1/policies/current").status == 200);
}

TEST_CASE("malformed JSON is 400 problem+json", "[e2e][limits]") {
  auto& s = Suite::get();
  for (const char* body : {R"({"user_type":)", "not json", R"({"user_type":"provider",})", "\xff\xfe"}) {
    CAPTURE(body);
    auto r = s.gateway().post_json("/api/v1/auth/login", body);
    CHECK(r.status == 400);
    CHECK(r.is_problem());
  }
}

TEST_CASE("100,000 nested [ is 400 and the gateway and auth still answer", "[e2e][limits]") {
  auto& s = Suite::get();
  auto r = s.gateway().post_json("/api/v1/auth/login", std::string(100000, '['));
  CHECK(r.status == 400);
  CHECK(r.is_problem());
  auto r2 =
      s.gateway().post_json("/api/v1/auth/refresh", "{\"refresh_token\":" + std::string(100000, '[') + "}");
  CHECK(r2.status == 400);
  CHECK(s.system().gateway().running());
  CHECK(s.system().auth().running());
  test::HttpClient auth_direct(s.system().auth_url());
  auth_direct.set_observer(s.contract_observer());
  CHECK(auth_direct.get("/readyz").status == 200);
  CHECK(s.gateway().get("/readyz").status == 200);
  CHECK(s.login_provider(kDemoNit, "admin").status == 200);
}

TEST_CASE("X-Request-Id is echoed, or assigned when absent", "[e2e][headers]") {
  auto& s = Suite::get();
  auto r = s.gateway().get("/api/v1/policies/current", {{"X-Request-Id", "e2e-req-12345"}});
  CHECK(r.header("X-Request-Id") == std::optional<std::string>("e2e-req-12345"));
  auto problem = s.gateway().get("/api/v1/me", {{"X-Request-Id", "e2e-req-401"}});
  CHECK(problem.status == 401);
  CHECK(problem.header("X-Request-Id") == std::optional<std::string>("e2e-req-401"));
  auto assigned = s.gateway().get("/api/v1/policies/current");
  CHECK_FALSE(assigned.header("X-Request-Id").value_or("").empty());
  auto other = s.gateway().get("/api/v1/policies/current");
  CHECK(assigned.header("X-Request-Id") != other.header("X-Request-Id"));
}

TEST_CASE("security headers on every kind of response", "[e2e][headers]") {
  // The observer checks them; this case makes sure the gateway's own answers are among them.
  auto& s = Suite::get();
  CHECK(s.gateway().get("/healthz").status == 200);
  CHECK(s.gateway().get("/.well-known/jwks.json").status == 200);
  auto doc = s.gateway().get("/openapi.yaml");
  CHECK(doc.status == 200);
  CHECK(doc.body.find("x-gateway-responses") != std::string::npos);  // GW-1: the contract itself
  CHECK(s.gateway().get("/api/v1/me").status == 401);
  CHECK(s.gateway().get("/api/v1/policies/current").status == 200);
}

TEST_CASE("problems are in Spanish by default and in English with Accept-Language: en", "[e2e][lang]") {
  auto& s = Suite::get();
  auto es = s.login_provider(kDemoNit, "admin", "Wrong.2026");
  auto en = s.login_provider(kDemoNit, "admin", "Wrong.2026", {{"Accept-Language", "en"}});
  REQUIRE(es.status == 401);
  REQUIRE(en.status == 401);
  const auto es_title = test::json_string(es.body, "/title").value_or("");
  const auto en_title = test::json_string(en.body, "/title").value_or("");
  const auto es_text = es_title + " " + test::json_string(es.body, "/detail").value_or("");
  const auto en_text = en_title + " " + test::json_string(en.body, "/detail").value_or("");
  INFO("es: " << es_text << "\nen: " << en_text);
  CHECK(es_title != en_title);
  CHECK(std::regex_search(es_text, std::regex("[Cc]redenciales|[Uu]suario|[Cc]ontraseña|inválid|incorrect")));
  CHECK(std::regex_search(en_text, std::regex("[Ii]nvalid|[Cc]redentials|[Ii]ncorrect|[Ww]rong")));
  // The gateway's own problems too.
  auto gw_es = s.gateway().get("/api/v1/me");
  auto gw_en = s.gateway().get("/api/v1/me", {{"Accept-Language", "en-US,en;q=0.9"}});
  CHECK(test::json_string(gw_es.body, "/title") != test::json_string(gw_en.body, "/title"));
}
