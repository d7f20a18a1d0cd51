// The gateway in-process on port 0 in front of real upstream HTTP servers (gateway_fixture.hpp): GW-1..GW-5
// end to end, and issue 4's urgencies routes. GW-6 (several instances) is in gateway_instances_test.cpp.
#include <httplib.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include "api_reference.hpp"
#include "gateway_app.hpp"
#include "gateway_fixture.hpp"
#include "portal/core/clock.hpp"
#include "portal/core/config.hpp"
#include "portal/core/log.hpp"
#include "portal/http/client_address.hpp"
#include "portal/http/server.hpp"
#include "portal/metrics/metrics.hpp"
#include "portal/security/jwt.hpp"
#include "support/raw_upload.hpp"

namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;
using portal::gateway::test::check_problem;
using portal::gateway::test::Clock;
using portal::gateway::test::echo;
using portal::gateway::test::echoed;
using portal::gateway::test::FakeAuth;
using portal::gateway::test::Fixture;
using portal::gateway::test::temp_dir;
using portal::http::Access;
using portal::http::Method;
using portal::http::Request;
using portal::http::Response;

}  // namespace

TEST_CASE(
    "GW-2/GW-3 a valid token is forwarded with request id, forwarding headers, and no forged identity") {
  Fixture f;
  auto c = f.client();
  const std::string bearer = "Bearer " + f.token();
  auto res = c.Get("/api/v1/me?x=1", {{"Authorization", bearer},
                                      {"X-User-Id", "999"},
                                      {"X-Principal-Roles", "admin"},
                                      {"X-Forwarded-For", "6.6.6.6"},
                                      {"X-Portal-Client", "6.6.6.7; sig=forged"},
                                      {"Connection", "keep-alive, X-Hop"},
                                      {"X-Hop", "secret"},
                                      {"X-Request-Id", "client-req-1"},
                                      {"Accept-Language", "en"}});
  REQUIRE(res);
  CHECK(res->status == 200);
  CAPTURE(res->body);
  CHECK(echoed(res->body, "path: /api/v1/me"));
  CHECK(echoed(res->body, "query: x=1"));
  CHECK(echoed(res->body, "authorization: " + bearer));
  CHECK(echoed(res->body, "x-request-id: client-req-1"));
  CHECK(echoed(res->body, "x-forwarded-for: 127.0.0.1"));
  // Issue 9 item 8: the services' word for the client, signed with the forwarding key; the client's own
  // X-Portal-Client never passes.
  CHECK(echoed(res->body, "x-portal-client: " + portal::http::sign_client_header(
                                                    "gateway-test-forwarding-key-0123456789", "127.0.0.1")));
  CHECK(res->body.find("6.6.6.7") == std::string::npos);
  CHECK(echoed(res->body, "x-forwarded-proto: http"));
  CHECK(echoed(res->body, "accept-language: en"));
  CHECK(res->body.find("x-user-id") == std::string::npos);
  CHECK(res->body.find("x-principal-roles") == std::string::npos);
  CHECK(res->body.find("6.6.6.6") == std::string::npos);
  CHECK(res->body.find("x-hop") == std::string::npos);
  CHECK(res->get_header_value("X-Request-Id") == "client-req-1");
  CHECK(res->get_header_value("X-Upstream") == "echo");
  CHECK(res->get_header_value("Content-Type") == "text/plain");
  CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");

  // Without a client-chosen id the gateway assigns one and the upstream sees the same.
  auto assigned = c.Get("/api/v1/me", {{"Authorization", bearer}});
  REQUIRE(assigned);
  const auto id = assigned->get_header_value("X-Request-Id");
  CHECK(id.size() >= 16);
  CHECK(echoed(assigned->body, "x-request-id: " + id));

  // A body and its media type cross intact.
  auto patched =
      c.Patch("/api/v1/me", {{"Authorization", bearer}}, R"({"phone":"3001234567"})", "application/json");
  REQUIRE(patched);
  CHECK(patched->status == 200);
  CHECK(echoed(patched->body, "body: {\"phone\":\"3001234567\"}"));
  CHECK(echoed(patched->body, "content-type: application/json"));
}

