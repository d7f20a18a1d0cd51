// Issue 15: answers streamed while they are produced (Response::stream), as Server-Sent Events use them.
#include <catch2/catch.hpp>
#include <chrono>
#include <sstream>
#include <string>
#include <thread>

#include "portal/http/server.hpp"
#include "test_support.hpp"

using namespace portal;
using namespace portal::http;
using namespace std::chrono_literals;

namespace {

// Everything the server sends on one connection until it closes it (or `timeout` passes).
std::string read_until_closed(std::uint16_t port, const std::string& request,
                              std::chrono::milliseconds timeout) {
  test::RawConnection c(port);
  c.send(request);
  return c.read_until_closed(static_cast<int>(timeout.count()));
}

struct StreamingServer {
  core::SystemClock clock;
  std::ostringstream log_out;
  core::Logger logger{"test", core::LogLevel::error, &log_out};
  metrics::Registry registry{"test"};
  std::unique_ptr<Server> server;

  StreamingServer() {
    ServerOptions o;
    o.worker_threads = 4;
    server = std::make_unique<Server>(o, logger, registry, nullptr);
    // /ticks?n=N: N lines, 20 ms apart.
    server->route(
        Method::get, "/ticks",
        [](Request& req) {
          const int n = std::stoi(req.query_param("n").value_or("3"));
          Response res;
          res.content_type = "text/event-stream";
          res.stream = [n](const StreamWrite& write) {
            for (int i = 0; i < n; ++i) {
              if (!write("tick " + std::to_string(i) + "\n")) return;
              std::this_thread::sleep_for(20ms);
            }
          };
          return res;
        },
        Access::public_route);
    server->route(
        Method::get, "/plain", [](Request&) { return Response::json(200, R"({"ok":true})"); },
        Access::public_route);
    server->start();
  }
  ~StreamingServer() { server->stop(); }
  std::uint16_t port() const { return server->port(); }
};

}  // namespace

TEST_CASE(
    "a streamed answer: chunked to HTTP/1.1, close-delimited to HTTP/1.0, the connection ends with it") {
  StreamingServer s;
  const auto chunked = read_until_closed(s.port(), "GET /ticks?n=3 HTTP/1.1\r\nHost: x\r\n\r\n", 5s);
  CHECK(chunked.find("HTTP/1.1 200 OK\r\n") == 0);
  CHECK(chunked.find("\r\nTransfer-Encoding: chunked\r\n") != std::string::npos);
  CHECK(chunked.find("\r\nConnection: close\r\n") != std::string::npos);
  CHECK(chunked.find("\r\nContent-Type: text/event-stream\r\n") != std::string::npos);
  CHECK(chunked.find("7\r\ntick 0\n\r\n7\r\ntick 1\n\r\n7\r\ntick 2\n\r\n0\r\n\r\n") != std::string::npos);

  const auto plain = read_until_closed(s.port(), "GET /ticks?n=2 HTTP/1.0\r\n\r\n", 5s);
  CHECK(plain.find("Transfer-Encoding") == std::string::npos);
  CHECK(plain.substr(plain.find("\r\n\r\n") + 4) == "tick 0\ntick 1\n");
}

TEST_CASE("while a stream is open, closing answers on other connections go out and the server stays up") {
  // Regression: chunks queued through Pistache from a worker while another connection was answered and
  // closed aborted the process ("could not find write data").
  StreamingServer s;
  std::string streamed;
  std::thread stream(
      [&] { streamed = read_until_closed(s.port(), "GET /ticks?n=40 HTTP/1.1\r\nHost: x\r\n\r\n", 10s); });
  std::this_thread::sleep_for(100ms);
  for (int i = 0; i < 5; ++i) {
    CAPTURE(i);
    CHECK(test::raw_exchange(s.port(), "GET /plain HTTP/1.0\r\n\r\n").status == 200);
    CHECK(
        test::raw_exchange(s.port(), "GET /plain HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status ==
        200);
  }
  stream.join();
  CHECK(streamed.find("tick 39\n") != std::string::npos);
  CHECK(test::raw_exchange(s.port(), "GET /plain HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status ==
        200);
}
