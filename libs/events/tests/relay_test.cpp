// Issue 15: the relay ships the outbox to a hub (here a real HTTP server in the test) in order, marks an
// event sent only after a 2xx, retries after failures, and a restart in the middle of a delivery delivers
// the event afterwards with the same id.
#include "portal/events/relay.hpp"

#include <httplib.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <mutex>
#include <thread>
#include <vector>

#include "portal/db/testing/test_database.hpp"
#include "portal/events/event.hpp"
#include "portal/events/signature.hpp"

using namespace portal;
using namespace std::chrono_literals;

namespace {

const std::string kKey(40, 'k');

// A hub on loopback: answers each POST with the next status of `statuses` (then 202), optionally after a
// delay, and records the event ids whose signature it verified.
class FakeHub {
 public:
  explicit FakeHub(std::vector<int> statuses, std::chrono::milliseconds delay = 0ms)
      : statuses_(std::move(statuses)), delay_(delay) {
    server_.Post(events::kIngestPath, [this](const httplib::Request& req, httplib::Response& res) {
      core::FieldErrors errors;
      const auto e = events::from_json(req.body, errors);
      const bool signed_ok = events::verify_internal_signature(
          kKey, req.get_header_value(events::kInternalSignatureHeader), req.body,
          std::chrono::duration_cast<std::chrono::seconds>(
              std::chrono::system_clock::now().time_since_epoch())
              .count());
      int status = 202;
      {
        std::lock_guard lock(mutex_);
        if (e && signed_ok) received_.push_back(e->id);
        if (!statuses_.empty()) {
          status = statuses_.front();
          statuses_.erase(statuses_.begin());
        }
      }
      if (const auto d = delay_.load(); d > 0ms) std::this_thread::sleep_for(d);
      res.status = signed_ok ? status : 401;
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(5ms);
  }
  ~FakeHub() {
    server_.stop();
    thread_.join();
  }
  int port() const { return port_; }
  std::vector<std::string> received() {
    std::lock_guard lock(mutex_);
    return received_;
  }
  void set_delay(std::chrono::milliseconds d) { delay_ = d; }

 private:
  httplib::Server server_;
  std::mutex mutex_;
  std::vector<int> statuses_;
  std::vector<std::string> received_;
  std::atomic<std::chrono::milliseconds> delay_;
  int port_ = 0;
  std::thread thread_;
};

events::RelayOptions options(int port) {
  events::RelayOptions o;
  o.hub.port = port;
  o.hub.name = "events";
  o.hub.read_timeout = 300ms;
  o.key = kKey;
  o.backoff = [](int attempts) { return std::chrono::milliseconds(10 * attempts); };
  return o;
}

db::Migrations migrations() { return {{1, "event_outbox", std::string(events::kEventOutboxDdl)}}; }

}  // namespace

TEST_CASE("the relay ships in commit order, retries after failures, marks sent only after a 2xx",
          "[integration]") {
  const auto backend = GENERATE(from_range(db::testing::backends()));
  CAPTURE(db::testing::backend_name(backend));
  db::testing::TestDatabase scratch(backend);
  auto db = scratch.open(migrations());
  core::ManualClock clock(core::SystemClock{}.now());  // the hub checks the signature's time against its own
  core::Logger logger("test", core::LogLevel::error);
  metrics::Registry registry("test");
  FakeHub hub({500, 503});
  events::Relay relay(*db, options(hub.port()), logger, registry, clock);

  std::vector<std::string> ids;
  db->write([&](db::Connection& c) {
    for (int i = 0; i < 3; ++i) {
      auto e = events::make_event("authorization_request.pending", "900000001", "{}", clock.now());
      ids.push_back(e.id);
      events::publish(c, e);
    }
  });
  CHECK(relay.backlog() == 3);
  CHECK(relay.ship_due() == 0);  // 500: the first event waits, and so do the ones after it
  CHECK(relay.ship_due() == 0);  // not due yet: nothing offered
  clock.advance(10ms);
  CHECK(relay.ship_due() == 0);  // 503
  clock.advance(20ms);
  CHECK(relay.ship_due() == 3);
  CHECK(relay.backlog() == 0);
  CHECK(hub.received() == std::vector<std::string>{ids[0], ids[0], ids[0], ids[1], ids[2]});
  CHECK(relay.ship_due() == 0);
  CHECK(registry.serialize().find("events_outbox_backlog{service=\"test\"} 0") != std::string::npos);
}

TEST_CASE("a restart in the middle of a delivery delivers the event afterwards with the same id",
          "[integration]") {
  const auto backend = GENERATE(from_range(db::testing::backends()));
  CAPTURE(db::testing::backend_name(backend));
  db::testing::TestDatabase scratch(backend);
  core::SystemClock clock;
  core::Logger logger("test", core::LogLevel::error);
  std::string id;
  FakeHub hub({}, 1000ms);  // takes the event, then hangs past the relay's read timeout
  {
    auto db = scratch.open(migrations());
    metrics::Registry registry("test");
    db->write([&](db::Connection& c) {
      auto e = events::make_event("authorization_request.approved", "900000001", "{}", clock.now());
      id = e.id;
      events::publish(c, e);
    });
    events::Relay relay(*db, options(hub.port()), logger, registry, clock);
    relay.start();
    for (int i = 0; i < 200 && hub.received().empty(); ++i) std::this_thread::sleep_for(5ms);
    relay.stop();  // the process goes away with the delivery unconfirmed
  }
  REQUIRE(hub.received() == std::vector<std::string>{id});
  hub.set_delay(0ms);
  auto db = scratch.open(migrations());  // the restarted process
  metrics::Registry registry("test");
  events::Relay relay(*db, options(hub.port()), logger, registry, clock);
  std::this_thread::sleep_for(50ms);  // past the back-off of the failed attempt
  CHECK(relay.ship_due() == 1);
  CHECK(hub.received() == std::vector<std::string>{id, id});
  CHECK(relay.backlog() == 0);
}

TEST_CASE("an event the hub refuses for good (422) is set aside and does not hold back the next ones",
          "[integration]") {
  db::testing::TestDatabase scratch(db::Dialect::sqlite);
  auto db = scratch.open(migrations());
  core::ManualClock clock(core::SystemClock{}.now());
  core::Logger logger("test", core::LogLevel::error);
  metrics::Registry registry("test");
  FakeHub hub({422});
  events::Relay relay(*db, options(hub.port()), logger, registry, clock);
  db->write([&](db::Connection& c) {
    for (int i = 0; i < 2; ++i)
      events::publish(c, events::make_event("authorization_request.pending", "900000001", "{}", clock.now()));
  });
  CHECK(relay.ship_due() == 1);  // the first refused and set aside, the second accepted
  CHECK(relay.backlog() == 0);
  CHECK(db->read([](db::Connection& c) {
    return *c.query_int64("SELECT COUNT(*) FROM event_outbox WHERE last_error = 'refused: status 422'");
  }) == 1);
}