TEST_CASE("GW-2 no token, a bad token or a token from an unknown key gets 401 problem+json at the gateway") {
  Fixture f;
  auto c = f.client();
  check_problem(c.Get("/api/v1/me"), 401, "unauthorized");
  check_problem(c.Get("/api/v1/me", {{"Authorization", "Bearer not.a.token"}}), 401, "unauthorized");
  auto stranger = portal::security::SigningKey::generate(f.keys.current().kid());
  check_problem(c.Get("/api/v1/me", {{"Authorization", "Bearer " + f.token(stranger)}}), 401, "unauthorized");
  auto unknown_kid = portal::security::SigningKey::generate("kid-nobody-knows");
  check_problem(c.Get("/api/v1/users/fail", {{"Authorization", "Bearer " + f.token(unknown_kid)}}), 401,
                "unauthorized");
  // Not even a route-shaped probe reaches the upstream without a token.
  check_problem(c.Post("/api/v1/users", R"({})", "application/json"), 401, "unauthorized");
}

TEST_CASE("issue 20: tokens refused at the gateway are in the audit trail, with why and never the token") {
  Fixture f;
  auto c = f.client();
  const std::string forged =
      "Bearer " + f.token(portal::security::SigningKey::generate(f.keys.current().kid()));
  check_problem(c.Get("/api/v1/me", {{"Authorization", forged}, {"X-Request-Id", "refused-1"}}), 401,
                "unauthorized");
  check_problem(c.Get("/api/v1/users/7", {{"Authorization", "Basic YWRtaW46eA=="}}), 401, "unauthorized");
  check_problem(c.Get("/api/v1/me"), 401, "unauthorized");  // no token at all: nothing to record
  const std::string admin = "Bearer " + f.admin_token();
  std::string body;
  for (int i = 0; i < 50; ++i) {  // the trail is written every 200 ms
    auto res = c.Get("/api/v1/audit?action=token_refused", {{"Authorization", admin}});
    REQUIRE(res);
    REQUIRE(res->status == 200);
    body = res->body;
    if (body.find("not_bearer") != std::string::npos) break;
    std::this_thread::sleep_for(100ms);
  }
  INFO(body);
  CHECK(body.find(R"("service":"gateway")") != std::string::npos);
  CHECK(body.find(R"("request_id":"refused-1")") != std::string::npos);
  CHECK(body.find(R"("reason":"bad_signature")") != std::string::npos);
  CHECK(body.find(R"("reason":"not_bearer")") != std::string::npos);
  CHECK(body.find(R"("route":"/api/v1/users/:id")") != std::string::npos);
  CHECK(body.find(forged.substr(7, 40)) == std::string::npos);  // never the token
  CHECK(body.find(R"("total":2)") != std::string::npos);        // the request without a token is not there
}

TEST_CASE("GW-2 a public route is forwarded without a token; the gateway's own routes answer") {
  Fixture f;
  auto c = f.client();
  auto login = c.Post("/api/v1/auth/login", R"({"username":"admin"})", "application/json");
  REQUIRE(login);
  CHECK(login->status == 200);
  CHECK(echoed(login->body, "path: /api/v1/auth/login"));

  auto jwks = c.Get("/.well-known/jwks.json");
  REQUIRE(jwks);
  CHECK(jwks->status == 200);
  CHECK(jwks->body.find(f.keys.current().kid()) != std::string::npos);

  auto openapi = c.Get("/openapi.yaml");
  REQUIRE(openapi);
  CHECK(openapi->status == 200);
  CHECK(openapi->get_header_value("Content-Type").rfind("application/yaml", 0) == 0);
  CHECK(openapi->body.rfind("openapi: 3.1.0", 0) == 0);

  auto ready = c.Get("/readyz");
  REQUIRE(ready);
  CHECK(ready->status == 200);
  auto metrics = c.Get("/metrics");
  REQUIRE(metrics);
  CHECK(metrics->body.find("upstream_requests_total") != std::string::npos);

  check_problem(c.Get("/api/v1/nothing-here"), 404, "route_not_found");
}

