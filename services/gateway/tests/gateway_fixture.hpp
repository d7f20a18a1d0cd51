#pragma once
#include <functional>
// The gateway in-process on port 0 in front of real upstream HTTP servers (libs/http on port 0): a
// stand-in for auth that serves its JWKS from a KeyStore, echoes the headers it received, sleeps,
// fails, and can be killed and brought back. The client side is plain cpp-httplib, so nothing of the
// gateway's own stack is trusted to judge the gateway.
#include <httplib.h>
#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>

#include "gateway_app.hpp"
#include "portal/core/clock.hpp"
#include "portal/core/log.hpp"
#include "portal/http/server.hpp"
#include "portal/metrics/metrics.hpp"
#include "portal/security/jwt.hpp"

namespace portal::gateway::test {

using Clock = std::chrono::steady_clock;

std::string temp_dir();

// "name: value" lines, lower-case names, so the test sees exactly what reached the upstream; the
// X-Upstream header names the instance that answered.
http::Response echo(const http::Request& req, const std::string& instance = "echo");
bool echoed(const std::string& body, const std::string& line);
void check_problem(const httplib::Result& res, int status, const std::string& code);

// A stand-in for the auth service: a real libs/http server on a real port, with /readyz.
class FakeAuth {
 public:
  explicit FakeAuth(std::string jwks, std::string instance = "echo");
  ~FakeAuth();
  void start(std::uint16_t port = 0);
  void stop();
  std::uint16_t port() const { return port_; }
  int slow_calls() const { return slow_calls_.load(); }

 private:
  std::string jwks_;
  std::string instance_;
  std::atomic<int> slow_calls_{0};
  std::ostringstream log_text_;
  core::Logger log_{"fake-auth", core::LogLevel::error, &log_text_};
  metrics::Registry metrics_{"fake-auth"};
  std::unique_ptr<http::Server> server_;
  std::uint16_t port_ = 0;
};

// The fake auth in a child process, so that "killing auth" is a real SIGKILL: the kernel closes every
// socket, as when the real service dies (an in-process stop would leave accepted connections open).
// A server in a forked child process, so a test can SIGKILL it. serve(port_fd) runs in the child: it
// starts the server and hands its port to report_port_and_wait(port_fd, port). Fork before the test
// process starts threads of its own.
class ChildServer {
 public:
  ~ChildServer() { kill(); }
  std::uint16_t start(const std::function<void(int port_fd)>& serve);
  void kill();

 private:
  pid_t pid_ = -1;
};

// In the child: tells the parent the port, then waits to be killed.
[[noreturn]] void report_port_and_wait(int port_fd, std::uint16_t port);

class ChildAuth {
 public:
  std::uint16_t start(const std::string& jwks, const std::string& instance = "echo");
  void kill() { server_.kill(); }

 private:
  ChildServer server_;
};

struct Fixture {
  explicit Fixture(std::string extra_config = {}, bool auth_in_child = false);
  ~Fixture();

  std::string token(const security::SigningKey& key, std::string subject = "user:1") const;
  std::string token() const { return token(keys.current()); }
  // An EPS admin's token: reads the audit trail, may send large uploads (issue 9).
  std::string admin_token() const;
  httplib::Client client() const;

  core::SystemClock clock;
  std::string dir = temp_dir();
  security::KeyStore keys;
  std::string jwks;
  FakeAuth auth{jwks};
  ChildAuth child;
  std::uint16_t auth_port = 0;
  std::unique_ptr<GatewayApp> gateway;
};

}  // namespace portal::gateway::test
