#include <catch2/catch.hpp>

#include "portal/db/database.hpp"
#include "temp_dir.hpp"

using portal::db::Database;
using portal::db::DatabaseOptions;
using portal::db::Migrations;
using portal::db::testing::TempDir;

namespace {

Migrations base_migrations() {
  return {{1, "users", "CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT NOT NULL);"},
          {2, "seed", "INSERT INTO users(name) VALUES ('a'); INSERT INTO users(name) VALUES ('b');"}};
}

int count_users(Database& db) {
  return db.read([](SQLite::Database& c) { return c.execAndGet("SELECT COUNT(*) FROM users").getInt(); });
}

int count_migrations(Database& db) {
  return db.read([](SQLite::Database& c) { return c.execAndGet("SELECT COUNT(*) FROM schema_migrations").getInt(); });
}

}  // namespace

TEST_CASE("migrations apply once, in order, and reopening does nothing") {
  TempDir dir;
  const DatabaseOptions options{dir.file("nested/deeper/svc.db")};  // parent directories are created
  {
    auto db = Database::open(options, base_migrations());
    CHECK(db->schema_version() == 2);
    CHECK(count_users(*db) == 2);
    CHECK(count_migrations(*db) == 2);
  }
  {
    auto db = Database::open(options, base_migrations());
    CHECK(db->schema_version() == 2);
    CHECK(count_users(*db) == 2);  // the seed did not run twice
    auto names = db->read([](SQLite::Database& c) {
      SQLite::Statement q(c, "SELECT version, name, applied_at FROM schema_migrations ORDER BY version");
      std::string out;
      while (q.executeStep()) out += q.getColumn(0).getString() + q.getColumn(1).getString() + ";";
      return out;
    });
    CHECK(names == "1users;2seed;");
  }
}

TEST_CASE("a new migration is applied on the next start; the listed order does not matter") {
  TempDir dir;
  const DatabaseOptions options{dir.file("svc.db")};
  Database::open(options, base_migrations());
  Migrations more = {{3, "emails", "ALTER TABLE users ADD COLUMN email TEXT;"}};
  for (auto& m : base_migrations()) more.push_back(m);
  auto db = Database::open(options, more);
  CHECK(db->schema_version() == 3);
  CHECK(count_users(*db) == 2);
  db->write([](SQLite::Database& c) { c.exec("UPDATE users SET email = 'x@y.co'"); });
}

TEST_CASE("a failing migration is rolled back whole and reported") {
  TempDir dir;
  const DatabaseOptions options{dir.file("svc.db")};
  Migrations bad = base_migrations();
  bad.push_back({3, "broken", "CREATE TABLE t3(x INTEGER); INSERT INTO nowhere VALUES (1);"});
  try {
    Database::open(options, bad);
    FAIL("expected an exception");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find("migration 3 (broken) failed") != std::string::npos);
  }
  auto db = Database::open(options, base_migrations());
  CHECK(db->schema_version() == 2);  // 1 and 2 stayed applied
  CHECK(db->read([](SQLite::Database& c) { return c.tableExists("t3"); }) == false);
}

TEST_CASE("a database newer than the binary is refused with a clear message") {
  TempDir dir;
  const DatabaseOptions options{dir.file("svc.db")};
  Migrations newer = base_migrations();
  newer.push_back({3, "future", "CREATE TABLE future(x INTEGER);"});
  Database::open(options, newer);
  try {
    Database::open(options, base_migrations());
    FAIL("expected an exception");
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    CHECK(what.find("schema version 3") != std::string::npos);
    CHECK(what.find("newest migration 2") != std::string::npos);
  }
}

TEST_CASE("duplicate migration versions are refused") {
  TempDir dir;
  Migrations dup = base_migrations();
  dup.push_back({2, "again", "SELECT 1;"});
  CHECK_THROWS_WITH(Database::open({dir.file("svc.db")}, dup), Catch::Contains("appears twice"));
}

TEST_CASE("in-memory paths are refused because readers could not see the writer's data") {
  CHECK_THROWS(Database::open({":memory:"}, {}));
}
