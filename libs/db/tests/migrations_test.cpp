#include <atomic>
#include <catch2/catch.hpp>
#include <latch>
#include <thread>

#include "portal/db/database.hpp"
#include "portal/db/testing/test_database.hpp"

using portal::db::Connection;
using portal::db::Database;
using portal::db::DatabaseOptions;
using portal::db::Dialect;
using portal::db::Migrations;
using portal::db::Row;
using portal::db::testing::backend_name;
using portal::db::testing::backends;
using portal::db::testing::TestDatabase;

namespace {

Migrations base_migrations() {
  return {{1, "users", "CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT NOT NULL);"},
          {2, "seed", "INSERT INTO users(name) VALUES ('a'); INSERT INTO users(name) VALUES ('b');"}};
}

long long count(Database& db, const char* table) {
  return db.read([&](Connection& c) { return *c.query_int64(std::string("SELECT COUNT(*) FROM ") + table); });
}

bool table_exists(Database& db, const std::string& table) {
  return db.read([&](Connection& c) {
    if (c.dialect() == Dialect::sqlite)
      return c.exists("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", {table});
    return c.exists(
        "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?",
        {table});
  });
}

}  // namespace

TEST_CASE("every backend: migrations apply once, in order, and reopening does nothing") {
  const auto backend = GENERATE(from_range(backends()));
  CAPTURE(backend_name(backend));
  TestDatabase scratch(backend);
  {
    auto db = scratch.open(base_migrations());
    CHECK(db->schema_version() == 2);
    CHECK(count(*db, "users") == 2);
    CHECK(count(*db, "schema_migrations") == 2);
  }
  auto db = scratch.open(base_migrations());
  CHECK(db->schema_version() == 2);
  CHECK(count(*db, "users") == 2);  // the seed did not run twice
  const auto names = db->read([](Connection& c) {
    return c.query_all("SELECT version, name, applied_at FROM schema_migrations ORDER BY version", {},
                       [](const Row& r) {
                         return std::to_string(r.int64(0)) + r.text(1) + (r.text(2).empty() ? "!" : ";");
                       });
  });
  CHECK(names == std::vector<std::string>{"1users;", "2seed;"});
}

TEST_CASE("SQLite: parent directories of the file are created") {
  TestDatabase scratch(Dialect::sqlite);
  auto db =
      Database::open({"sqlite:" + (scratch.dir() / "nested/deeper/svc.db").string()}, base_migrations());
  CHECK(db->schema_version() == 2);
}

TEST_CASE("every backend: a new migration is applied on the next start; the listed order does not matter") {
  const auto backend = GENERATE(from_range(backends()));
  CAPTURE(backend_name(backend));
  TestDatabase scratch(backend);
  scratch.open(base_migrations());
  Migrations more = {{3, "emails", "ALTER TABLE users ADD COLUMN email TEXT;"}};
  for (auto& m : base_migrations()) more.push_back(m);
  auto db = scratch.open(more);
  CHECK(db->schema_version() == 3);
  CHECK(count(*db, "users") == 2);
  db->write([](Connection& c) { c.exec("UPDATE users SET email = 'x@y.co'"); });
}

TEST_CASE("every backend: a failing migration is rolled back whole and reported") {
  const auto backend = GENERATE(from_range(backends()));
  CAPTURE(backend_name(backend));
  TestDatabase scratch(backend);
  Migrations bad = base_migrations();
  bad.push_back({3, "broken", "CREATE TABLE t3(x INTEGER); INSERT INTO nowhere VALUES (1);"});
  try {
    scratch.open(bad);
    FAIL("expected an exception");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find("migration 3 (broken) failed") != std::string::npos);
  }
  auto db = scratch.open(base_migrations());
  CHECK(db->schema_version() == 2);  // 1 and 2 stayed applied
  CHECK_FALSE(table_exists(*db, "t3"));
  CHECK(table_exists(*db, "users"));
}

TEST_CASE("every backend: a database newer than the binary is refused with a clear message") {
  const auto backend = GENERATE(from_range(backends()));
  CAPTURE(backend_name(backend));
  TestDatabase scratch(backend);
  Migrations newer = base_migrations();
  newer.push_back({3, "future", "CREATE TABLE future(x INTEGER);"});
  scratch.open(newer);
  try {
    scratch.open(base_migrations());
    FAIL("expected an exception");
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    CHECK(what.find("schema version 3") != std::string::npos);
    CHECK(what.find("newest migration 2") != std::string::npos);
  }
}

TEST_CASE("duplicate migration versions are refused") {
  TestDatabase scratch(Dialect::sqlite);
  Migrations dup = base_migrations();
  dup.push_back({2, "again", "SELECT 1;"});
  CHECK_THROWS_WITH(scratch.open(dup), Catch::Contains("appears twice"));
}

TEST_CASE("a PostgreSQL-only migration text replaces the shared one on PostgreSQL only") {
  const auto backend = GENERATE(from_range(backends()));
  CAPTURE(backend_name(backend));
  TestDatabase scratch(backend);
  auto db = scratch.open({{1, "t", "CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1);",
                           "CREATE TABLE t(x BIGINT); INSERT INTO t VALUES (2);"}});
  CHECK(db->read([](Connection& c) { return c.query_int64("SELECT x FROM t"); }) ==
        (backend == Dialect::sqlite ? 1 : 2));
}

// Issue 8: replicas start at the same moment on one empty database; the schema is created once and all
// of them come up.
TEST_CASE("every backend: several instances migrating one empty database at once all come up") {
  const auto backend = GENERATE(from_range(backends()));
  CAPTURE(backend_name(backend));
  TestDatabase scratch(backend);
  constexpr int kInstances = 4;
  std::latch start(kInstances);
  std::atomic<int> failures{0};
  std::vector<std::unique_ptr<Database>> opened(kInstances);
  std::vector<std::thread> threads;
  for (int i = 0; i < kInstances; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      try {
        opened[static_cast<std::size_t>(i)] = scratch.open(base_migrations());
      } catch (const std::exception& e) {
        UNSCOPED_INFO("instance " << i << ": " << e.what());
        ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(failures == 0);
  for (auto& db : opened) {
    REQUIRE(db);
    CHECK(db->schema_version() == 2);
  }
  CHECK(count(*opened[0], "users") == 2);  // the seed ran once
  CHECK(count(*opened[0], "schema_migrations") == 2);
}

TEST_CASE("database URLs that cannot work are refused") {
  for (const char* url : {"", ":memory:", "sqlite::memory:", "file:x.db", "mysql://h/db",
                          "postgresql://host-only", "sqlite:x.db?vfs=", "sqlite:?vfs=unix"}) {
    CAPTURE(url);
    CHECK_THROWS_AS(Database::open({url}, {}), std::invalid_argument);
  }
}

TEST_CASE(
    "an unreachable PostgreSQL server is Unavailable at open, with the password kept out of the message") {
  // Port 1 on loopback: nothing listens there.
  try {
    Database::open({"postgresql://portal:s3cret@127.0.0.1:1/portal?connect_timeout=2"}, {});
    FAIL("expected an exception");
  } catch (const portal::db::Unavailable& e) {
    CHECK(std::string(e.what()).find("s3cret") == std::string::npos);
  }
}
