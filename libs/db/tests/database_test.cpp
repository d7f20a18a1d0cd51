#include "portal/db/database.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>

#include "portal/db/testing/test_database.hpp"

using portal::db::Connection;
using portal::db::Database;
using portal::db::DatabaseOptions;
using portal::db::Dialect;
using portal::db::Row;
using portal::db::testing::backend_name;
using portal::db::testing::backends;
using portal::db::testing::TestDatabase;

namespace {

const portal::db::Migrations kSchema = {
    {1, "schema",
     "CREATE TABLE parents(id INTEGER PRIMARY KEY, name TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1, "
     "score REAL, created_ms INTEGER);"
     "CREATE TABLE children(id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parents(id));"}};

long long count_parents(Database& db) {
  return db.read([](Connection& c) { return *c.query_int64("SELECT COUNT(*) FROM parents"); });
}

}  // namespace

TEST_CASE("SQLite connections have WAL, synchronous=FULL, foreign keys and the busy timeout") {
  TestDatabase scratch(Dialect::sqlite);
  DatabaseOptions options;
  options.busy_timeout_ms = 1234;
  options.read_connections = 3;
  auto db = scratch.open(kSchema, options);
  auto check = [](Connection& c) {
    CHECK(c.query_text("PRAGMA journal_mode") == "wal");
    CHECK(c.query_int64("PRAGMA synchronous") == 2);  // FULL
    CHECK(c.query_int64("PRAGMA foreign_keys") == 1);
    CHECK(c.query_int64("PRAGMA busy_timeout") == 1234);
  };
  db->write(check);
  for (int i = 0; i < 3; ++i) db->read(check);
}

TEST_CASE("PostgreSQL write connections commit synchronously; read connections are read-only") {
  TestDatabase scratch(Dialect::postgresql);
  auto db = scratch.open(kSchema);
  CHECK(db->write([](Connection& c) { return c.query_text("SHOW synchronous_commit"); }) == "on");
  CHECK(db->read([](Connection& c) { return c.query_text("SHOW default_transaction_read_only"); }) == "on");
}

TEST_CASE("every backend: readers cannot write") {
  const auto backend = GENERATE(from_range(backends()));
  CAPTURE(backend_name(backend));
  TestDatabase scratch(backend);
  auto db = scratch.open(kSchema);
  CHECK_THROWS_AS(db->read([](Connection& c) { c.exec("INSERT INTO parents(name) VALUES ('x')"); }),
                  portal::db::Error);
  CHECK(count_parents(*db) == 0);
}

TEST_CASE("every backend: write commits, RETURNING gives the id, and reads see committed writes") {
  const auto backend = GENERATE(from_range(backends()));
  CAPTURE(backend_name(backend));
  TestDatabase scratch(backend);
  auto db = scratch.open(kSchema);
  CHECK(db->dialect() == backend);
  const auto id = db->write([](Connection& c) {
    return *c.query_int64(
        "INSERT INTO parents(name, active, score, created_ms) VALUES (?, ?, ?, ?) RETURNING id",
        {"IPS Demo", false, 2.5, 1767225600000LL});
  });
  CHECK(id == 1);
  struct Parent {
    std::string name;
    bool active;
    double score;
    long long created_ms;
  };
  const auto p = db->read([&](Connection& c) {
    return c.query_one("SELECT name, active, score, created_ms FROM parents WHERE id = ?", {id},
                       [](const Row& r) {
                         return Parent{r.text(0), r.boolean(1), r.real(2), r.int64(3)};
                       });
  });
  REQUIRE(p);
  CHECK(p->name == "IPS Demo");
  CHECK_FALSE(p->active);
  CHECK(p->score == 2.5);
  CHECK(p->created_ms == 1767225600000LL);  // beyond 32 bits: INTEGER is 64-bit on both backends
  // NULLs both ways, UTF-8 text unchanged.
  db->write([](Connection& c) {
    c.exec("INSERT INTO parents(name, score) VALUES (?, ?)", {"Clínica Ñandú", std::optional<double>{}});
  });
  const auto rows = db->read([](Connection& c) {
    return c.query_all("SELECT name, score FROM parents WHERE score IS NULL ORDER BY id", {},
                       [](const Row& r) {
                         return std::pair{r.text(0), r.optional_text(1)};
                       });
  });
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].first == "Clínica Ñandú");
  CHECK_FALSE(rows[0].second);
  CHECK(db->write([](Connection& c) {
    return c.exec("UPDATE parents SET active = ? WHERE active = ?", {1, 1});
  }) == 1);
}

TEST_CASE("every backend: write rolls back everything when the function throws") {
  const auto backend = GENERATE(from_range(backends()));
  CAPTURE(backend_name(backend));
  TestDatabase scratch(backend);
  auto db = scratch.open(kSchema);
  CHECK_THROWS_WITH(db->write([](Connection& c) {
    c.exec("INSERT INTO parents(name) VALUES ('a')");
    c.exec("INSERT INTO parents(name) VALUES ('b')");
    throw std::runtime_error("business rule failed");
  }),
                    "business rule failed");
  CHECK(count_parents(*db) == 0);
  // The writer is usable afterwards (no transaction left open).
  db->write([](Connection& c) { c.exec("INSERT INTO parents(name) VALUES ('c')"); });
  CHECK(count_parents(*db) == 1);
}

TEST_CASE("every backend: foreign keys are enforced") {
  const auto backend = GENERATE(from_range(backends()));
  CAPTURE(backend_name(backend));
  TestDatabase scratch(backend);
  auto db = scratch.open(kSchema);
  CHECK_THROWS_AS(db->write([](Connection& c) { c.exec("INSERT INTO children(parent_id) VALUES (99)"); }),
                  portal::db::Error);
  db->write([](Connection& c) {
    const auto id = c.query_int64("INSERT INTO parents(name) VALUES ('p') RETURNING id");
    c.exec("INSERT INTO children(parent_id) VALUES (?)", {id});
  });
  CHECK_THROWS_AS(db->write([](Connection& c) { c.exec("DELETE FROM parents"); }), portal::db::Error);
}

