#include <atomic>
#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

#include "portal/db/database.hpp"
#include "portal/db/testing/test_database.hpp"

using portal::db::Connection;
using portal::db::Database;
using portal::db::testing::backend_name;
using portal::db::testing::backends;
using portal::db::testing::TestDatabase;

TEST_CASE("every backend: concurrent readers and writers from several threads do not error") {
  const auto backend = GENERATE(from_range(backends()));
  CAPTURE(backend_name(backend));
  TestDatabase scratch(backend);
  portal::db::DatabaseOptions options;
  options.read_connections = 2;  // fewer connections than reader threads: the pool must make them wait
  options.write_connections = 2;
  auto db =
      scratch.open({{1, "t", "CREATE TABLE events(id INTEGER PRIMARY KEY, n INTEGER NOT NULL);"}}, options);

  constexpr int kWriters = 3;
  constexpr int kWritesEach = 40;
  constexpr int kReaders = 5;
  std::atomic<int> errors{0};
  std::atomic<bool> writers_done{false};
  std::atomic<long long> reads{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < kWritesEach; ++i) {
        try {
          db->write([&](Connection& c) { c.exec("INSERT INTO events(n) VALUES (?)", {w * 1000 + i}); });
        } catch (const std::exception& e) {
          UNSCOPED_INFO(e.what());
          ++errors;
        }
      }
    });
  }
  for (int r = 0; r < kReaders; ++r) {
    threads.emplace_back([&] {
      long long last = 0;
      while (!writers_done) {
        try {
          const auto n =
              db->read([](Connection& c) { return *c.query_int64("SELECT COUNT(*) FROM events"); });
          if (n < last) ++errors;  // committed rows never disappear
          last = n;
          ++reads;
        } catch (const std::exception& e) {
          UNSCOPED_INFO(e.what());
          ++errors;
        }
      }
    });
  }
  for (int w = 0; w < kWriters; ++w) threads[static_cast<std::size_t>(w)].join();
  writers_done = true;
  for (std::size_t t = kWriters; t < threads.size(); ++t) threads[t].join();

  CHECK(errors == 0);
  CHECK(reads > 0);
  CHECK(db->read([](Connection& c) { return *c.query_int64("SELECT COUNT(*) FROM events"); }) ==
        kWriters * kWritesEach);
}

TEST_CASE(
    "every backend: a second Database on the same data (another replica's view) sees committed writes") {
  const auto backend = GENERATE(from_range(backends()));
  CAPTURE(backend_name(backend));
  TestDatabase scratch(backend);
  const portal::db::Migrations schema = {{1, "t", "CREATE TABLE kv(k TEXT PRIMARY KEY, v TEXT);"}};
  auto a = scratch.open(schema);
  auto b = scratch.open(schema);
  a->write([](Connection& c) { c.exec("INSERT INTO kv VALUES ('k', 'v')"); });
  CHECK(b->read([](Connection& c) { return c.query_text("SELECT v FROM kv WHERE k = 'k'"); }) == "v");
}
