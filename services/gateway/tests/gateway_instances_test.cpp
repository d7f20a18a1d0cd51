// GW-6: several instances of a service behind the gateway. Round-robin over the healthy instances,
// /readyz checks that eject and readmit, a refused connection that ejects at once, and a second
// instance only for requests that may be repeated. Every urgencies instance is a child process (a real
// SIGKILL closes its sockets as the kernel does when a service dies) whose counters and switches live
// in memory shared with the test, so what reached a dead instance can still be read. The tests wait
// for events (with generous deadlines), never for a time bound: the machine may be loaded.
#include <httplib.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "gateway_fixture.hpp"
#include "portal/core/config.hpp"

namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;
using portal::gateway::test::check_problem;
using portal::gateway::test::ChildAuth;
using portal::gateway::test::Clock;
using portal::gateway::test::echo;
using portal::gateway::test::echoed;
using portal::gateway::test::Fixture;
using portal::gateway::test::temp_dir;
using portal::http::Access;
using portal::http::Method;
using portal::http::Request;
using portal::http::Response;

// Lives in MAP_SHARED memory: the child counts and obeys, the test reads and flips.
struct InstanceState {
  std::atomic<int> readyz_status{200};
  std::atomic<int> readyz_calls{0};
  std::atomic<int> reads{0};              // GET /api/v1/urgencies
  std::atomic<int> writes{0};             // POST /api/v1/urgencies, DELETE /api/v1/urgencies/:id
  std::atomic<bool> die_on_write{false};  // SIGKILL itself before answering a write
};

// Dies mid-request: the request arrived, no answer will ever leave. The listening socket is shut first
// and then every connection, as they are once the process is gone, so that a new connection is refused
// the moment the gateway notices the dropped one (left to the kernel's teardown, a quick reconnect can
// still be accepted from the backlog, and the test would depend on that race).
[[noreturn]] void die() {
  constexpr int kMaxFd = 4096;
  for (const bool listening : {true, false})
    for (int fd = 3; fd < kMaxFd; ++fd) {
      int accepting = 0;
      socklen_t size = sizeof accepting;
      if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &size) != 0) continue;  // not a socket
      if ((accepting != 0) == listening) shutdown(fd, SHUT_RDWR);
    }
  ::kill(getpid(), SIGKILL);
  _exit(1);  // not reached
}

[[noreturn]] void serve_instance(InstanceState& state, const std::string& name, int port_fd) {
  std::ostringstream log_text;
  portal::core::Logger log("fake-urgencies", portal::core::LogLevel::error, &log_text);
  portal::metrics::Registry metrics("fake-urgencies");
  portal::http::ServerOptions options;
  options.service_name = "fake-urgencies";
  options.worker_threads = 4;
  portal::http::Server server(options, log, metrics, nullptr);
  server.route(
      Method::get, "/readyz",
      [&state](Request&) {
        ++state.readyz_calls;
        const int status = state.readyz_status.load();
        return Response::json(status, status == 200 ? R"({"status":"ready"})" : R"({"status":"not_ready"})");
      },
      Access::public_route);
  server.route(
      Method::get, "/api/v1/urgencies",
      [&state, name](Request& req) {
        ++state.reads;
        return echo(req, name);
      },
      Access::public_route);
  const auto write = [&state, name](Request& req) {
    ++state.writes;
    if (state.die_on_write.load()) die();
    return echo(req, name);
  };
  server.route(Method::post, "/api/v1/urgencies", write, Access::public_route);
  server.route(Method::del, "/api/v1/urgencies/:id", write, Access::public_route);
  server.start();
  portal::gateway::test::report_port_and_wait(port_fd, server.port());
}

