// SPEC §2 Idempotency-Key, as every service gets it from libs/http (issue 4), on a real SQLite file.
#include "portal/http/idempotency.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <random>
#include <thread>
#include <vector>

namespace portal::http {
namespace {

constexpr std::string_view kNow = "2026-11-23T09:00:00Z";

struct StoreFixture {
  std::filesystem::path dir;
  std::unique_ptr<db::Database> database;
  std::unique_ptr<IdempotencyStore> store;
  int created = 0;

  StoreFixture() {
    std::random_device rd;
    dir = std::filesystem::temp_directory_path() /
          ("portal-idem-" + std::to_string(rd()) + std::to_string(rd()));
    database = db::Database::open({(dir / "idem.db").string()},
                                  {{1, "idempotency", std::string(kIdempotencyKeysDdl)}});
    store = std::make_unique<IdempotencyStore>(*database);
  }
  ~StoreFixture() {
    store.reset();
    database.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
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

  Response created_response() {
    ++created;
    return Response::json(201, R"({"id":)" + std::to_string(created) + "}")
        .with_header("Location", "/api/v1/things/" + std::to_string(created));
  }

  Response call(const Request& req) {
    return idempotent(*store, req, kNow, [&] { return created_response(); });
  }
};

}  // namespace

TEST_CASE("a retry with the same key and body replays the first response", "[idempotency]") {
  StoreFixture f;
  const auto first = f.call(f.request(R"({"a":1})"));
  const auto again = f.call(f.request(R"({"a":1})"));
  CHECK(f.created == 1);
  CHECK(again.status == 201);
  CHECK(again.body == first.body);
  CHECK(again.content_type == first.content_type);
  REQUIRE(again.headers.count("Location") == 1);
  CHECK(again.headers.at("Location") == "/api/v1/things/1");
}

TEST_CASE("the same key with another body is 409 idempotency_key_reused", "[idempotency]") {
  StoreFixture f;
  f.call(f.request(R"({"a":1})"));
  const auto reused = f.call(f.request(R"({"a":2})"));
  CHECK(reused.status == 409);
  CHECK(reused.content_type == "application/problem+json");
  CHECK(reused.body.find("idempotency_key_reused") != std::string::npos);
  CHECK(f.created == 1);
}

TEST_CASE("an empty or too long key is 400 naming Idempotency-Key", "[idempotency]") {
  StoreFixture f;
  for (const std::string& key : {std::string(), std::string(256, 'k')}) {
    const auto r = f.call(f.request("{}", key));
    CHECK(r.status == 400);
    CHECK(r.body.find("\"field\":\"Idempotency-Key\"") != std::string::npos);
  }
  CHECK(f.created == 0);
  CHECK(f.call(f.request("{}", std::string(255, 'k'))).status == 201);
}

TEST_CASE("without the header every call creates", "[idempotency]") {
  StoreFixture f;
  f.call(f.request("{}", std::nullopt));
  f.call(f.request("{}", std::nullopt));
  CHECK(f.created == 2);
}

TEST_CASE("failures are not kept: a retry after a 4xx/5xx runs again", "[idempotency]") {
  StoreFixture f;
  int runs = 0;
  const auto req = f.request(R"({"a":1})");
  const auto failing = idempotent(*f.store, req, kNow, [&] {
    ++runs;
    return Response::json(422, R"({"code":"validation_failed"})");
  });
  CHECK(failing.status == 422);
  CHECK_FALSE(f.store->find("user:7 /api/v1/things", "k-1"));
  const auto retry = f.call(req);
  CHECK(retry.status == 201);
  CHECK(runs == 1);
  CHECK(f.created == 1);
}

TEST_CASE("different callers and routes with the same key are independent", "[idempotency]") {
  StoreFixture f;
  CHECK(f.call(f.request(R"({"a":1})", "k", "user:7")).body == R"({"id":1})");
  CHECK(f.call(f.request(R"({"a":2})", "k", "user:8")).body == R"({"id":2})");
  auto anonymous = f.request(R"({"a":3})", "k", "");
  CHECK(f.call(anonymous).body == R"({"id":3})");
  CHECK(f.store->find("anonymous:10.0.0.9 /api/v1/things", "k"));
  auto other_route = f.request(R"({"a":4})", "k", "user:7");
  other_route.route = "/api/v1/others";
  CHECK(f.call(other_route).body == R"({"id":4})");
  CHECK(f.created == 4);
  // An explicit caller replaces the derived one (e.g. an address resolved behind trusted proxies).
  const auto explicit_caller =
      idempotent(*f.store, anonymous, "anonymous:192.0.2.1", kNow, [&] { return f.created_response(); });
  CHECK(explicit_caller.body == R"({"id":5})");
}

TEST_CASE("concurrent calls with the same key create once and all get the same answer", "[idempotency]") {
  StoreFixture f;
  std::atomic<int> runs{0};
  std::atomic<int> inside{0};
  std::atomic<int> max_inside{0};
  constexpr int kThreads = 8;
  std::vector<Response> responses(kThreads);
  std::vector<std::thread> threads;
  const auto req = f.request(R"({"a":1})");
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      responses[i] = idempotent(*f.store, req, kNow, [&] {
        const int now_inside = ++inside;
        max_inside = std::max(max_inside.load(), now_inside);
        std::this_thread::sleep_for(std::chrono::milliseconds(50));  // widen the race window
        const int n = ++runs;
        --inside;
        return Response::json(201, R"({"id":)" + std::to_string(n) + "}");
      });
    });
  }
  for (auto& t : threads) t.join();
  CHECK(runs == 1);
  CHECK(max_inside == 1);
  for (const auto& r : responses) {
    CHECK(r.status == 201);
    CHECK(r.body == R"({"id":1})");
  }
}