TEST_CASE(
    "issue 10: the gateway labels requests by the upstream's route template, counts 429s by limit and "
    "circuits by instance, and its own 401 says how to authenticate") {
  Fixture f;
  auto c = f.client();
  const httplib::Headers bearer{{"Authorization", "Bearer " + f.token()}};
  c.Get("/api/v1/users/fail", bearer);    // documented as /api/v1/users/{id}
  c.Get("/api/v1/users/fail/x", bearer);  // not documented: the area's catch-all
  c.Get("/api/v1/me", bearer);
  const auto anonymous = c.Get("/api/v1/users/7");
  REQUIRE(anonymous);
  CHECK(anonymous->status == 401);
  CHECK(anonymous->get_header_value("WWW-Authenticate") == "Bearer");
  const auto forged = c.Get("/api/v1/users/7", {{"Authorization", "Bearer forged.token.x"}});
  REQUIRE(forged);
  CHECK(forged->get_header_value("WWW-Authenticate") == "Bearer error=\"invalid_token\"");

  const auto metrics = c.Get("/metrics");
  REQUIRE(metrics);
  const std::string& text = metrics->body;
  CHECK(text.find(R"(route="/api/v1/users/:id",service="gateway",status="500")") != std::string::npos);
  CHECK(text.find(R"(route="/api/v1/users/:id",service="gateway",status="401")") != std::string::npos);
  CHECK(text.find(R"(route="/api/v1/users/*",service="gateway",status="404")") != std::string::npos);
  CHECK(
      text.find(R"(http_requests_total{method="GET",route="/api/v1/me",service="gateway",status="200"} 1)") !=
      std::string::npos);
  CHECK(text.find(R"(gateway_rate_limited_total{limit="account",service="gateway"} 0)") != std::string::npos);
  CHECK(text.find(R"(upstream_circuit_open{instance="127.0.0.1:)") != std::string::npos);
  CHECK(text.find("process_open_fds") != std::string::npos);
}

TEST_CASE("GW-4 slow upstream: 504 within the read timeout while other requests still answer quickly") {
  Fixture f;
  const std::string bearer = "Bearer " + f.token();
  auto slow = std::async(std::launch::async, [&] {
    auto c = f.client();
    const auto started = Clock::now();
    auto res = c.Get("/api/v1/users/slow", {{"Authorization", bearer}});
    return std::make_pair(std::move(res), Clock::now() - started);
  });
  for (int i = 0; i < 500 && f.auth.slow_calls() == 0; ++i) std::this_thread::sleep_for(10ms);
  REQUIRE(f.auth.slow_calls() == 1);  // the slow call is in flight
  {
    auto c = f.client();
    auto fast = c.Get("/api/v1/me", {{"Authorization", bearer}});
    REQUIRE(fast);
    CHECK(fast->status == 200);
    // Answered while the slow call still waits for its upstream (order of events, not a time bound).
    CHECK(slow.wait_for(0ms) == std::future_status::timeout);
  }
  auto [res, took] = slow.get();
  check_problem(res, 504, "upstream_timeout");
  CHECK(took >= 450ms);             // the gateway waited for its read timeout, then gave up (504)
  CHECK(f.auth.slow_calls() == 1);  // one attempt: a timeout is not retried

  // An upstream error is the upstream's answer, passed on as is.
  auto c = f.client();
  auto failed = c.Get("/api/v1/users/fail", {{"Authorization", bearer}});
  REQUIRE(failed);
  CHECK(failed->status == 500);
  CHECK(failed->body == R"({"boom":true})");
}

TEST_CASE("GW-4 upstream down: 503 in under a second, and recovery when it comes back") {
  Fixture f({}, true);
  const std::string bearer = "Bearer " + f.token();
  auto c = f.client();
  REQUIRE(c.Get("/api/v1/me", {{"Authorization", bearer}})->status == 200);
  // Keep-alive connections to auth are now pooled in the gateway; the kill leaves them dead.
  f.child.kill();

  for (int i = 0; i < 8; ++i) {  // refused connections, then the open breaker: all fast
    const auto started = Clock::now();
    auto res = i % 2 ? c.Get("/api/v1/me", {{"Authorization", bearer}})
                     : c.Post("/api/v1/auth/login", R"({"username":"admin"})", "application/json");
    const auto took = Clock::now() - started;
    CAPTURE(i);
    check_problem(res, 503, "upstream_unavailable");
    CHECK(took < 1s);
  }
  // Keys already loaded stay in use while auth is down: tokens still verify at the gateway.
  CHECK(c.Get("/readyz")->status == 200);

  f.auth.start(f.auth_port);
  const auto deadline = Clock::now() + 5s;
  int status = 0;
  while (Clock::now() < deadline) {
    auto res = c.Get("/api/v1/me", {{"Authorization", bearer}});
    status = res ? res->status : 0;
    if (status == 200) break;
    std::this_thread::sleep_for(100ms);
  }
  CHECK(status == 200);
}

TEST_CASE("GW-4/GW-5 a 3 MB body gets 413 problem+json with security and CORS headers") {
  Fixture f;
  auto c = f.client();
  const std::string big(3 * 1024 * 1024, 'x');
  auto res = c.Post("/api/v1/auth/login", {{"Origin", "http://localhost:5173"}}, big, "application/json");
  check_problem(res, 413, "payload_too_large");
  CHECK(res->get_header_value("Access-Control-Allow-Origin") == "http://localhost:5173");

  // The gateway's own 401 carries CORS only for allow-listed origins.
  auto c2 = f.client();
  auto allowed = c2.Get("/api/v1/me", {{"Origin", "http://localhost:5173"}});
  check_problem(allowed, 401, "unauthorized");
  CHECK(allowed->get_header_value("Access-Control-Allow-Origin") == "http://localhost:5173");
  auto other = c2.Get("/api/v1/me", {{"Origin", "https://evil.example"}});
  check_problem(other, 401, "unauthorized");
  CHECK_FALSE(other->has_header("Access-Control-Allow-Origin"));
}

TEST_CASE("GW-4 rate limits: stricter on login per address, and per account") {
  Fixture f(
      "PORTAL_RATE_LOGIN_BURST=3\nPORTAL_RATE_LOGIN_PER_SECOND=1\n"
      "PORTAL_RATE_ACCOUNT_BURST=2\nPORTAL_RATE_ACCOUNT_PER_SECOND=1\n");
  auto c = f.client();
  for (int i = 0; i < 3; ++i) CHECK(c.Post("/api/v1/auth/login", "{}", "application/json")->status == 200);
  auto limited = c.Post("/api/v1/auth/login", "{}", "application/json");
  check_problem(limited, 429, "rate_limited");
  CHECK(limited->get_header_value("Retry-After") == "1");

  const std::string first = "Bearer " + f.token(f.keys.current(), "user:1");
  const std::string second = "Bearer " + f.token(f.keys.current(), "user:2");
  CHECK(c.Get("/api/v1/me", {{"Authorization", first}})->status == 200);
  CHECK(c.Get("/api/v1/me", {{"Authorization", first}})->status == 200);
  auto account = c.Get("/api/v1/me", {{"Authorization", first}});
  check_problem(account, 429, "rate_limited");
  CHECK_FALSE(account->get_header_value("Retry-After").empty());
  CHECK(c.Get("/api/v1/me", {{"Authorization", second}})->status == 200);
}

TEST_CASE("GW-2 the gateway is not ready until it holds auth's keys, and fetches them once auth is up") {
  const auto keys_dir = temp_dir();
  auto keys = portal::security::KeyStore::load_or_create(keys_dir + "/keys");
  FakeAuth auth(keys.jwks_json());
  auth.start();
  const std::uint16_t port = auth.port();
  auth.stop();  // a free port nobody listens on

  portal::core::SystemClock clock;
  auto config = portal::core::Config::from_text(
      "PORTAL_GATEWAY_PORT=0\nPORTAL_FORWARDING_KEY=gateway-test-forwarding-key-0123456789\nPORTAL_AUTH_URL="
      "http://127.0.0.1:" +
      std::to_string(port) + "\nPORTAL_JWKS_RETRY_MS=50\nPORTAL_LOG_LEVEL=error\n");
  portal::gateway::GatewayApp gateway(config, clock);
  gateway.start();
  httplib::Client c("127.0.0.1", gateway.port());
  auto not_ready = c.Get("/readyz");
  REQUIRE(not_ready);
  CHECK(not_ready->status == 503);
  CHECK(c.Get("/.well-known/jwks.json")->status == 503);

  auth.start(port);
  const auto deadline = Clock::now() + 5s;
  while (!gateway.keys_loaded() && Clock::now() < deadline) std::this_thread::sleep_for(20ms);
  CHECK(gateway.keys_loaded());
  CHECK(c.Get("/readyz")->status == 200);
  gateway.stop();
  auth.stop();
  fs::remove_all(keys_dir);
}

namespace {

// A stand-in for the urgencies service (issue 4): the Anexo 2 PDF, and echoes of what reached it.
class FakeUrgencies {
 public:
  // Every byte value, NUL and CR/LF included: a PDF is binary and must cross byte for byte.
  static std::string pdf_bytes() {
    std::string pdf = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
    for (int i = 0; i < 4096; ++i) pdf += static_cast<char>(i % 256);
    return pdf + "\n%%EOF\n";
  }

  FakeUrgencies() {
    portal::http::ServerOptions options;
    options.service_name = "fake-urgencies";
    options.worker_threads = 4;
    server_ = std::make_unique<portal::http::Server>(options, log_, metrics_, nullptr);
    server_->route(
        Method::get, "/api/v1/urgencies/:id/annex2.pdf",
        [](Request&) {
          Response r;
          r.content_type = "application/pdf";
          r.body = pdf_bytes();
          r.headers.emplace("Content-Disposition", "attachment; filename=\"Anexo2-A-77-20261123.pdf\"");
          return r;
        },
        Access::public_route);
    server_->route(
        Method::get, "/api/v1/urgencies/:id",
        [](Request& req) {
          if (req.header("If-None-Match") == std::optional<std::string>("W/\"v1\""))
            return Response{304, "", {{"ETag", "W/\"v1\""}}, ""};
          return echo(req, "urgencies");
        },
        Access::public_route);
    for (auto method : {Method::get, Method::post})
      server_->route(
          method, "/api/v1/urgencies", [](Request& req) { return echo(req, "urgencies"); },
          Access::public_route);
    server_->route(
        Method::patch, "/api/v1/urgencies/:id", [](Request& req) { return echo(req, "urgencies"); },
        Access::public_route);
    server_->start();
  }
  ~FakeUrgencies() { server_->stop(); }
  std::uint16_t port() const { return server_->port(); }

 private:
  std::ostringstream log_text_;
  portal::core::Logger log_{"fake-urgencies", portal::core::LogLevel::error, &log_text_};
  portal::metrics::Registry metrics_{"fake-urgencies"};
  std::unique_ptr<portal::http::Server> server_;
};

}  // namespace

TEST_CASE(
    "issue 4: /api/v1/urgencies goes to PORTAL_URGENCIES_URL; PDFs and conditional headers cross intact") {
  FakeUrgencies urgencies;
  Fixture f("PORTAL_URGENCIES_URL=http://127.0.0.1:" + std::to_string(urgencies.port()) + "\n");
  auto c = f.client();
  const std::string bearer = "Bearer " + f.token();

  SECTION("the Anexo 2 PDF: bytes, Content-Type and Content-Disposition unchanged") {
    auto pdf = c.Get("/api/v1/urgencies/42/annex2.pdf", {{"Authorization", bearer}});
    REQUIRE(pdf);
    CHECK(pdf->status == 200);
    CHECK(pdf->get_header_value("Content-Type") == "application/pdf");
    CHECK(pdf->get_header_value("Content-Disposition") ==
          "attachment; filename=\"Anexo2-A-77-20261123.pdf\"");
    CHECK(pdf->body.size() == FakeUrgencies::pdf_bytes().size());
    CHECK(pdf->body == FakeUrgencies::pdf_bytes());
    CHECK(pdf->get_header_value("X-Content-Type-Options") == "nosniff");
  }
  SECTION("Idempotency-Key, If-None-Match and If-Match reach the service") {
    auto created = c.Post("/api/v1/urgencies", {{"Authorization", bearer}, {"Idempotency-Key", "urg-key-1"}},
                          R"({"attention_number":"A-77"})", "application/json");
    REQUIRE(created);
    CAPTURE(created->body);
    CHECK(created->get_header_value("X-Upstream") == "urgencies");
    CHECK(echoed(created->body, "idempotency-key: urg-key-1"));
    CHECK(echoed(created->body, "body: {\"attention_number\":\"A-77\"}"));

    auto listed =
        c.Get("/api/v1/urgencies?triage=2&page=1", {{"Authorization", bearer}, {"If-None-Match", "W/\"x\""}});
    REQUIRE(listed);
    CHECK(echoed(listed->body, "query: triage=2&page=1"));
    CHECK(echoed(listed->body, "if-none-match: W/\"x\""));

    auto patched = c.Patch("/api/v1/urgencies/42", {{"Authorization", bearer}, {"If-Match", "W/\"v1\""}},
                           "{}", "application/json");
    REQUIRE(patched);
    CHECK(echoed(patched->body, "if-match: W/\"v1\""));

    auto not_modified =
        c.Get("/api/v1/urgencies/42", {{"Authorization", bearer}, {"If-None-Match", "W/\"v1\""}});
    REQUIRE(not_modified);
    CHECK(not_modified->status == 304);
    CHECK(not_modified->get_header_value("ETag") == "W/\"v1\"");
    CHECK(not_modified->body.empty());
  }
  SECTION("without a token the gateway answers 401 itself") {
    check_problem(c.Get("/api/v1/urgencies/42/annex2.pdf"), 401, "unauthorized");
  }
}

namespace {

long rss_kib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

}  // namespace

TEST_CASE("issue 9: an unauthenticated 200 MiB upload is refused with 401 before the gateway reads it") {
  Fixture f;
  const std::string head =
      "POST /api/v1/affiliates/imports HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
      "Content-Length: 209715200\r\n";
  portal::test::UploadOptions upload;
  upload.body_bytes = 200u * 1024 * 1024;
  const long before = rss_kib();
  for (const std::string& auth :
       {std::string{}, std::string{"Authorization: Bearer forged.token.here\r\n"}}) {
    const auto out = portal::test::stream_upload(f.gateway->port(), head + auth + "\r\n", upload);
    CAPTURE(auth, out.answer.substr(0, 200), out.sent);
    CHECK(out.answer.rfind("HTTP/1.1 401", 0) == 0);
    CHECK(out.answer.find("Connection: close") != std::string::npos);
    CHECK(out.answer.find("WWW-Authenticate: Bearer") != std::string::npos);
    // Answered from the head, written at once: the client stops with little of the body sent (kernel
    // buffers on both sides). Queued behind Pistache's read loop, it used to arrive after all 200 MiB.
    CHECK(out.sent < 32u * 1024 * 1024);
  }
  // A client that ignores the answer and keeps sending is cut off once the gateway has dropped 1 MiB.
  upload.keep_sending_after_answer = true;
  const auto deaf = portal::test::stream_upload(f.gateway->port(), head + "\r\n", upload);
  CAPTURE(deaf.sent);
  CHECK(deaf.answer.rfind("HTTP/1.1 401", 0) == 0);
  CHECK(deaf.cut_off);
  CHECK(deaf.sent < 32u * 1024 * 1024);
  const long grown_kib = rss_kib() - before;
  CAPTURE(grown_kib);
  CHECK(grown_kib < 10 * 1024);

  // A provider's token may not send a roster of that size either: 403 from the head.
  upload.keep_sending_after_answer = false;
  const auto provider = portal::test::stream_upload(
      f.gateway->port(), head + "Authorization: Bearer " + f.token() + "\r\n\r\n", upload);
  CHECK(provider.answer.rfind("HTTP/1.1 403", 0) == 0);
  CHECK(provider.sent < 32u * 1024 * 1024);
}

TEST_CASE("issue 20: /docs serves the API reference with its own CSP, only under /docs", "[integration]") {
  // Stand-ins for the packaged Swagger UI files (the e2e suite loads the real ones in Chromium).
  const std::string ui = portal::gateway::test::temp_dir();
  std::ofstream(ui + "/swagger-ui-bundle.js") << "window.SwaggerUIBundle = function () {};";
  std::ofstream(ui + "/swagger-ui.css") << "body { margin: 0; }";
  portal::gateway::test::Fixture f("PORTAL_SWAGGER_UI_DIR=" + ui + "\n");
  auto c = f.client();
  const std::string docs_policy = portal::gateway::kApiReferenceSecurityPolicy;
  const std::string strict = "default-src 'none'; frame-ancestors 'none'";

  auto page = c.Get("/docs");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->get_header_value("Content-Type").rfind("text/html", 0) == 0);
  CHECK(page->get_header_value("Content-Security-Policy") == docs_policy);
  CHECK(page->get_header_value("X-Frame-Options") == "DENY");
  CHECK(page->body.find("<script src=\"/docs/assets/portal-docs.js\"></script>") != std::string::npos);

  auto bundle = c.Get("/docs/assets/swagger-ui-bundle.js");
  REQUIRE(bundle);
  CHECK(bundle->status == 200);
  CHECK(bundle->body == "window.SwaggerUIBundle = function () {};");
  CHECK(bundle->get_header_value("Content-Type").rfind("text/javascript", 0) == 0);
  CHECK(bundle->get_header_value("Content-Security-Policy") == docs_policy);
  auto css = c.Get("/docs/assets/swagger-ui.css");
  REQUIRE(css);
  CHECK(css->get_header_value("Content-Type").rfind("text/css", 0) == 0);
  auto start = c.Get("/docs/assets/portal-docs.js");
  REQUIRE(start);
  CHECK(start->body.find("url: '/docs/openapi.json'") != std::string::npos);
  CHECK(start->body.find("validatorUrl: null") != std::string::npos);
  auto other = c.Get("/docs/assets/swagger-ui.js");  // in the package, but not a file the page uses
  REQUIRE(other);
  CHECK(other->status == 404);

  auto spec = c.Get("/docs/openapi.json");
  REQUIRE(spec);
  CHECK(spec->status == 200);
  CHECK(spec->body.find(R"("openapi":"3.0.3")") != std::string::npos);
  CHECK(spec->body.find(R"("servers":[{"url":"/")") != std::string::npos);
  CHECK(spec->body.find(R"("/api/v1/me")") != std::string::npos);

  // GW-5 everywhere else: the gateway's own pages, unknown paths next to /docs, proxied answers.
  CHECK(c.Get("/openapi.yaml")->get_header_value("Content-Security-Policy") == strict);
  CHECK(c.Get("/docsX")->get_header_value("Content-Security-Policy") == strict);
  CHECK(c.Get("/problems/not_found")->get_header_value("Content-Security-Policy") == strict);
  httplib::Headers auth{{"Authorization", "Bearer " + f.token()}};
  CHECK(c.Get("/api/v1/me", auth)->get_header_value("Content-Security-Policy") == strict);
  fs::remove_all(ui);
}

TEST_CASE("issue 20: without Swagger UI's files the gateway starts and /docs is 404", "[integration]") {
  portal::gateway::test::Fixture f("PORTAL_SWAGGER_UI_DIR=/nonexistent-swagger-ui\n");
  auto c = f.client();
  for (const char* path : {"/docs", "/docs/openapi.json", "/docs/assets/portal-docs.js"}) {
    CAPTURE(path);
    auto r = c.Get(path);
    REQUIRE(r);
    check_problem(r, 404, "not_found");
  }
  CHECK(c.Get("/openapi.yaml")->status == 200);
}
