// SPEC §2 Idempotency-Key, as every service gets it from libs/http (issues 4 and 8), on both backends:
// the change and the key's record commit together, and the claim holds across instances.
#include "portal/http/idempotency.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <latch>
#include <thread>
#include <vector>

#include "portal/db/testing/test_database.hpp"
#include "portal/security/password.hpp"

namespace portal::http {
namespace {

constexpr std::string_view kNow = "2026-11-23T09:00:00Z";

db::Migrations migrations() {
  return {{1, "idempotency", std::string(kIdempotencyKeysDdl)},
          {2, "things", "CREATE TABLE things(id INTEGER PRIMARY KEY, body TEXT NOT NULL);"}};
}

// One service instance: its database and its store; a create inserts a row into things.
struct Instance {
  std::unique_ptr<db::Database> database;
  std::unique_ptr<IdempotencyStore> store;

  explicit Instance(const db::testing::TestDatabase& scratch, IdempotencyOptions options = {})
      : database(scratch.open(migrations())), store(std::make_unique<IdempotencyStore>(*database, options)) {}

  Response create(IdempotentWrite& keyed, const Request& req,
                  const std::function<void()>& before_commit = {}) {
    if (before_commit) before_commit();
    return keyed
        .commit<long long>(
            *database, nullptr,
            [&](db::Connection& c) {
              return *c.query_int64("INSERT INTO things(body) VALUES (?) RETURNING id", {req.body});
            },
            [](const long long& id) {
              return Response::json(201, R"({"id":)" + std::to_string(id) + "}")
                  .with_header("Location", "/api/v1/things/" + std::to_string(id));
            })
        .response;
  }

  Response call(const Request& req, std::string_view now = kNow) {
    return idempotent(*store, req, now, [&](IdempotentWrite& keyed) { return create(keyed, req); });
  }
};

struct StoreFixture {
  db::testing::TestDatabase scratch;
  Instance main;

  explicit StoreFixture(db::Dialect backend) : scratch(backend), main(scratch) {}
  IdempotencyStore& store() { return *main.store; }

  // Rows the creates committed: "ran once" means one row.
  long long created() {
    return main.database->read(
        [](db::Connection& c) { return *c.query_int64("SELECT COUNT(*) FROM things"); });
  }

  Request request(std::string body, std::optional<std::string> key = "k-1", std::string subject = "user:7") {
    Request req;
    req.method = Method::post;
    req.path = "/api/v1/things";
    req.route = "/api/v1/things";
    req.body = std::move(body);
    req.client_ip = "10.0.0.9";
    if (key) req.headers["Idempotency-Key"] = *key;
    if (!subject.empty()) {
      security::Principal p;
      p.subject = std::move(subject);
      req.principal = p;
    }
    return req;
  }

