#pragma once
// A Server on port 0 with the routes the integration tests exercise, a real token verifier and a
// Client pointed at it.
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <sstream>
#include <string_view>
#include <thread>

#include "portal/core/clock.hpp"
#include "portal/http/cache_policy.hpp"
#include "portal/http/client.hpp"
#include "portal/http/json_body.hpp"
#include "portal/http/server.hpp"
#include "portal/security/jwt.hpp"

namespace portal::http::test {

struct ServerFixture {
  core::SystemClock clock;
  std::ostringstream log_out;
  core::Logger logger{"test", core::LogLevel::info, &log_out};
  metrics::Registry registry{"test"};
  security::SigningKey key = shared_key();
  security::TokenVerifier verifier{security::VerifierOptions{}, clock};
  std::unique_ptr<Server> server;
  std::unique_ptr<Client> client;
  std::atomic<int> slow_started{0};  // handlers of /slow that began running (tests wait on it, not on time)
  // /held answers only once release_held() is called (or after 10 s), so tests about concurrency depend
  // on the order of events, not on how fast a loaded machine runs.
  std::atomic<int> held_waiting{0};
  std::mutex held_mutex;
  std::condition_variable held_cv;
  bool held_released = false;

  void release_held() {
    {
      std::lock_guard lock(held_mutex);
      held_released = true;
    }
    held_cv.notify_all();
  }

  // RSA key generation takes up to seconds on a loaded machine: one key for the whole test run.
  static const security::SigningKey& shared_key() {
    static const security::SigningKey key = security::SigningKey::generate("k1");
    return key;
  }

  explicit ServerFixture(ServerOptions options = {}) {
    verifier.set_jwks(R"({"keys":[)" + key.public_jwk() + "]}");
    options.cors_origins = {"http://localhost:5173"};
    // Issue 14 item 4: the same tests run on the Asio front (ctest http_asio_front_test).
    if (const char* front = std::getenv("PORTAL_TEST_FRONT"); front && std::string_view{front} == "asio")
      options.front = Front::asio;
    if (options.worker_threads == 16) options.worker_threads = 12;
    server = std::make_unique<Server>(options, logger, registry, &verifier);
    add_routes();
    server->start();
    ClientOptions co;
    co.port = server->port();
    client = std::make_unique<Client>(co);
  }
  ~ServerFixture() {
    release_held();
    server->stop();
  }

  std::string token(std::string subject = "user:7", long long ttl = 600) const {
    security::TokenClaims claims;
    claims.issuer = "eps-portal-auth";
    claims.audience = "eps-portal";
    claims.principal.subject = std::move(subject);
    claims.principal.user_type = "provider";
    claims.principal.roles = {"provider_admin"};
    claims.principal.jti = "j1";
    const long long now =
        std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()).count();
    claims.principal.expires_at = now + ttl;
    claims.issued_at = now;
    claims.not_before = now;
    return security::sign_token(key, claims);
  }

  void add_routes() {
    Server& s = *server;
    s.add_standard_routes([] { return std::string{}; });
    s.route(
        Method::get, "/fast", [](Request&) { return Response::json(200, R"({"fast":true})"); },
        Access::public_route);
    s.route(
        Method::get, "/slow",
        [this](Request&) {
          ++slow_started;
          std::this_thread::sleep_for(std::chrono::milliseconds(300));
          return Response::json(200, R"({"slow":true})");
        },
        Access::public_route);
    s.route(
        Method::get, "/held",
        [this](Request&) {
          ++held_waiting;
          std::unique_lock lock(held_mutex);
          held_cv.wait_for(lock, std::chrono::seconds(10), [this] { return held_released; });
          return Response::json(200, held_released ? R"({"held":true})" : R"({"held":"timed out"})");
        },
        Access::public_route);
    s.route(
        Method::get, "/items/:id",
        [](Request& r) {
          return Response::json(200, R"({"id":")" + core::json_escape(*r.param("id")) + R"(","route":")" +
                                         r.route + R"(","q":")" +
                                         core::json_escape(r.query_param("q").value_or("")) + "\"}");
        },
        Access::public_route);
    s.route(
        Method::get, "/items/special", [](Request&) { return Response::json(200, R"({"special":true})"); },
        Access::public_route);
    s.route(
        Method::post, "/echo",
        [](Request& r) {
          auto parsed = read_json_body(r);
          if (auto* res = std::get_if<Response>(&parsed)) return std::move(*res);
          return Response::json(200, json::to_string(std::get<rapidjson::Document>(parsed)));
        },
        Access::public_route);
    // Body size of an upload (the per-route body limit test gives it a larger limit).
    s.route(
        Method::post, "/uploads",
        [](Request& r) { return Response::json(200, R"({"bytes":)" + std::to_string(r.body.size()) + "}"); },
        Access::public_route);
    s.route(
        Method::get, "/boom",
        [](Request&) -> Response { throw std::runtime_error("secret database detail"); },
        Access::public_route);
    s.route(Method::get, "/me",
            [](Request& r) { return Response::json(200, R"({"subject":")" + r.principal->subject + "\"}"); });
    s.route(
        Method::get, "/whoami",
        [](Request& r) {
          return Response::json(
              200, R"({"subject":")" + (r.principal ? r.principal->subject : std::string{}) + "\"}");
        },
        Access::public_route);
    // Issue 10: an answer written in the caller's language, reference data, a handler's own 401.
    s.route(
        Method::get, "/localized",
        [](Request& r) {
          return Response::json(200,
                                r.lang == core::Lang::en ? R"({"hello":"Hello"})" : R"({"hello":"Hola"})")
              .with_language(r.lang);
        },
        Access::public_route);
    s.route(
        Method::get, "/reference",
        [](Request&) {
          auto res = Response::json(200, R"({"codes":[]})").with_header("Vary", "Accept-Encoding");
          return cache::public_reference(res);
        },
        Access::public_route);
    s.route(
        Method::post, "/login", [](Request& r) { return problem(r, unauthorized()); }, Access::public_route);
    s.route(Method::get, "/admin", [](Request& r) {
      if (auto denied = require_any_role(r, {"admin"})) return std::move(*denied);
      return Response::json(200, "{}");
    });
  }
};

}  // namespace portal::http::test
