#include "portal/db/group_commit.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <iostream>
#include <latch>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "portal/db/testing/test_database.hpp"

using portal::db::Connection;
using portal::db::Database;
using portal::db::Dialect;
using portal::db::GroupCommitter;
using portal::db::testing::backend_name;
using portal::db::testing::backends;
using portal::db::testing::TestDatabase;

namespace {

const portal::db::Migrations kSchema = {
    {1, "items", "CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"}};

long long insert(Connection& c, const std::string& name) {
  return *c.query_int64("INSERT INTO items(name) VALUES (?) RETURNING id", {name});
}

long long count(Database& db) {
  return db.read([](Connection& c) { return *c.query_int64("SELECT COUNT(*) FROM items"); });
}

}  // namespace

TEST_CASE("every backend: 200 concurrent submits all commit, in far fewer transactions than jobs") {
  const auto backend = GENERATE(from_range(backends()));
  CAPTURE(backend_name(backend));
  TestDatabase scratch(backend);
  auto db = scratch.open(kSchema);
  constexpr int kJobs = 200;
  std::atomic<int> failures{0};
  {
    GroupCommitter committer(*db);
    std::latch start(kJobs);
    std::vector<std::thread> threads;
    for (int i = 0; i < kJobs; ++i) {
      threads.emplace_back([&, i] {
        start.arrive_and_wait();
        try {
          const auto id =
              committer.run([&](Connection& c) { return insert(c, "item-" + std::to_string(i)); });
          if (id <= 0) ++failures;
        } catch (const std::exception&) {
          ++failures;
        }
      });
    }
    for (auto& t : threads) t.join();
    CHECK(failures == 0);
    CHECK(committer.jobs() == kJobs);
    if (backend == Dialect::sqlite) {
      // One fsync per request would be 200 transactions; batching must at least halve it.
      CHECK(committer.transactions() <= kJobs / 2);
    } else {
      CHECK(committer.transactions() == kJobs);  // each on its own connection; the server groups the flushes
    }
    CHECK(count(*db) == kJobs);
  }
  // Durable: a fresh open of the file sees every acknowledged row.
  db.reset();
  auto reopened = scratch.open(kSchema);
  CHECK(count(*reopened) == kJobs);
}

TEST_CASE(
    "every backend: a failing job is rolled back alone; its caller gets the exception and the batch "
    "commits") {
  const auto backend = GENERATE(from_range(backends()));
  CAPTURE(backend_name(backend));
  TestDatabase scratch(backend);
  auto db = scratch.open(kSchema);
  GroupCommitter committer(*db);
  committer.run([](Connection& c) { return insert(c, "taken"); });

  // Queue several jobs at once so they share a transaction: good, duplicate, half-done-then-throw, good.
  auto a = committer.submit<long long>([](Connection& c) { return insert(c, "a"); });
  auto dup = committer.submit<long long>([](Connection& c) { return insert(c, "taken"); });
  auto partial = committer.submit<void>([](Connection& c) {
    insert(c, "partial");
    throw std::invalid_argument("business rule refused");
  });
  auto b = committer.submit<long long>([](Connection& c) { return insert(c, "b"); });

  CHECK(a.get() > 0);
  CHECK_THROWS_AS(dup.get(), portal::db::UniqueViolation);
  CHECK_THROWS_WITH(partial.get(), "business rule refused");
  CHECK(b.get() > 0);
  CHECK(count(*db) == 3);  // taken, a, b — "partial" was undone with its savepoint
  CHECK(db->read([](Connection& c) {
    return *c.query_int64("SELECT COUNT(*) FROM items WHERE name = 'partial'");
  }) == 0);
}

TEST_CASE("every backend: exceptions of any type propagate through run()") {
  const auto backend = GENERATE(from_range(backends()));
  CAPTURE(backend_name(backend));
  TestDatabase scratch(backend);
  auto db = scratch.open(kSchema);
  GroupCommitter committer(*db);
  struct Custom {
    int code;
  };
  try {
    committer.run([](Connection&) -> int { throw Custom{42}; });
    FAIL("expected an exception");
  } catch (const Custom& c) {
    CHECK(c.code == 42);
  }
  CHECK(committer.run([](Connection& c) { return insert(c, "after"); }) > 0);
}

TEST_CASE("every backend: plain Database::write keeps working alongside batches") {
  const auto backend = GENERATE(from_range(backends()));
  CAPTURE(backend_name(backend));
  TestDatabase scratch(backend);
  auto db = scratch.open(kSchema);
  GroupCommitter committer(*db);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        const auto name = std::to_string(t) + "-" + std::to_string(i);
        if (t % 2 == 0) {
          committer.run([&](Connection& c) { return insert(c, "gc-" + name); });
        } else {
          db->write([&](Connection& c) { return insert(c, "w-" + name); });
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(count(*db) == 100);
}

TEST_CASE("every backend: the destructor commits what was queued before returning") {
  const auto backend = GENERATE(from_range(backends()));
  CAPTURE(backend_name(backend));
  TestDatabase scratch(backend);
  auto db = scratch.open(kSchema);
  std::vector<std::future<long long>> futures;
  {
    GroupCommitter committer(*db, {.max_jobs_per_transaction = 3});
    for (int i = 0; i < 10; ++i) {
      futures.push_back(
          committer.submit<long long>([i](Connection& c) { return insert(c, "q" + std::to_string(i)); }));
    }
  }
  for (auto& f : futures) CHECK(f.get() > 0);
  CHECK(count(*db) == 10);
}

// Not a unit test: `db_test "[.bench]"` prints commits/s with synchronous=FULL, one job per commit
// versus group commit, for docs/performance.md.
TEST_CASE("group commit throughput with synchronous=FULL", "[.bench]") {
  TestDatabase scratch(Dialect::sqlite);
  auto db = scratch.open(kSchema);
  constexpr int kThreads = 64;
  constexpr int kEach = 100;
  auto measure = [&](const char* label, const std::function<void(int, int)>& one) {
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kEach; ++i) one(t, i);
      });
    }
    for (auto& th : threads) th.join();
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cout << label << ": " << static_cast<long long>(kThreads * kEach / s) << " writes/s\n";
  };
  measure("Database::write, one commit each", [&](int t, int i) {
    db->write([&](Connection& c) { return insert(c, "w" + std::to_string(t) + "-" + std::to_string(i)); });
  });
  GroupCommitter committer(*db);
  measure("GroupCommitter", [&](int t, int i) {
    committer.run(
        [&](Connection& c) { return insert(c, "g" + std::to_string(t) + "-" + std::to_string(i)); });
  });
  std::cout << "jobs per transaction: "
            << static_cast<double>(committer.jobs()) / static_cast<double>(committer.transactions()) << "\n";
}