  Response call(const Request& req, std::string_view now = kNow) { return main.call(req, now); }
};

#define BOTH_BACKENDS(f)                                              \
  const auto backend = GENERATE(from_range(db::testing::backends())); \
  CAPTURE(db::testing::backend_name(backend));                        \
  StoreFixture f(backend)

}  // namespace

TEST_CASE("a retry with the same key and body replays the first response", "[idempotency]") {
  BOTH_BACKENDS(f);
  const auto first = f.call(f.request(R"({"a":1})"));
  const auto again = f.call(f.request(R"({"a":1})"));
  CHECK(f.created() == 1);
  CHECK(again.status == 201);
  CHECK(again.body == first.body);
  CHECK(again.content_type == first.content_type);
  REQUIRE(again.headers.count("Location") == 1);
  CHECK(again.headers.at("Location") == "/api/v1/things/1");
}

TEST_CASE("issue 10: the same JSON with its members in another order is the same request; a replay says so",
          "[idempotency]") {
  BOTH_BACKENDS(f);
  auto json = [&](std::string body) {
    auto req = f.request(std::move(body));
    req.headers["Content-Type"] = "application/json; charset=utf-8";
    return req;
  };
  const auto first = f.call(json(R"({"a":1,"b":{"x":[1,2],"y":"z"}})"));
  CHECK(first.headers.count("Idempotent-Replayed") == 0);
  const auto again = f.call(json("{ \"b\": {\"y\": \"z\", \"x\": [1, 2]},\n  \"a\": 1 }"));
  CHECK(f.created() == 1);
  CHECK(again.status == 201);
  CHECK(again.body == first.body);
  CHECK(again.headers.at("Idempotent-Replayed") == "true");
  // Another value is another body: arrays keep their order.
  CHECK(f.call(json(R"({"a":1,"b":{"x":[2,1],"y":"z"}})")).status == 409);
  // Not JSON: byte for byte.
  auto csv = [&](std::string body) {
    auto req = f.request(std::move(body), "k-csv");
    req.headers["Content-Type"] = "text/csv";
    return req;
  };
  CHECK(f.call(csv("a,b\n1,2\n")).status == 201);
  CHECK(f.call(csv("a,b\n1,2\n")).headers.at("Idempotent-Replayed") == "true");
  CHECK(f.call(csv("a, b\n1,2\n")).status == 409);
}

TEST_CASE("issue 10: a key recorded with the raw body's hash (before canonical bodies) still replays",
          "[idempotency]") {
  BOTH_BACKENDS(f);
  const std::string body = R"({"b":2, "a":1})";
  f.main.database->write([&](db::Connection& c) {
    return c.exec(
        "INSERT INTO idempotency_keys (scope, key, body_hash, status, content_type, location, body, "
        "created_at) VALUES (?, ?, ?, 201, 'application/json', NULL, '{\"id\":41}', ?)",
        {std::string{"user:7 /api/v1/things"}, std::string{"k-old"}, security::sha256_hex(body),
         std::string{kNow}});
  });
  auto req = f.request(body, "k-old");
  req.headers["Content-Type"] = "application/json";
  const auto again = f.call(req);
  CHECK(again.status == 201);
  CHECK(again.body == R"({"id":41})");
  CHECK(f.created() == 0);
}

TEST_CASE("the same key with another body is 409 idempotency_key_reused", "[idempotency]") {
  BOTH_BACKENDS(f);
  f.call(f.request(R"({"a":1})"));
  const auto reused = f.call(f.request(R"({"a":2})"));
  CHECK(reused.status == 409);
  CHECK(reused.content_type == "application/problem+json");
  CHECK(reused.body.find("idempotency_key_reused") != std::string::npos);
  CHECK(f.created() == 1);
}

TEST_CASE("an empty or too long key is 400 naming Idempotency-Key", "[idempotency]") {
  BOTH_BACKENDS(f);
  for (const std::string& key : {std::string(), std::string(256, 'k')}) {
    const auto r = f.call(f.request("{}", key));
    CHECK(r.status == 400);
    CHECK(r.body.find("\"field\":\"Idempotency-Key\"") != std::string::npos);
  }
  CHECK(f.created() == 0);
  CHECK(f.call(f.request("{}", std::string(255, 'k'))).status == 201);
}

TEST_CASE("without the header every call creates", "[idempotency]") {
  BOTH_BACKENDS(f);
  f.call(f.request("{}", std::nullopt));
  f.call(f.request("{}", std::nullopt));
  CHECK(f.created() == 2);
}

TEST_CASE("failures are not kept: a retry after a 4xx/5xx runs again", "[idempotency]") {
  BOTH_BACKENDS(f);
  int runs = 0;
  const auto req = f.request(R"({"a":1})");
  const auto failing = idempotent(f.store(), req, kNow, [&](IdempotentWrite&) {
    ++runs;
    return Response::json(422, R"({"code":"validation_failed"})");
  });
  CHECK(failing.status == 422);
  CHECK_FALSE(f.store().find("user:7 /api/v1/things", "k-1"));
  const auto retry = f.call(req);
  CHECK(retry.status == 201);
  CHECK(runs == 1);
  CHECK(f.created() == 1);
}

TEST_CASE("different callers and routes with the same key are independent", "[idempotency]") {
  BOTH_BACKENDS(f);
  CHECK(f.call(f.request(R"({"a":1})", "k", "user:7")).body == R"({"id":1})");
  CHECK(f.call(f.request(R"({"a":2})", "k", "user:8")).body == R"({"id":2})");
  auto anonymous = f.request(R"({"a":3})", "k", "");
  CHECK(f.call(anonymous).body == R"({"id":3})");
  CHECK(f.store().find("anonymous:10.0.0.9 /api/v1/things", "k"));
  auto other_route = f.request(R"({"a":4})", "k", "user:7");
  other_route.route = "/api/v1/others";
  CHECK(f.call(other_route).body == R"({"id":4})");
  CHECK(f.created() == 4);
  // An explicit caller replaces the derived one (e.g. an address resolved behind trusted proxies).
  const auto explicit_caller =
      idempotent(f.store(), anonymous, "anonymous:192.0.2.1", kNow,
                 [&](IdempotentWrite& keyed) { return f.main.create(keyed, anonymous); });
  CHECK(explicit_caller.body == R"({"id":5})");
}

TEST_CASE("concurrent calls with the same key create once and all get the same answer", "[idempotency]") {
  BOTH_BACKENDS(f);
  constexpr int kThreads = 8;
  std::vector<Response> responses(kThreads);
  std::vector<std::thread> threads;
  std::latch start(kThreads);
  const auto req = f.request(R"({"a":1})");
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      // Every thread passes the first lookup before any commits: the claim alone must hold.
      responses[i] = idempotent(f.store(), req, kNow, [&](IdempotentWrite& keyed) {
        return f.main.create(keyed, req, [&] { start.arrive_and_wait(); });
      });
    });
  }
  for (auto& t : threads) t.join();
  CHECK(f.created() == 1);
  for (const auto& r : responses) {
    CHECK(r.status == 201);
    CHECK(r.body == R"({"id":1})");
  }
}

