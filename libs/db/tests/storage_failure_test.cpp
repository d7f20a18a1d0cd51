// Issue 8 item 6: storage that cannot take writes (full disk, lost server) is a typed db::Unavailable,
// readiness reports it, nothing half-written stays, and the database recovers without a restart.
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "portal/db/database.hpp"
#include "portal/db/testing/test_database.hpp"

using portal::db::Connection;
using portal::db::Dialect;
using portal::db::testing::backend_name;
using portal::db::testing::backends;
using portal::db::testing::TestDatabase;

namespace {

const portal::db::Migrations kSchema = {
    {1, "t", "CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT NOT NULL);"}};

long long count(portal::db::Database& db) {
  return db.read([](Connection& c) { return *c.query_int64("SELECT COUNT(*) FROM items"); });
}

}  // namespace

TEST_CASE("every backend: a full disk is Unavailable, /readyz not ready, and recovery needs no restart") {
  const auto backend = GENERATE(from_range(backends()));
  CAPTURE(backend_name(backend));
  TestDatabase scratch(backend, /*faulty_disk=*/true);
  auto db = scratch.open(kSchema);
  db->write([](Connection& c) { c.exec("INSERT INTO items(name) VALUES ('before')"); });
  REQUIRE(db->healthy());

  scratch.set_disk_full(true);
  CHECK_THROWS_AS(db->write([](Connection& c) {
    c.exec("INSERT INTO items(name) VALUES ('a')");
    c.exec("INSERT INTO items(name) VALUES ('b')");
  }),
                  portal::db::Unavailable);
  CHECK(db->unavailable_failures() == 1);
  CHECK_FALSE(db->healthy());  // reads still work; writes do not
  CHECK(count(*db) == 1);      // nothing of the failed transaction

  scratch.set_disk_full(false);
  CHECK(db->healthy());  // the probe write succeeds: ready again
  db->write([](Connection& c) { c.exec("INSERT INTO items(name) VALUES ('after')"); });
  CHECK(count(*db) == 2);
  CHECK(db->healthy());
}

TEST_CASE("PostgreSQL: a connection lost inside a transaction is Unavailable; the next write reconnects") {
  TestDatabase scratch(Dialect::postgresql);
  auto db = scratch.open(kSchema);
  CHECK_THROWS_AS(db->write([](Connection& c) {
    c.exec("INSERT INTO items(name) VALUES ('lost')");
    c.exec("SELECT pg_terminate_backend(pg_backend_pid())");  // the server drops this session
  }),
                  portal::db::Unavailable);
  CHECK(count(*db) == 0);  // the transaction never committed
  db->write([](Connection& c) { c.exec("INSERT INTO items(name) VALUES ('next')"); });
  CHECK(count(*db) == 1);
  CHECK(db->healthy());
}

TEST_CASE("PostgreSQL: pooled connections the server closed between requests are replaced transparently") {
  TestDatabase scratch(Dialect::postgresql);
  portal::db::DatabaseOptions options;
  options.write_connections = 2;
  options.read_connections = 2;
  options.application_name = "portal-pool-test-" + std::to_string(::getpid());
  auto db = scratch.open(kSchema, options);
  db->write([](Connection& c) { c.exec("INSERT INTO items(name) VALUES ('one')"); });
  CHECK(count(*db) == 1);
  // A server restart or an idle timeout: every session of this test's pools ends.
  scratch.exec_script("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name IN ('" +
                      options.application_name + "', '" + options.application_name + "-read')");
  CHECK(count(*db) == 1);
  db->write([](Connection& c) { c.exec("INSERT INTO items(name) VALUES ('two')"); });
  CHECK(count(*db) == 2);
  CHECK(db->unavailable_failures() == 0);
}

TEST_CASE("every backend: waiting for a lock longer than the busy timeout is a SerializationFailure") {
  const auto backend = GENERATE(from_range(backends()));
  CAPTURE(backend_name(backend));
  TestDatabase scratch(backend);
  portal::db::DatabaseOptions options;
  options.busy_timeout_ms = 100;
  auto holder = scratch.open(kSchema, options);
  auto waiter = scratch.open(kSchema, options);
  holder->write([](Connection& c) { c.exec("INSERT INTO items(id, name) VALUES (1, 'x')"); });
  std::atomic<bool> holding{false};
  std::atomic<bool> release{false};
  std::thread t([&] {
    holder->write([&](Connection& c) {
      c.exec("UPDATE items SET name = 'held' WHERE id = 1");
      holding = true;
      while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    });
  });
  while (!holding) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  CHECK_THROWS_AS(
      waiter->write([](Connection& c) { c.exec("UPDATE items SET name = 'waited' WHERE id = 1"); }),
      portal::db::SerializationFailure);
  release = true;
  t.join();
  CHECK(waiter->read([](Connection& c) { return c.query_text("SELECT name FROM items WHERE id = 1"); }) ==
        "held");
}
