#include "gateway_fixture.hpp"

#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "portal/core/config.hpp"

namespace portal::gateway::test {

using namespace std::chrono_literals;
namespace fs = std::filesystem;
using http::Access;
using http::Method;
using http::Request;
using http::Response;

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::string temp_dir() {
  std::string pattern = (fs::temp_directory_path() / "gateway-test-XXXXXX").string();
  REQUIRE(mkdtemp(pattern.data()) != nullptr);
  return pattern;
}

Response echo(const Request& req, const std::string& instance) {
  std::string body = "method: " + std::string(http::to_string(req.method)) + "\npath: " + req.path +
                     "\nquery: " + req.raw_query + "\nbody: " + req.body + "\n";
  for (const auto& [name, value] : req.headers) body += lower(name) + ": " + value + "\n";
  Response r;
  r.content_type = "text/plain";
  r.body = std::move(body);
  r.headers.emplace("X-Upstream", instance);
  return r;
}

bool echoed(const std::string& body, const std::string& line) {
  return body.find("\n" + line + "\n") != std::string::npos;
}

void check_problem(const httplib::Result& res, int status, const std::string& code) {
  REQUIRE(res);
  CHECK(res->status == status);
  CHECK(res->get_header_value("Content-Type").rfind("application/problem+json", 0) == 0);
  CHECK(res->body.find("\"code\":\"" + code + "\"") != std::string::npos);
  CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
  CHECK_FALSE(res->get_header_value("X-Request-Id").empty());
}

FakeAuth::FakeAuth(std::string jwks, std::string instance)
    : jwks_(std::move(jwks)), instance_(std::move(instance)) {}

FakeAuth::~FakeAuth() { stop(); }

void FakeAuth::start(std::uint16_t port) {
  http::ServerOptions options;
  options.service_name = "fake-auth";
  options.port = port;
  options.worker_threads = 8;
  options.max_body_bytes = 8 * 1024 * 1024;
  server_ = std::make_unique<http::Server>(options, log_, metrics_, nullptr);
  server_->add_standard_routes({});  // /readyz, which the gateway's health checks ask (GW-6)
  server_->route(
      Method::get, "/api/v1/auth/jwks", [this](Request&) { return Response::json(200, jwks_); },
      Access::public_route);
  for (auto method : {Method::get, Method::post, Method::patch})
    server_->route(
        method, "/api/v1/me", [this](Request& req) { return echo(req, instance_); }, Access::public_route);
  server_->route(
      Method::post, "/api/v1/auth/login", [this](Request& req) { return echo(req, instance_); },
      Access::public_route);
  server_->route(
      Method::get, "/api/v1/users/slow",
      [this](Request& req) {
        ++slow_calls_;
        std::this_thread::sleep_for(1500ms);
        return echo(req);
      },
      Access::public_route);
  server_->route(
      Method::get, "/api/v1/users/fail", [](Request&) { return Response::json(500, R"({"boom":true})"); },
      Access::public_route);
  server_->start();
  port_ = server_->port();
}

void FakeAuth::stop() {
  if (server_) server_->stop();
  server_.reset();
}

std::uint16_t ChildServer::start(const std::function<void(int port_fd)>& serve) {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  pid_ = fork();
  REQUIRE(pid_ >= 0);
  if (pid_ == 0) {
    close(fds[0]);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    serve(fds[1]);
    _exit(1);  // serve returns only when it could not start
  }
  close(fds[1]);
  std::uint16_t port = 0;
  REQUIRE(read(fds[0], &port, sizeof port) == sizeof port);
  close(fds[0]);
  return port;
}

void ChildServer::kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

void report_port_and_wait(int port_fd, std::uint16_t port) {
  if (write(port_fd, &port, sizeof port) != sizeof port) _exit(1);
  while (true) pause();  // until the test kills it
}

std::uint16_t ChildAuth::start(const std::string& jwks, const std::string& instance) {
  return server_.start([&](int port_fd) {
    FakeAuth auth(jwks, instance);
    auth.start();
    report_port_and_wait(port_fd, auth.port());
  });
}

Fixture::Fixture(std::string extra_config, bool auth_in_child)
    : keys(security::KeyStore::load_or_create(dir + "/keys")), jwks(keys.jwks_json()) {
  if (auth_in_child) {
    auth_port = child.start(jwks);
  } else {
    auth.start();
    auth_port = auth.port();
  }
  // Issue 10: the gateway's route templates (its metric labels) come from the document's paths.
  std::ofstream(dir + "/openapi.yaml") << "openapi: 3.1.0\ninfo:\n  title: test\npaths:\n"
                                          "  /api/v1/me:\n    get: {}\n    patch: {}\n"
                                          "  /api/v1/users/{id}:\n    get: {}\n";
  auto config = core::Config::from_text(
      "PORTAL_GATEWAY_PORT=0\n"
      "PORTAL_DATA_DIR=" +
      dir +
      "\n"
      "PORTAL_FORWARDING_KEY=gateway-test-forwarding-key-0123456789\n"
      "PORTAL_AUTH_URL=http://127.0.0.1:" +
      std::to_string(auth_port) +
      "\n"
      "PORTAL_UPSTREAM_READ_TIMEOUT_MS=500\n"
      "PORTAL_UPSTREAM_BREAKER_OPEN_MS=300\n"
      "PORTAL_GATEWAY_WORKERS=16\n"
      "PORTAL_JWKS_RETRY_MS=50\n"
      "PORTAL_LOG_LEVEL=error\n"
      "PORTAL_CORS_ORIGINS=http://localhost:5173\n"
      "PORTAL_OPENAPI_FILE=" +
      dir + "/openapi.yaml\n" + extra_config);
  gateway = std::make_unique<GatewayApp>(config, clock);
  gateway->start();
  const auto deadline = Clock::now() + 5s;
  while (!gateway->keys_loaded() && Clock::now() < deadline) std::this_thread::sleep_for(10ms);
  REQUIRE(gateway->keys_loaded());
}

Fixture::~Fixture() {
  gateway.reset();
  auth.stop();
  child.kill();
  fs::remove_all(dir);
}

namespace {

// Claims as auth issues them, valid for 15 minutes from now.
security::TokenClaims claims_now(const core::Clock& clock, std::string subject, std::string user_type,
                                 std::vector<std::string> roles) {
  security::TokenClaims claims;
  claims.issuer = "eps-portal-auth";
  claims.audience = "eps-portal";
  const long long now = core::unix_seconds(clock.now());
  claims.issued_at = now;
  claims.not_before = now;
  claims.principal.subject = std::move(subject);
  claims.principal.user_type = std::move(user_type);
  claims.principal.roles = std::move(roles);
  claims.principal.jti = "jti-" + claims.principal.subject + "-" + std::to_string(now);
  claims.principal.expires_at = now + 900;
  return claims;
}

}  // namespace

std::string Fixture::token(const security::SigningKey& key, std::string subject) const {
  auto claims = claims_now(clock, std::move(subject), "provider", {"provider_admin"});
  claims.principal.provider_nit = "900000001";
  return security::sign_token(key, claims);
}

std::string Fixture::admin_token() const {
  return security::sign_token(keys.current(), claims_now(clock, "user:900", "employee", {"admin"}));
}

httplib::Client Fixture::client() const {
  httplib::Client c("127.0.0.1", gateway->port());
  c.set_connection_timeout(2, 0);
  c.set_read_timeout(5, 0);
  return c;
}

}  // namespace portal::gateway::test
