#include <catch2/catch.hpp>

#include "server_fixture.hpp"
#include "test_support.hpp"

using namespace portal::http;
using namespace portal::http::test;
using namespace std::chrono_literals;

namespace {

// The first connection reads the request and hangs up without answering; later ones answer 200.
void drop_first_then_answer(int fd, int index) {
  while (true) {
    const std::string request = read_request(fd);
    if (request.empty()) return;
    if (index == 0) return;
    write_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok");
  }
}

}  // namespace

TEST_CASE("GW-4 client retries an idempotent GET after a dropped connection, never a POST") {
  {
    FakeUpstream upstream(drop_first_then_answer);
    Client client({.port = upstream.port(), .idempotent_retries = 1});
    auto r = client.get("/x");
    REQUIRE(r.ok());
    CHECK(r.response->status == 200);
    CHECK(r.response->body == "ok");
    CHECK(upstream.connections() == 2);
  }
  {
    FakeUpstream upstream(drop_first_then_answer);
    Client client({.port = upstream.port(), .idempotent_retries = 1});
    auto r = client.request(Method::post, "/x", {}, "{}");
    CHECK_FALSE(r.ok());
    CHECK(r.error == ClientError::protocol);
    std::this_thread::sleep_for(100ms);
    CHECK(upstream.connections() == 1);
  }
}

TEST_CASE("timeout is told apart from a refused connection") {
  ServerFixture f;
  Client slow_client({.port = f.server->port(), .read_timeout = 150ms});
  auto r = slow_client.get("/slow");
  CHECK_FALSE(r.ok());
  CHECK(r.error == ClientError::timeout);

  Client refused({.port = unused_port()});
  r = refused.get("/x");
  CHECK_FALSE(r.ok());
  CHECK(r.error == ClientError::connect_failed);
}

TEST_CASE("GW-4 breaker opens after N failures, fails fast, and recovers") {
  const std::uint16_t port = unused_port();
  Client client({.port = port, .idempotent_retries = 0, .breaker_failures = 3, .breaker_open_for = 300ms});
  for (int i = 0; i < 3; ++i) CHECK(client.get("/healthz").error == ClientError::connect_failed);
  CHECK(client.circuit_open());
  // Refused without trying the port (a timing bound would flake on a loaded machine; the error says it).
  auto r = client.get("/healthz");
  CHECK(r.error == ClientError::circuit_open);

  // The upstream comes back on the same port.
  portal::core::Logger logger("t", portal::core::LogLevel::error);
  portal::metrics::Registry registry("t");
  ServerOptions options;
  options.port = port;
  Server server(options, logger, registry, nullptr);
  server.add_standard_routes({});
  server.start();
  std::this_thread::sleep_for(320ms);
  r = client.get("/healthz");
  REQUIRE(r.ok());
  CHECK(r.response->status == 200);
  CHECK_FALSE(client.circuit_open());
  server.stop();
}

TEST_CASE("client keeps connections alive across calls and from many threads") {
  ServerFixture f;
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i)
        if (auto r = f.client->get("/fast"); r.ok() && r.response->status == 200) ++ok;
    });
  for (auto& t : threads) t.join();
  CHECK(ok == 400);
}

TEST_CASE("a response over max_response_bytes is refused") {
  ServerFixture f;
  Client small({.port = f.server->port(), .max_response_bytes = 10});
  auto r = small.get("/items/12345678901234567890");
  CHECK_FALSE(r.ok());
  CHECK(r.error == ClientError::too_large);
}

TEST_CASE("a pooled connection the server closed while idle does not fail the next POST") {
  ServerOptions options;
  options.keep_alive_timeout = std::chrono::seconds{1};
  ServerFixture f(options);
  auto r = f.client->get("/fast");
  REQUIRE(r.ok());
  RawConnection witness(f.server->port());
  witness.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n");
  CHECK(witness.read_response().status == 200);
  std::this_thread::sleep_for(2500ms);
  CHECK(witness.read_response(500).closed);  // the server did drop idle connections
  r = f.client->request(Method::post, "/echo", {}, R"({"a":1})");
  REQUIRE(r.ok());
  CHECK(r.response->status == 200);
}
