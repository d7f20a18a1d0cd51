// Issue 8 (GW-6, items 4 and 5) "Tests that fail without the feature": three portal-urgencies replicas on
// one PostgreSQL behind the gateway, with auth and affiliates, all real processes. A client posts
// notifications with Idempotency-Keys from several threads, one replica is SIGKILLed in the middle of the
// run, and the client retries every failed call with the same key and body. At the end every key that got
// a 201 has exactly one row, no key has two, the retried keys' answers name the row that was stored, and
// the gateway stopped sending to the dead replica (its health gauge drops to 2 and reads keep answering).
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "portal/core/clock.hpp"
#include "portal/db/testing/test_database.hpp"
#include "support/http_client.hpp"
#include "support/json_fields.hpp"
#include "support/portal_system.hpp"
#include "support/schema_validator.hpp"

using namespace portal;
using namespace std::chrono_literals;

namespace {

std::string iso(std::chrono::system_clock::duration offset) {
  const auto t =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now() + offset);
  return core::to_rfc3339(core::Instant{t.time_since_epoch()});
}

std::string body_for(const std::string& attention_number, const std::string& admitted_at) {
  return R"({"attention_number":")" + attention_number +
         R"(","affiliate":{"document_type":"CC","document_number":"1000000002"},"attention_origin":"general_illness",)"
         R"("triage":3,"referral":{"is_referred":false},"admitted_at":")" +
         admitted_at +
         R"(","consultation_reason":"Dolor abdominal","destination":"observation",)"
         R"("diagnoses":{"principal":"R104","related":[]}})";
}

// The value of one Prometheus sample line, e.g. upstream_healthy_instances{...upstream="urgencies"...}.
std::optional<double> metric(const std::string& text, const std::string& name, const std::string& label) {
  std::size_t pos = 0;
  while ((pos = text.find(name + "{", pos)) != std::string::npos) {
    const auto end = text.find('\n', pos);
    const std::string line = text.substr(pos, end - pos);
    pos = end;
    if (line.find(label) == std::string::npos) continue;
    return std::stod(line.substr(line.rfind(' ') + 1));
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("three urgencies replicas on one PostgreSQL: a SIGKILLed replica loses no keyed notification",
          "[e2e][replicas]") {
  db::testing::TestDatabase database(db::Dialect::postgresql);
  test::PortalSystemOptions options;
  options.with_urgencies = true;
  options.urgencies_replicas = 3;
  options.urgencies_env = {{"PORTAL_URGENCIES_DATABASE_URL", database.url()}, {"PORTAL_DEMO", "false"}};
  options.gateway_env = {{"PORTAL_GATEWAY_HEALTH_INTERVAL_MS", "250"},
                         {"PORTAL_RATE_ADDRESS_BURST", "1000000"},
                         {"PORTAL_RATE_ADDRESS_PER_SECOND", "1000000"},
                         {"PORTAL_RATE_ACCOUNT_BURST", "1000000"},
                         {"PORTAL_RATE_ACCOUNT_PER_SECOND", "1000000"}};
  test::PortalSystem system(options);
  INFO(system.logs());
  // Issue 10: every answer, from every client thread, against api/openapi.yaml (checked at the end).
  test::ContractRecorder contract;
  test::HttpClient gateway(system.gateway_url());
  gateway.set_observer(contract.observer());
  const auto login = gateway.post_json(
      "/api/v1/auth/login",
      R"({"user_type":"provider","nit":"900000001","username":"admin","password":"Demo.2026"})");
  REQUIRE(login.status == 200);
  const auto token = *test::json_string(login.body, "/access_token");

  constexpr int kClients = 8;
  constexpr int kEach = 30;
  const std::string run =
      std::to_string(std::chrono::system_clock::now().time_since_epoch().count() % 100000);
  const std::string admitted = iso(-1h);
  std::atomic<int> sent{0};
  std::atomic<int> retried_keys{0};
  std::atomic<int> given_up{0};
  std::mutex mutex;
  std::map<std::string, long long> id_by_number;  // the id each key's final 201 named
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      test::HttpClient client(system.gateway_url(), 15s);
      client.set_observer(contract.observer());
      for (int i = 0; i < kEach; ++i) {
        const std::string number = "K" + run + "C" + std::to_string(c) + "N" + std::to_string(i);
        const auto headers = test::bearer(token, {{"Idempotency-Key", "key-" + number}});
        bool retried = false;
        for (int attempt = 0;; ++attempt) {
          const auto r = client.post_json("/api/v1/urgencies", body_for(number, admitted), headers);
          if (r.status == 201) {
            std::lock_guard lock(mutex);
            id_by_number[number] = test::json_int(r.body, "/id").value_or(-1);
            break;
          }
          // A connection error or a 5xx while the replica dies: retry with the same key (what a client
          // told to use Idempotency-Key does). Anything else is a failure of the test.
          if (r.status != 0 && r.status < 500) {
            UNSCOPED_INFO(number << " answered " << r.status << ": " << r.body);
            ++given_up;
            break;
          }
          retried = true;
          if (attempt == 40) {
            ++given_up;
            break;
          }
          std::this_thread::sleep_for(100ms);
        }
        if (retried) ++retried_keys;
        ++sent;
      }
    });
  }
  // Kill replica 1 once a third of the run is done (the order of events, not a time).
  while (sent < kClients * kEach / 3) std::this_thread::sleep_for(5ms);
  system.urgencies_replica(1).kill();
  for (auto& t : clients) t.join();

  CHECK(given_up == 0);
  CHECK(id_by_number.size() == static_cast<std::size_t>(kClients * kEach));
  // Exactly one row per key; every answered id is the row stored under that number.
  db::DatabaseOptions inspect;
  inspect.refuse_newer_schema = false;  // read urgencies' tables without its migrations
  auto db = database.open({}, inspect);
  const auto rows = db->read([&](db::Connection& c) {
    return c.query_all("SELECT attention_number, id FROM notifications WHERE attention_number LIKE ?",
                       {"K" + run + "%"}, [](const db::Row& r) {
                         return std::pair{r.text(0), r.int64(1)};
                       });
  });
  CHECK(rows.size() == id_by_number.size());
  std::map<std::string, int> per_number;
  for (const auto& [number, id] : rows) {
    ++per_number[number];
    CHECK(id_by_number[number] == id);
  }
  for (const auto& [number, n] : per_number) {
    CAPTURE(number);
    CHECK(n == 1);
  }
  UNSCOPED_INFO("keys that needed a retry: " << retried_keys.load());

  // The gateway took the dead replica out of the rotation: two healthy instances, and reads keep answering.
  std::optional<double> healthy;
  for (int i = 0; i < 100; ++i) {
    healthy = metric(gateway.get("/metrics").body, "upstream_healthy_instances", "upstream=\"urgencies\"");
    if (healthy == 2.0) break;
    std::this_thread::sleep_for(100ms);
  }
  CHECK(healthy == 2.0);
  for (int i = 0; i < 30; ++i) CHECK(gateway.get("/api/v1/urgencies", test::bearer(token)).status == 200);
  for (const auto& failure : contract.failures()) FAIL_CHECK("api/openapi.yaml schema: " << failure);
}