// Issue 8: two replicas of a service on one database receive the same key at once.
TEST_CASE("two instances on one database with the same key at once: one execution, the same answer twice",
          "[idempotency]") {
  BOTH_BACKENDS(f);
  Instance other(f.scratch);
  constexpr int kRounds = 10;
  for (int round = 0; round < kRounds; ++round) {
    const auto req = f.request(R"({"round":)" + std::to_string(round) + "}", "key-" + std::to_string(round));
    std::latch start(2);
    Response a, b;
    auto run = [&](Instance& instance, Response& out) {
      out = idempotent(*instance.store, req, kNow, [&](IdempotentWrite& keyed) {
        return instance.create(keyed, req, [&] { start.arrive_and_wait(); });
      });
    };
    std::thread ta([&] { run(f.main, a); });
    std::thread tb([&] { run(other, b); });
    ta.join();
    tb.join();
    CAPTURE(round);
    CHECK(a.status == 201);
    CHECK(b.status == 201);
    CHECK(a.body == b.body);
    CHECK(f.created() == round + 1);
  }
}

// Issue 8 item 5: the change and the key's record commit together, so a crash after the commit and before
// the answer cannot leave a row without its record (which made retries 409 instead of the original 201).
TEST_CASE("a crash between the commit and the answer: the retry gets the original answer", "[idempotency]") {
  BOTH_BACKENDS(f);
  const auto req = f.request(R"({"a":1})");
  CHECK_THROWS_WITH(idempotent(f.store(), req, kNow,
                               [&](IdempotentWrite& keyed) {
                                 keyed.after_commit = [] { throw std::runtime_error("killed after commit"); };
                                 return f.main.create(keyed, req);
                               }),
                    "killed after commit");
  const auto retry = f.call(req);
  CHECK(retry.status == 201);
  CHECK(retry.body == R"({"id":1})");
  CHECK(retry.headers.at("Location") == "/api/v1/things/1");
  CHECK(f.created() == 1);
}

TEST_CASE("a change that fails rolls back the key's claim with it", "[idempotency]") {
  BOTH_BACKENDS(f);
  const auto req = f.request(R"({"a":1})");
  CHECK_THROWS_AS(idempotent(f.store(), req, kNow,
                             [&](IdempotentWrite& keyed) {
                               return keyed
                                   .commit<long long>(
                                       *f.main.database, nullptr,
                                       [](db::Connection& c) -> long long {
                                         c.exec("INSERT INTO things(body) VALUES ('half')");
                                         throw std::invalid_argument("rule refused");
                                       },
                                       [](const long long&) { return Response::json(201, "{}"); })
                                   .response;
                             }),
                  std::invalid_argument);
  CHECK_FALSE(f.store().find("user:7 /api/v1/things", "k-1"));
  CHECK(f.created() == 0);
  CHECK(f.call(req).status == 201);
}

TEST_CASE("different keys do not wait for each other", "[idempotency]") {
  BOTH_BACKENDS(f);
  std::latch both_inside(2);
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i) {
    threads.emplace_back([&, i] {
      const auto req = f.request("{}", "key-" + std::to_string(i));
      // Each create waits until the other's is running too: with a lock across keys this would hang.
      idempotent(f.store(), req, kNow, [&](IdempotentWrite& keyed) {
        return f.main.create(keyed, req, [&] { both_inside.arrive_and_wait(); });
      });
    });
  }
  for (auto& t : threads) t.join();
  CHECK(f.created() == 2);
}