TEST_CASE("different keys do not wait for each other", "[idempotency]") {
  StoreFixture f;
  std::atomic<int> inside{0};
  std::atomic<bool> overlapped{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i) {
    threads.emplace_back([&, i] {
      const auto req = f.request("{}", "key-" + std::to_string(i));
      idempotent(*f.store, req, kNow, [&] {
        ++inside;
        // Wait (bounded) for the other key's create to be running at the same time.
        for (int spin = 0; spin < 200 && inside.load() < 2; ++spin)
          std::this_thread::sleep_for(std::chrono::milliseconds(5));
        if (inside.load() == 2) overlapped = true;
        return Response::json(201, "{}");
      });
    });
  }
  for (auto& t : threads) t.join();
  CHECK(overlapped);
}

TEST_CASE("purge_before removes old records only", "[idempotency]") {
  StoreFixture f;
  f.call(f.request("{}", "old"));
  idempotent(*f.store, f.request("{}", "new"), "2026-11-24T09:00:00Z", [&] { return f.created_response(); });
  CHECK(f.store->purge_before("2026-11-24T00:00:00Z") == 1);
  CHECK_FALSE(f.store->find("user:7 /api/v1/things", "old"));
  CHECK(f.store->find("user:7 /api/v1/things", "new"));
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
  for (const auto& row : rows) {
    CAPTURE(row.retry_at);
    StoreFixture f;
    f.call(f.request(R"({"a":1})"));  // at kNow, 2026-11-23T09:00:00Z
    const auto again =
        idempotent(*f.store, f.request(R"({"a":1})"), row.retry_at, [&] { return f.created_response(); });
    CHECK(f.created == (row.replayed ? 1 : 2));
    CHECK(again.body == (row.replayed ? R"({"id":1})" : R"({"id":2})"));
  }
}

TEST_CASE("an expired key may carry another body, and its new response replaces the old one",
          "[idempotency]") {
  StoreFixture f;
  f.call(f.request(R"({"a":1})"));
  const auto later = "2026-11-25T10:00:00Z";
  const auto fresh =
      idempotent(*f.store, f.request(R"({"a":2})"), later, [&] { return f.created_response(); });
  CHECK(fresh.status == 201);  // not 409: the old use of the key has expired
  const auto kept = f.store->find("user:7 /api/v1/things", "k-1");
  REQUIRE(kept);
  CHECK(kept->created_at == later);
  CHECK(kept->body == R"({"id":2})");
  // Within the new record's day it replays that one.
  const auto replay = idempotent(*f.store, f.request(R"({"a":2})"), "2026-11-25T11:00:00Z",
                                 [&] { return f.created_response(); });
  CHECK(replay.body == R"({"id":2})");
  CHECK(f.created == 2);
}

TEST_CASE("every purge_every_saves-th save deletes the expired records", "[idempotency]") {
  StoreFixture f;
  f.store = std::make_unique<IdempotencyStore>(*f.database, IdempotencyOptions{std::chrono::hours(24), 3});
  for (int i = 0; i < 3; ++i)
    f.call(f.request("{}", "day1-" + std::to_string(i)));  // kNow; 3rd save purges nothing
  CHECK(f.store->find("user:7 /api/v1/things", "day1-0"));
  const auto next_week = "2026-11-30T09:00:00Z";
  for (int i = 0; i < 2; ++i)
    idempotent(*f.store, f.request("{}", "day8-" + std::to_string(i)), next_week,
               [&] { return f.created_response(); });
  CHECK(f.store->find("user:7 /api/v1/things", "day1-0"));  // 5 saves: not yet
  idempotent(*f.store, f.request("{}", "day8-2"), next_week, [&] { return f.created_response(); });
  for (int i = 0; i < 3; ++i)
    CHECK_FALSE(f.store->find("user:7 /api/v1/things", "day1-" + std::to_string(i)));
  for (int i = 0; i < 3; ++i) CHECK(f.store->find("user:7 /api/v1/things", "day8-" + std::to_string(i)));
}

}  // namespace portal::http
