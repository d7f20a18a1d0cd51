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

#include "temp_dir.hpp"

using portal::db::Database;
using portal::db::GroupCommitter;
using portal::db::testing::TempDir;

namespace {

const portal::db::Migrations kSchema = {
    {1, "items", "CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"}};

long long insert(SQLite::Database& c, const std::string& name) {
  SQLite::Statement q(c, "INSERT INTO items(name) VALUES (?)");
  q.bind(1, name);
  q.exec();
  return c.getLastInsertRowid();
}

int count(Database& db) {
  return db.read([](SQLite::Database& c) { return c.execAndGet("SELECT COUNT(*) FROM items").getInt(); });
}

}  // namespace

TEST_CASE("200 concurrent submits all commit, in far fewer transactions than jobs") {
  TempDir dir;
  auto db = Database::open({dir.file("gc.db")}, kSchema);
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
              committer.run([&](SQLite::Database& c) { return insert(c, "item-" + std::to_string(i)); });
          if (id <= 0) ++failures;
        } catch (const std::exception&) {
          ++failures;
        }
      });
    }
    for (auto& t : threads) t.join();
    CHECK(failures == 0);
    CHECK(committer.jobs() == kJobs);
    // One fsync per request would be 200 transactions; batching must at least halve it.
    CHECK(committer.transactions() <= kJobs / 2);
    CHECK(count(*db) == kJobs);
  }
  // Durable: a fresh open of the file sees every acknowledged row.
  db.reset();
  auto reopened = Database::open({dir.file("gc.db")}, kSchema);
  CHECK(count(*reopened) == kJobs);
}

TEST_CASE("a failing job is rolled back alone; its caller gets the exception and the batch commits") {
  TempDir dir;
  auto db = Database::open({dir.file("gc.db")}, kSchema);
  GroupCommitter committer(*db);
  committer.run([](SQLite::Database& c) { return insert(c, "taken"); });

  // Queue several jobs at once so they share a transaction: good, duplicate, half-done-then-throw, good.
  auto a = committer.submit<long long>([](SQLite::Database& c) { return insert(c, "a"); });
  auto dup = committer.submit<long long>([](SQLite::Database& c) { return insert(c, "taken"); });
  auto partial = committer.submit<void>([](SQLite::Database& c) {
    insert(c, "partial");
    throw std::invalid_argument("business rule refused");
  });
  auto b = committer.submit<long long>([](SQLite::Database& c) { return insert(c, "b"); });

  CHECK(a.get() > 0);
  CHECK_THROWS_AS(dup.get(), SQLite::Exception);
  CHECK_THROWS_WITH(partial.get(), "business rule refused");
  CHECK(b.get() > 0);
  CHECK(count(*db) == 3);  // taken, a, b — "partial" was undone with its savepoint
  CHECK(db->read([](SQLite::Database& c) {
    return c.execAndGet("SELECT COUNT(*) FROM items WHERE name = 'partial'").getInt();
  }) == 0);
}

TEST_CASE("exceptions of any type propagate through run()") {
  TempDir dir;
  auto db = Database::open({dir.file("gc.db")}, kSchema);
  GroupCommitter committer(*db);
  struct Custom {
    int code;
  };
  try {
    committer.run([](SQLite::Database&) -> int { throw Custom{42}; });
    FAIL("expected an exception");
  } catch (const Custom& c) {
    CHECK(c.code == 42);
  }
  CHECK(committer.run([](SQLite::Database& c) { return insert(c, "after"); }) > 0);
}

TEST_CASE("plain Database::write keeps working alongside batches") {
  TempDir dir;
  auto db = Database::open({dir.file("gc.db")}, kSchema);
  GroupCommitter committer(*db);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        const auto name = std::to_string(t) + "-" + std::to_string(i);
        if (t % 2 == 0) {
          committer.run([&](SQLite::Database& c) { return insert(c, "gc-" + name); });
        } else {
          db->write([&](SQLite::Database& c) { return insert(c, "w-" + name); });
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(count(*db) == 100);
}

TEST_CASE("the destructor commits what was queued before returning") {
  TempDir dir;
  auto db = Database::open({dir.file("gc.db")}, kSchema);
  std::vector<std::future<long long>> futures;
  {
    GroupCommitter committer(*db, {.max_jobs_per_transaction = 3});
    for (int i = 0; i < 10; ++i) {
      futures.push_back(committer.submit<long long>(
          [i](SQLite::Database& c) { return insert(c, "q" + std::to_string(i)); }));
    }
  }
  for (auto& f : futures) CHECK(f.get() > 0);
  CHECK(count(*db) == 10);
}

// Not a unit test: `db_test "[.bench]"` prints commits/s with synchronous=FULL, one job per commit
// versus group commit, for docs/performance.md.
TEST_CASE("group commit throughput with synchronous=FULL", "[.bench]") {
  TempDir dir;
  auto db = Database::open({dir.file("bench.db")}, kSchema);
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
    db->write(
        [&](SQLite::Database& c) { return insert(c, "w" + std::to_string(t) + "-" + std::to_string(i)); });
  });
  GroupCommitter committer(*db);
  measure("GroupCommitter", [&](int t, int i) {
    committer.run(
        [&](SQLite::Database& c) { return insert(c, "g" + std::to_string(t) + "-" + std::to_string(i)); });
  });
  std::cout << "jobs per transaction: "
            << static_cast<double>(committer.jobs()) / static_cast<double>(committer.transactions()) << "\n";
}