TEST_CASE("purge_before removes old records only", "[idempotency]") {
  BOTH_BACKENDS(f);
  f.call(f.request("{}", "old"));
  f.call(f.request("{}", "new"), "2026-11-24T09:00:00Z");
  CHECK(f.store().purge_before("2026-11-24T00:00:00Z") == 1);
  CHECK_FALSE(f.store().find("user:7 /api/v1/things", "old"));
  CHECK(f.store().find("user:7 /api/v1/things", "new"));
}

}  // namespace portal::http

namespace portal::http {

TEST_CASE("a key is kept for 24 hours: at 24 h it replays, after that the request runs again",
          "[idempotency]") {
  struct Row {
    std::string_view retry_at;
    bool replayed;
  };
  const Row rows[] = {
      {"2026-11-23T09:00:01Z", true},   // a second later
      {"2026-11-24T08:59:59Z", true},   // just inside the day
      {"2026-11-24T09:00:00Z", true},   // exactly 24 h: still kept
      {"2026-11-24T09:00:01Z", false},  // expired: runs again
      {"2026-12-01T00:00:00Z", false},
  };
  const auto backend = GENERATE(from_range(db::testing::backends()));
  CAPTURE(db::testing::backend_name(backend));
  for (const auto& row : rows) {
    CAPTURE(row.retry_at);
    StoreFixture f(backend);
    f.call(f.request(R"({"a":1})"));  // at kNow, 2026-11-23T09:00:00Z
    const auto again = f.call(f.request(R"({"a":1})"), row.retry_at);
    CHECK(f.created() == (row.replayed ? 1 : 2));
    CHECK(again.body == (row.replayed ? R"({"id":1})" : R"({"id":2})"));
  }
}

TEST_CASE("an expired key may carry another body, and its new response replaces the old one",
          "[idempotency]") {
  BOTH_BACKENDS(f);
  f.call(f.request(R"({"a":1})"));
  const auto later = "2026-11-25T10:00:00Z";
  const auto fresh = f.call(f.request(R"({"a":2})"), later);
  CHECK(fresh.status == 201);  // not 409: the old use of the key has expired
  const auto kept = f.store().find("user:7 /api/v1/things", "k-1");
  REQUIRE(kept);
  CHECK(kept->created_at == later);
  CHECK(kept->body == R"({"id":2})");
  // Within the new record's day it replays that one.
  const auto replay = f.call(f.request(R"({"a":2})"), "2026-11-25T11:00:00Z");
  CHECK(replay.body == R"({"id":2})");
  CHECK(f.created() == 2);
}

TEST_CASE("every purge_every_saves-th save deletes the expired records", "[idempotency]") {
  BOTH_BACKENDS(f);
  f.main.store =
      std::make_unique<IdempotencyStore>(*f.main.database, IdempotencyOptions{std::chrono::hours(24), 3});
  for (int i = 0; i < 3; ++i)
    f.call(f.request("{}", "day1-" + std::to_string(i)));  // kNow; 3rd save purges nothing
  CHECK(f.store().find("user:7 /api/v1/things", "day1-0"));
  const auto next_week = "2026-11-30T09:00:00Z";
  for (int i = 0; i < 2; ++i) f.call(f.request("{}", "day8-" + std::to_string(i)), next_week);
  CHECK(f.store().find("user:7 /api/v1/things", "day1-0"));  // 5 saves: not yet
  f.call(f.request("{}", "day8-2"), next_week);
  for (int i = 0; i < 3; ++i)
    CHECK_FALSE(f.store().find("user:7 /api/v1/things", "day1-" + std::to_string(i)));
  for (int i = 0; i < 3; ++i) CHECK(f.store().find("user:7 /api/v1/things", "day8-" + std::to_string(i)));
}

}  // namespace portal::http

namespace portal::http {

TEST_CASE("a non-2xx answer built inside the transaction keeps nothing: neither the change nor the key",
          "[idempotency]") {
  BOTH_BACKENDS(f);
  const auto req = f.request(R"({"a":1})");
  const auto refused = idempotent(f.store(), req, kNow, [&](IdempotentWrite& keyed) {
    return keyed
        .commit<long long>(
            *f.main.database, nullptr,
            [&](db::Connection& c) {
              return *c.query_int64("INSERT INTO things(body) VALUES ('x') RETURNING id");
            },
            [](const long long&) { return Response::json(422, R"({"code":"refused"})"); })
        .response;
  });
  CHECK(refused.status == 422);
  CHECK(f.created() == 0);
  CHECK_FALSE(f.store().find("user:7 /api/v1/things", "k-1"));
  CHECK(f.call(req).status == 201);  // the retry runs, it is not a replay of a status-0 claim
}

}  // namespace portal::http
