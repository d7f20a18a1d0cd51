// Issue 14 item 1: a route says whether its handler may block. Blocking handlers run on the worker pool,
// never on a Pistache I/O thread; non-blocking ones run on the I/O thread that read the request. The
// handlers record the name of the thread they run on: the server names its I/O threads "<service>-io"
// and its pool "<service>-wk".
#include <pthread.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "portal/core/clock.hpp"
#include "portal/http/client.hpp"
#include "portal/http/server.hpp"
#include "portal/security/jwt.hpp"

using namespace portal;
using namespace portal::http;

namespace {

std::string this_thread_name() {
  char name[32] = {};
  ::pthread_getname_np(::pthread_self(), name, sizeof name);
  return name;
}

// Thread names seen by each route's handler.
struct Seen {
  std::mutex mutex;
  std::map<std::string, std::set<std::string>> by_route;
  void note(const std::string& route) {
    std::lock_guard lock(mutex);
    by_route[route].insert(this_thread_name());
  }
  std::set<std::string> of(const std::string& route) {
    std::lock_guard lock(mutex);
    return by_route[route];
  }
};

struct ExecutionFixture {
  core::SystemClock clock;
  std::ostringstream log_out;
  core::Logger logger{"exec", core::LogLevel::warn, &log_out};
  metrics::Registry registry{"exec"};
  security::SigningKey key = security::SigningKey::generate("k1");
  security::TokenVerifier verifier{security::VerifierOptions{}, clock};
  Seen seen;
  std::unique_ptr<Server> server;

  ExecutionFixture() {
    verifier.set_jwks(R"({"keys":[)" + key.public_jwk() + "]}");
    // A token naming another key makes verify() fetch the JWKS: blocking work, so never on an I/O thread.
    verifier.set_fetcher([this]() -> std::optional<std::string> {
      seen.note("jwks fetch");
      return R"({"keys":[)" + key.public_jwk() + "]}";
    });
    ServerOptions options;
    options.service_name = "exec";
    options.io_threads = 2;
    options.worker_threads = 4;
    // Issue 14 item 4: the same rules on the Asio front (ctest http_asio_front_test).
    if (const char* front = std::getenv("PORTAL_TEST_FRONT"); front && std::string_view{front} == "asio")
      options.front = Front::asio;
    server = std::make_unique<Server>(options, logger, registry, &verifier);
    auto recording = [this](const char* name) {
      return [this, name](Request&) {
        seen.note(name);
        return Response::json(200, R"({"ok":true})");
      };
    };
    server->route(Method::get, "/default", recording("default"), Access::public_route);
    server->route(Method::get, "/blocking", recording("blocking"), Access::public_route, Work::blocking);
    server->route(Method::post, "/blocking", recording("blocking post"), Access::public_route);
    server->route(Method::get, "/inline", recording("inline"), Access::public_route, Work::non_blocking);
    server->route(Method::get, "/inline-authenticated", recording("inline authenticated"),
                  Access::authenticated, Work::non_blocking);
    server->add_standard_routes([this] {
      seen.note("readyz check");
      return std::string{};
    });
    server->start();
  }
  ~ExecutionFixture() { server->stop(); }

  std::string token(const security::SigningKey& signing_key) const {
    security::TokenClaims claims;
    claims.issuer = "eps-portal-auth";
    claims.audience = "eps-portal";
    claims.principal.subject = "user:7";
    claims.principal.user_type = "provider";
    claims.principal.jti = "j1";
    const long long now =
        std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()).count();
    claims.principal.expires_at = now + 600;
    claims.issued_at = now;
    claims.not_before = now;
    return security::sign_token(signing_key, claims);
  }

  Client client() const {
    ClientOptions co;
    co.port = server->port();
    return Client(co);
  }
};

}  // namespace

TEST_CASE("issue 14: a blocking route never runs on an I/O thread; a non-blocking one runs inline") {
  ExecutionFixture f;
  auto client = f.client();
  const Headers bearer{{"Authorization", "Bearer " + f.token(f.key)}};
  for (int i = 0; i < 20; ++i) {
    CHECK(client.get("/default").response->status == 200);
    CHECK(client.get("/blocking").response->status == 200);
    CHECK(client.request(Method::post, "/blocking", {}, "{}", "application/json").response->status == 200);
    CHECK(client.get("/inline").response->status == 200);
    CHECK(client.request(Method::head, "/inline").response->status == 200);
    CHECK(client.get("/inline-authenticated", bearer).response->status == 200);
  }
  CHECK(client.get("/readyz").response->status == 200);

  const std::set<std::string> pool{"exec-wk"};
  const std::set<std::string> io{"exec-io"};
  CHECK(f.seen.of("default") == pool);  // a route that says nothing is blocking
  CHECK(f.seen.of("blocking") == pool);
  CHECK(f.seen.of("blocking post") == pool);
  CHECK(f.seen.of("readyz check") == pool);
  CHECK(f.seen.of("inline") == io);
  CHECK(f.seen.of("inline authenticated") == io);
}

TEST_CASE("issue 14: a token naming a key not fetched yet moves a non-blocking route to the pool") {
  ExecutionFixture f;
  auto client = f.client();
  const auto rotated = security::SigningKey::generate("k2");  // not in the JWKS the fetcher returns either
  const auto res = client.get("/inline-authenticated", {{"Authorization", "Bearer " + f.token(rotated)}});
  REQUIRE(res.ok());
  CHECK(res.response->status == 401);
  CHECK(f.seen.of("jwks fetch") == std::set<std::string>{"exec-wk"});
  CHECK(f.seen.of("inline authenticated").empty());
}

TEST_CASE("issue 14: only GET routes may be non-blocking") {
  core::SystemClock clock;
  std::ostringstream log_out;
  core::Logger logger{"exec", core::LogLevel::warn, &log_out};
  metrics::Registry registry{"exec"};
  Server server({}, logger, registry, nullptr);
  auto ok = [](Request&) { return Response::json(200, "{}"); };
  for (Method m : {Method::post, Method::put, Method::patch, Method::del, Method::head})
    CHECK_THROWS_AS(server.route(m, "/x", ok, Access::public_route, Work::non_blocking),
                    std::invalid_argument);
  CHECK_NOTHROW(server.route(Method::get, "/x", ok, Access::public_route, Work::non_blocking));
}
