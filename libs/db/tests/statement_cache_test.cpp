// Issue 14 item 2: each SQL text is prepared once per connection and then reused (SQLite spent most of a
// lookup parsing), and a cached statement comes back reset whatever happened to its last use.
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "portal/db/database.hpp"
#include "portal/db/testing/test_database.hpp"

using portal::db::Connection;
using portal::db::DatabaseOptions;
using portal::db::testing::backend_name;
using portal::db::testing::backends;
using portal::db::testing::TestDatabase;

namespace {

const portal::db::Migrations kSchema = {
    {1, "kv", "CREATE TABLE kv(k TEXT PRIMARY KEY, v INTEGER NOT NULL);"}};

// One connection of each kind, so that every call below lands on the connection that cached the statement.
DatabaseOptions one_connection_each() {
  DatabaseOptions options;
  options.read_connections = 1;
  options.write_connections = 1;
  return options;
}

constexpr const char* kInsert = "INSERT INTO kv (k, v) VALUES (?, ?)";
constexpr const char* kByKey = "SELECT v FROM kv WHERE k = ?";
constexpr const char* kAll = "SELECT k FROM kv ORDER BY k";

}  // namespace

TEST_CASE("every backend: one statement is prepared once per connection and reused across calls") {
  const auto backend = GENERATE(from_range(backends()));
  CAPTURE(backend_name(backend));
  TestDatabase scratch(backend);
  auto db = scratch.open(kSchema, one_connection_each());

  db->write([](Connection& c) { c.exec(kInsert, {"k0", 0}); });
  CHECK(db->read([](Connection& c) { return c.query_int64(kByKey, {"k0"}); }) == 0);
  const long long after_first_use = db->statements_prepared();

  for (int i = 1; i <= 50; ++i) {
    db->write([&](Connection& c) { c.exec(kInsert, {"k" + std::to_string(i), i}); });
    CHECK(db->read([&](Connection& c) { return c.query_int64(kByKey, {"k" + std::to_string(i)}); }) == i);
  }
  CHECK(db->statements_prepared() == after_first_use);

  // Another SQL text is another statement, prepared once as well.
  for (int i = 0; i < 3; ++i)
    CHECK(db->read([](Connection& c) { return c.query_int64("SELECT COUNT(*) FROM kv"); }) == 51);
  CHECK(db->statements_prepared() == after_first_use + 1);
}

TEST_CASE("every backend: a cached statement is reset after an error, and is not prepared again") {
  const auto backend = GENERATE(from_range(backends()));
  CAPTURE(backend_name(backend));
  TestDatabase scratch(backend);
  auto db = scratch.open(kSchema, one_connection_each());
  db->write([](Connection& c) {
    for (const char* k : {"a", "b", "c"}) c.exec(kInsert, {k, 1});
  });
  std::vector<std::string> keys;
  db->read([&](Connection& c) {
    c.query(kAll, {}, [&](const portal::db::Row& r) { keys.push_back(r.text(0)); });
  });
  REQUIRE(keys == std::vector<std::string>{"a", "b", "c"});
  const long long prepared = db->statements_prepared();

  SECTION("a failed statement (duplicate key) works again with new values") {
    db->write([](Connection& c) {
      CHECK_THROWS_AS(c.savepoint([&] { c.exec(kInsert, {"a", 2}); }), portal::db::UniqueViolation);
      CHECK(c.exec(kInsert, {"d", 4}) == 1);
    });
    CHECK_THROWS_AS(db->write([](Connection& c) { c.exec(kInsert, {"b", 2}); }), portal::db::UniqueViolation);
    db->write([](Connection& c) { c.exec(kInsert, {"e", 5}); });
    CHECK(db->read([](Connection& c) { return c.query_int64("SELECT COUNT(*) FROM kv"); }) == 5);
  }
  SECTION("a query left after its first row (the caller threw) starts from the first row next time") {
    CHECK_THROWS_AS(db->read([](Connection& c) {
      c.query(kAll, {}, [](const portal::db::Row&) { throw std::runtime_error("stop after one row"); });
    }),
                    std::runtime_error);
    keys.clear();
    db->read([&](Connection& c) {
      c.query(kAll, {}, [&](const portal::db::Row& r) { keys.push_back(r.text(0)); });
    });
    CHECK(keys == std::vector<std::string>{"a", "b", "c"});
    CHECK(db->statements_prepared() == prepared);
  }
  // The failed insert and the interrupted query reused the statements cached by the set-up (only the
  // COUNT is new).
  CHECK(db->statements_prepared() <= prepared + 1);
}
