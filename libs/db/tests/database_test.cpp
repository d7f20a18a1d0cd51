#include <catch2/catch.hpp>

#include <stdexcept>

#include "portal/db/database.hpp"
#include "temp_dir.hpp"

using portal::db::Database;
using portal::db::DatabaseOptions;
using portal::db::testing::TempDir;

namespace {

const portal::db::Migrations kSchema = {
    {1, "schema",
     "CREATE TABLE parents(id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
     "CREATE TABLE children(id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parents(id));"}};

struct Pragmas {
  std::string journal_mode;
  int synchronous;
  int foreign_keys;
  int busy_timeout;
};

Pragmas pragmas(SQLite::Database& c) {
  return {c.execAndGet("PRAGMA journal_mode").getString(), c.execAndGet("PRAGMA synchronous").getInt(),
          c.execAndGet("PRAGMA foreign_keys").getInt(), c.execAndGet("PRAGMA busy_timeout").getInt()};
}

}  // namespace

TEST_CASE("every connection has WAL, synchronous=FULL, foreign keys and the busy timeout") {
  TempDir dir;
  DatabaseOptions options{dir.file("svc.db")};
  options.busy_timeout_ms = 1234;
  options.read_connections = 3;
  auto db = Database::open(options, kSchema);
  auto check = [](const Pragmas& p) {
    CHECK(p.journal_mode == "wal");
    CHECK(p.synchronous == 2);  // FULL
    CHECK(p.foreign_keys == 1);
    CHECK(p.busy_timeout == 1234);
  };
  check(db->write([](SQLite::Database& c) { return pragmas(c); }));
  for (int i = 0; i < 3; ++i) check(db->read([](SQLite::Database& c) { return pragmas(c); }));
}

TEST_CASE("readers are read-only") {
  TempDir dir;
  auto db = Database::open({dir.file("svc.db")}, kSchema);
  CHECK_THROWS_AS(db->read([](SQLite::Database& c) { c.exec("INSERT INTO parents(name) VALUES ('x')"); }),
                  SQLite::Exception);
}

TEST_CASE("write commits, and reads see committed writes") {
  TempDir dir;
  auto db = Database::open({dir.file("svc.db")}, kSchema);
  const auto id = db->write([](SQLite::Database& c) {
    c.exec("INSERT INTO parents(name) VALUES ('IPS Demo')");
    return c.getLastInsertRowid();
  });
  CHECK(id == 1);
  CHECK(db->read([](SQLite::Database& c) { return c.execAndGet("SELECT name FROM parents WHERE id = 1").getString(); }) ==
        "IPS Demo");
}

TEST_CASE("write rolls back everything when the function throws") {
  TempDir dir;
  auto db = Database::open({dir.file("svc.db")}, kSchema);
  CHECK_THROWS_WITH(db->write([](SQLite::Database& c) {
    c.exec("INSERT INTO parents(name) VALUES ('a')");
    c.exec("INSERT INTO parents(name) VALUES ('b')");
    throw std::runtime_error("business rule failed");
  }),
                    "business rule failed");
  CHECK(db->read([](SQLite::Database& c) { return c.execAndGet("SELECT COUNT(*) FROM parents").getInt(); }) == 0);
  // The writer is usable afterwards (no transaction left open).
  db->write([](SQLite::Database& c) { c.exec("INSERT INTO parents(name) VALUES ('c')"); });
  CHECK(db->read([](SQLite::Database& c) { return c.execAndGet("SELECT COUNT(*) FROM parents").getInt(); }) == 1);
}

TEST_CASE("foreign keys are enforced") {
  TempDir dir;
  auto db = Database::open({dir.file("svc.db")}, kSchema);
  CHECK_THROWS_AS(db->write([](SQLite::Database& c) { c.exec("INSERT INTO children(parent_id) VALUES (99)"); }),
                  SQLite::Exception);
  db->write([](SQLite::Database& c) {
    c.exec("INSERT INTO parents(id, name) VALUES (1, 'p')");
    c.exec("INSERT INTO children(parent_id) VALUES (1)");
  });
  CHECK_THROWS_AS(db->write([](SQLite::Database& c) { c.exec("DELETE FROM parents WHERE id = 1"); }), SQLite::Exception);
}

TEST_CASE("healthy and path") {
  TempDir dir;
  auto db = Database::open({dir.file("svc.db")}, kSchema);
  CHECK(db->healthy());
  CHECK(db->path() == dir.file("svc.db"));
  CHECK(db->schema_version() == 1);
}
