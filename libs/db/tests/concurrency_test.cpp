#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "portal/db/database.hpp"
#include "temp_dir.hpp"

using portal::db::Database;
using portal::db::testing::TempDir;

TEST_CASE("concurrent readers and writers from several threads do not error") {
  TempDir dir;
  portal::db::DatabaseOptions options{dir.file("svc.db")};
  options.read_connections = 2;  // fewer connections than reader threads: the pool must make them wait
  auto db = Database::open(options, {{1, "t", "CREATE TABLE events(id INTEGER PRIMARY KEY, n INTEGER NOT NULL);"}});

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
          db->write([&](SQLite::Database& c) {
            SQLite::Statement insert(c, "INSERT INTO events(n) VALUES (?)");
            insert.bind(1, w * 1000 + i);
            insert.exec();
          });
        } catch (const std::exception&) {
          ++errors;
        }
      }
    });
  }
  for (int r = 0; r < kReaders; ++r) {
    threads.emplace_back([&] {
      int last = 0;
      while (!writers_done) {
        try {
          const int n = db->read([](SQLite::Database& c) { return c.execAndGet("SELECT COUNT(*) FROM events").getInt(); });
          if (n < last) ++errors;  // committed rows never disappear
          last = n;
          ++reads;
        } catch (const std::exception&) {
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
  CHECK(db->read([](SQLite::Database& c) { return c.execAndGet("SELECT COUNT(*) FROM events").getInt(); }) ==
        kWriters * kWritesEach);
}

TEST_CASE("a second Database on the same file (another process's view) sees committed writes") {
  TempDir dir;
  const portal::db::Migrations schema = {{1, "t", "CREATE TABLE kv(k TEXT PRIMARY KEY, v TEXT);"}};
  auto a = Database::open({dir.file("svc.db")}, schema);
  auto b = Database::open({dir.file("svc.db")}, schema);
  a->write([](SQLite::Database& c) { c.exec("INSERT INTO kv VALUES ('k', 'v')"); });
  CHECK(b->read([](SQLite::Database& c) { return c.execAndGet("SELECT v FROM kv WHERE k = 'k'").getString(); }) == "v");
}