TEST_CASE("every backend: after a failed statement the transaction is aborted unless it ran in a savepoint") {
  const auto backend = GENERATE(from_range(backends()));
  CAPTURE(backend_name(backend));
  TestDatabase scratch(backend);
  auto db = scratch.open({{1, "t", "CREATE TABLE kv(k TEXT PRIMARY KEY, v TEXT NOT NULL);"}});
  db->write([](Connection& c) { c.exec("INSERT INTO kv VALUES ('a', '1')"); });
  // Carrying on after a caught failure: refused on both backends (PostgreSQL's rule), nothing committed.
  CHECK_THROWS_AS(db->write([](Connection& c) {
    try {
      c.exec("INSERT INTO kv VALUES ('a', '2')");
    } catch (const portal::db::UniqueViolation&) {
    }
    c.exec("INSERT INTO kv VALUES ('b', '2')");
  }),
                  portal::db::Error);
  CHECK(db->read([](Connection& c) { return *c.query_int64("SELECT COUNT(*) FROM kv"); }) == 1);
  // Inside savepoint() only the failed statement is undone.
  db->write([](Connection& c) {
    c.exec("INSERT INTO kv VALUES ('c', '3')");
    CHECK_THROWS_AS(c.savepoint([&] { c.exec("INSERT INTO kv VALUES ('a', '2')"); }),
                    portal::db::UniqueViolation);
    c.exec("INSERT INTO kv VALUES ('d', '4')");
  });
  CHECK(db->read([](Connection& c) { return *c.query_int64("SELECT COUNT(*) FROM kv"); }) == 3);
}

TEST_CASE("every backend: upserts, IS NOT DISTINCT FROM, and statements reused with new values") {
  const auto backend = GENERATE(from_range(backends()));
  CAPTURE(backend_name(backend));
  TestDatabase scratch(backend);
  auto db =
      scratch.open({{1, "t", "CREATE TABLE kv(k TEXT PRIMARY KEY, v TEXT, n INTEGER NOT NULL DEFAULT 0);"}});
  for (int i = 0; i < 3; ++i) {
    db->write([&](Connection& c) {
      c.exec("INSERT INTO kv (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v, n = kv.n + 1",
             {"key", "v" + std::to_string(i)});
    });
  }
  CHECK(db->read([](Connection& c) {
    return c.query_text("SELECT v || ':' || n FROM kv WHERE k = 'key'");
  }) == "v2:2");
  db->write([](Connection& c) { c.exec("INSERT INTO kv (k, v) VALUES ('nul', NULL)"); });
  for (const auto& [value, expected] : std::vector<std::pair<std::optional<std::string>, long long>>{
           {std::nullopt, 1}, {std::string("v2"), 1}, {std::string("zz"), 0}}) {
    CHECK(db->read([&](Connection& c) {
      return *c.query_int64("SELECT COUNT(*) FROM kv WHERE v IS NOT DISTINCT FROM ?", {value});
    }) == expected);
  }
  CHECK(db->write([](Connection& c) {
    return c.query_int64("INSERT INTO kv (k, v) VALUES ('key', 'x') ON CONFLICT DO NOTHING RETURNING n");
  }) == std::nullopt);
}

TEST_CASE("every backend: a duplicate key is a UniqueViolation and the database stays usable") {
  const auto backend = GENERATE(from_range(backends()));
  CAPTURE(backend_name(backend));
  TestDatabase scratch(backend);
  auto db = scratch.open({{1, "t", "CREATE TABLE kv(k TEXT PRIMARY KEY, v TEXT);"}});
  db->write([](Connection& c) { c.exec("INSERT INTO kv VALUES ('a', '1')"); });
  CHECK_THROWS_AS(db->write([](Connection& c) { c.exec("INSERT INTO kv VALUES ('a', '2')"); }),
                  portal::db::UniqueViolation);
  db->write([](Connection& c) { c.exec("INSERT INTO kv VALUES ('b', '2')"); });
  CHECK(db->read([](Connection& c) { return *c.query_int64("SELECT COUNT(*) FROM kv"); }) == 2);
}

TEST_CASE("every backend: healthy and schema version") {
  const auto backend = GENERATE(from_range(backends()));
  CAPTURE(backend_name(backend));
  TestDatabase scratch(backend);
  auto db = scratch.open(kSchema);
  CHECK(db->healthy());
  CHECK(db->schema_version() == 1);
  CHECK(db->unavailable_failures() == 0);
}

TEST_CASE("TEXT COLLATE NOCASE compares without case on both backends (CITEXT on PostgreSQL)") {
  const auto backend = GENERATE(from_range(backends()));
  CAPTURE(backend_name(backend));
  TestDatabase scratch(backend);
  auto db =
      scratch.open({{1, "users",
                     "CREATE TABLE users(id INTEGER PRIMARY KEY, username TEXT NOT NULL COLLATE NOCASE);"
                     "CREATE UNIQUE INDEX users_username ON users(username);"}});
  db->write([](Connection& c) { c.exec("INSERT INTO users(username) VALUES ('Admin')"); });
  CHECK(db->read([](Connection& c) {
    return c.query_text("SELECT username FROM users WHERE username = ?", {"aDMIN"});
  }) == "Admin");
  CHECK_THROWS_AS(db->write([](Connection& c) { c.exec("INSERT INTO users(username) VALUES ('ADMIN')"); }),
                  portal::db::UniqueViolation);
}
