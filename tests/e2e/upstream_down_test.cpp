// GW-4 and issue 2 §7: with auth killed the gateway answers 503 problem+json quickly (not a hang, not a
// 500), still rejects bad tokens itself from its cached JWKS, and serves again once auth is back on the
// same port and data directory (same keys, so earlier tokens stay valid).
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "e2e_suite.hpp"

using namespace portal;
using namespace portal::e2e;
using namespace std::chrono_literals;

TEST_CASE("SIGTERM stops the gateway and auth cleanly (exit 0), and auth comes back with its data",
          "[e2e][upstream]") {
  auto& s = Suite::get();
  int port = 0;
  auto extra = s.system().start_extra_gateway({}, port);
  extra->terminate(5s);
  CHECK(extra->exit_code() == std::optional<int>(0));

  s.system().auth().terminate(5s);
  CHECK(s.system().auth().exit_code() == std::optional<int>(0));
  s.system().restart_auth();
  CHECK(s.login_provider(kDemoNit, "delegate").status == 200);
}

TEST_CASE("auth killed: the gateway answers 503 within 1 s and recovers when auth is back", "[e2e][upstream]") {
  auto& s = Suite::get();
  const auto tokens = s.provider_tokens(kDemoNit, "admin");
  REQUIRE(s.gateway().get("/api/v1/me", test::bearer(tokens.access)).status == 200);

  s.system().kill_auth();
  for (int i = 0; i < 3; ++i) {
    auto r = s.gateway().get("/api/v1/policies/current");
    CAPTURE(i);
    CHECK(r.status == 503);
    CHECK(r.is_problem());
    CHECK(r.elapsed < 1000ms);
  }
  auto me = s.gateway().get("/api/v1/me", test::bearer(tokens.access));
  CHECK(me.status == 503);
  CHECK(me.elapsed < 1000ms);
  auto login = s.login_provider(kDemoNit, "admin");
  CHECK(login.status == 503);
  CHECK(login.elapsed < 1000ms);
  // The gateway judges tokens itself: a forged one is 401 even while auth is down.
  CHECK(s.gateway().get("/api/v1/me", test::bearer(tokens.access + "x")).status == 401);
  CHECK(s.gateway().get("/healthz").status == 200);

  s.system().restart_auth();
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (std::chrono::steady_clock::now() < deadline) {
    status = s.gateway().get("/api/v1/policies/current").status;
    if (status == 200) break;
    std::this_thread::sleep_for(100ms);
  }
  CHECK(status == 200);
  CHECK(s.gateway().get("/api/v1/me", test::bearer(tokens.access)).status == 200);
  CHECK(s.login_provider(kDemoNit, "admin").status == 200);
}