class ChildInstance {
 public:
  explicit ChildInstance(std::string name) : name_(std::move(name)) {
    void* memory =
        mmap(nullptr, sizeof(InstanceState), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    REQUIRE(memory != MAP_FAILED);
    state_ = new (memory) InstanceState();
  }
  ~ChildInstance() {
    server_.kill();
    state_->~InstanceState();
    munmap(state_, sizeof(InstanceState));
  }
  ChildInstance(const ChildInstance&) = delete;
  ChildInstance& operator=(const ChildInstance&) = delete;

  void start() {
    port_ = server_.start([&](int port_fd) { serve_instance(*state_, name_, port_fd); });
  }
  void kill() { server_.kill(); }
  InstanceState& state() { return *state_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  std::string name_;
  InstanceState* state_ = nullptr;
  portal::gateway::test::ChildServer server_;
  std::uint16_t port_ = 0;
};

// Instances "a", "b", ... started before the gateway (no fork once its threads run), and the
// gateway's configuration listing them.
struct Instances {
  explicit Instances(int n) {
    for (int i = 0; i < n; ++i) {
      all.push_back(std::make_unique<ChildInstance>(std::string(1, static_cast<char>('a' + i))));
      all.back()->start();
    }
  }
  ChildInstance& operator[](char name) { return *all.at(static_cast<std::size_t>(name - 'a')); }
  std::string config(std::chrono::milliseconds health_interval) const {
    std::string urls;
    for (const auto& instance : all) urls += (urls.empty() ? "" : ",") + ("http://" + instance->address());
    return "PORTAL_URGENCIES_URL=" + urls +
           "\nPORTAL_GATEWAY_HEALTH_INTERVAL_MS=" + std::to_string(health_interval.count()) + "\n";
  }
  std::vector<std::unique_ptr<ChildInstance>> all;
};

// Checks only at start: whatever happens later to an instance, only live requests can notice it.
constexpr auto kNoChecks = 60000ms;
// Long enough that a check of a healthy instance on a loaded machine does not time out.
constexpr auto kChecks = 500ms;

bool wait_for(const std::function<bool()>& condition, std::chrono::seconds limit = 15s) {
  const auto deadline = Clock::now() + limit;
  while (Clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return condition();
}

// One series of the gateway's /metrics, e.g. upstream_healthy_instances{service="gateway",...}.
std::optional<double> metric(const Fixture& f, const std::string& series) {
  auto c = f.client();
  auto res = c.Get("/metrics");
  if (!res || res->status != 200) return std::nullopt;
  std::istringstream lines(res->body);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind(series + " ", 0) == 0) return std::stod(line.substr(series.size() + 1));
  return std::nullopt;
}

std::optional<double> healthy_urgencies(const Fixture& f) {
  return metric(f, R"(upstream_healthy_instances{service="gateway",upstream="urgencies"})");
}

std::optional<double> ejections(const Fixture& f, ChildInstance& instance, const std::string& reason) {
  return metric(f, "upstream_ejections_total{service=\"gateway\",instance=\"" + instance.address() +
                       "\",reason=\"" + reason + "\",upstream=\"urgencies\"}");
}

struct Tally {
  std::map<std::string, int> by_instance;
  int failed = 0;
};

// n sequential GETs of the urgencies list; who answered each.
Tally list_urgencies(const Fixture& f, int n) {
  auto c = f.client();
  const std::string bearer = "Bearer " + f.token();
  Tally tally;
  for (int i = 0; i < n; ++i) {
    auto res = c.Get("/api/v1/urgencies", {{"Authorization", bearer}});
    if (res && res->status == 200) {
      ++tally.by_instance[res->get_header_value("X-Upstream")];
    } else {
      ++tally.failed;
    }
  }
  return tally;
}

}  // namespace

TEST_CASE("GW-6 round-robin: three instances share the requests evenly") {
  Instances instances(3);
  Fixture f(instances.config(kNoChecks));
  const auto tally = list_urgencies(f, 30);
  CHECK(tally.failed == 0);
  CHECK(tally.by_instance == std::map<std::string, int>{{"a", 10}, {"b", 10}, {"c", 10}});
  for (char name : {'a', 'b', 'c'}) CHECK(instances[name].state().reads == 10);
  CHECK(healthy_urgencies(f) == 3.0);
}

TEST_CASE("GW-6 an instance killed under load: no GET fails, and its first refused connection ejects it") {
  Instances instances(3);
  Fixture f(instances.config(kNoChecks));  // so only a live request can eject it
  REQUIRE(list_urgencies(f, 6).failed == 0);

  std::atomic<bool> done{false};
  std::atomic<int> answered{0}, failed{0};
  auto load = std::async(std::launch::async, [&] {
    auto c = f.client();
    const std::string bearer = "Bearer " + f.token();
    while (!done) {
      auto res = c.Get("/api/v1/urgencies", {{"Authorization", bearer}});
      ++(res && res->status == 200 ? answered : failed);
    }
  });
  REQUIRE(wait_for([&] { return answered >= 10; }));
  instances['b'].kill();
  const int at_kill = answered;
  CHECK(wait_for([&] { return answered >= at_kill + 30 || failed > 0; }));
  done = true;
  load.get();
  CHECK(failed == 0);

  CHECK(healthy_urgencies(f) == 2.0);
  CHECK(ejections(f, instances['b'], "connection_failure") == 1.0);
  CHECK(ejections(f, instances['b'], "health_check") == 0.0);
  // Out of the rotation: a and c take turns (with b still in it, the instance after b would take two
  // turns in three, since each request b refused moves on to it).
  const auto tally = list_urgencies(f, 30);
  CHECK(tally.failed == 0);
  CHECK(tally.by_instance == std::map<std::string, int>{{"a", 15}, {"c", 15}});
}

TEST_CASE("GW-6 an idle instance that dies is ejected by the health check, and requests still succeed") {
  Instances instances(3);
  Fixture f(instances.config(kChecks));
  REQUIRE(wait_for([&] { return instances['b'].state().readyz_calls >= 1; }));
  instances['b'].kill();
  REQUIRE(wait_for([&] { return healthy_urgencies(f) == 2.0; }));
  CHECK(ejections(f, instances['b'], "health_check") == 1.0);
  CHECK(ejections(f, instances['b'], "connection_failure") == 0.0);
  const auto tally = list_urgencies(f, 20);
  CHECK(tally.failed == 0);
  CHECK(tally.by_instance.count("b") == 0);
}

TEST_CASE("GW-6 /readyz 503 takes a running instance out of the rotation; /readyz 200 brings it back") {
  Instances instances(3);
  Fixture f(instances.config(kChecks));
  REQUIRE(list_urgencies(f, 3).failed == 0);

  instances['b'].state().readyz_status = 503;
  REQUIRE(wait_for([&] { return healthy_urgencies(f) == 2.0; }));
  CHECK(ejections(f, instances['b'], "health_check") == 1.0);
  const int reads_when_ejected = instances['b'].state().reads;
  const auto tally = list_urgencies(f, 30);
  CHECK(tally.failed == 0);
  CHECK(tally.by_instance.count("b") == 0);
  CHECK(instances['b'].state().reads == reads_when_ejected);  // not one request reached it

  instances['b'].state().readyz_status = 200;
  CHECK(wait_for([&] { return list_urgencies(f, 3).by_instance.count("b") == 1; }));
  CHECK(healthy_urgencies(f) == 3.0);
}

TEST_CASE("GW-6 when no instance passes its check, requests still go to all of them in turn") {
  Instances instances(2);
  Fixture f(instances.config(kChecks));
  for (char name : {'a', 'b'}) instances[name].state().readyz_status = 503;
  REQUIRE(wait_for([&] { return healthy_urgencies(f) == 0.0; }));
  // The checks may be wrong (or late): answering 503 to everyone on their word would be an outage.
  const auto tally = list_urgencies(f, 10);
  CHECK(tally.failed == 0);
  CHECK(tally.by_instance == std::map<std::string, int>{{"a", 5}, {"b", 5}});
}

TEST_CASE(
    "GW-6 a write whose instance dies mid-request goes to another instance only with an Idempotency-Key") {
  struct Row {
    Method method;
    bool with_key;
    bool repeated;  // reached b after a died
  };
  for (auto [method, with_key, repeated] :
       {Row{Method::post, true, true}, Row{Method::post, false, false}, Row{Method::del, true, true},
        // The client library repeats a DELETE on the same instance
        // (refused, a is dead): still not b's to repeat.
        Row{Method::del, false, false}}) {
    CAPTURE(portal::http::to_string(method), with_key);
    Instances instances(2);
    instances['a'].state().die_on_write = true;
    Fixture f(instances.config(kNoChecks));
    auto c = f.client();
    const std::string bearer = "Bearer " + f.token();
    // Turns alternate between a and b: after b answers, the next request goes to a first.
    REQUIRE(wait_for([&] { return list_urgencies(f, 1).by_instance.count("b") == 1; }));

    httplib::Headers headers{{"Authorization", bearer}};
    if (with_key) headers.emplace("Idempotency-Key", "urg-retry-1");
    auto res = method == Method::post
                   ? c.Post("/api/v1/urgencies", headers, R"({"attention_number":"A-1"})", "application/json")
                   : c.Delete("/api/v1/urgencies/7", headers);
    REQUIRE(instances['a'].state().writes == 1);  // a took it first, and died with it
    if (repeated) {
      REQUIRE(res);
      CHECK(res->status == 200);
      CHECK(res->get_header_value("X-Upstream") == "b");
      CHECK(echoed(res->body, "idempotency-key: urg-retry-1"));
      CHECK(instances['b'].state().writes == 1);
    } else {
      check_problem(res, 503, "upstream_unavailable");
      CHECK(instances['b'].state().writes == 0);
    }
  }
}

TEST_CASE(
    "GW-6 several auth instances: round-robin, and a dead instance is skipped without failing requests") {
  const auto dir = temp_dir();
  auto keys = portal::security::KeyStore::load_or_create(dir + "/keys");
  const std::string jwks = keys.jwks_json();
  ChildAuth first, second;
  const auto port_a = first.start(jwks, "a");
  const auto port_b = second.start(jwks, "b");

  portal::core::SystemClock clock;
  auto config = portal::core::Config::from_text(
      "PORTAL_GATEWAY_PORT=0\nPORTAL_FORWARDING_KEY=gateway-test-forwarding-key-0123456789\nPORTAL_AUTH_URL="
      "http://127.0.0.1:" +
      std::to_string(port_a) + ",http://127.0.0.1:" + std::to_string(port_b) +
      "\nPORTAL_JWKS_RETRY_MS=50\nPORTAL_LOG_LEVEL=error\n");
  portal::gateway::GatewayApp gateway(config, clock);
  gateway.start();
  httplib::Client c("127.0.0.1", gateway.port());
  auto seen = [&](int n) {
    std::map<std::string, int> count;
    for (int i = 0; i < n; ++i) {
      auto res = c.Post("/api/v1/auth/login", "{}", "application/json");
      REQUIRE(res);
      CHECK(res->status == 200);
      ++count[res->get_header_value("X-Upstream")];
    }
    return count;
  };
  auto both = seen(10);
  CHECK(both["a"] >= 4);
  CHECK(both["b"] >= 4);

  first.kill();
  // Not even a POST without an Idempotency-Key fails: a refused connection sent nothing, so the next
  // instance takes it, and the refusal took a out of the rotation.
  auto survivors = seen(10);
  CHECK(survivors["b"] == 10);
  gateway.stop();
  second.kill();
  fs::remove_all(dir);
}
