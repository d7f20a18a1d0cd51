#pragma once
// One service's database (OPS-2, issue 8), on SQLite (embedded, the default) or PostgreSQL (several
// replicas of a service on one server), chosen by a URL:
//   sqlite:var/urgencies.db                       (a bare path means the same)
//   postgresql://user[:password]@host[:port]/db[?options]   (postgres:// too; libpq's URI syntax)
//
// Stores never see a driver type: write() and read() hand them a Connection (connection.hpp).
//   SQLite: WAL, synchronous=FULL (an acknowledged write is on disk), foreign keys, busy timeout; writes
//   are serialized through one connection in BEGIN IMMEDIATE transactions; reads use a pool of read-only
//   connections that never wait for the writer.
//   PostgreSQL (libpqxx): a pool of connections; each write is its own READ COMMITTED transaction on its own
//   connection, so concurrent writes commit in parallel and the server groups their WAL flushes
//   (synchronous_commit=on keeps every acknowledged write durable); reads run on a pool of read-only
//   connections, one statement at a time.
//
// Migrations are applied at open(), each in its own transaction, recorded in schema_migrations. On
// PostgreSQL each takes a transaction-level advisory lock first, so replicas starting at once apply each
// migration exactly once (the others wait, then see it applied).
#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "portal/db/connection.hpp"

namespace portal::db {

struct Migration {
  int version;
  std::string name;
  std::string
      sql;  // both backends (PostgreSQL gets it through to_postgresql_ddl), may hold several statements
  std::optional<std::string> postgresql_sql =
      std::nullopt;  // where the DDL really differs (NNNN_x.postgresql.sql)
};
using Migrations = std::vector<Migration>;

struct DatabaseOptions {
  std::string url;             // see above
  int read_connections = 4;    // readers (both backends)
  int write_connections = 16;  // PostgreSQL: connections for writes (SQLite always has one writer)
  int busy_timeout_ms = 5000;  // SQLite busy timeout; PostgreSQL lock_timeout
  std::chrono::milliseconds acquire_timeout{5000};  // PostgreSQL: waiting for a free pooled connection
  std::string application_name = "portal";
  // false: open a database whose schema is newer than the given migrations (inspection tools and tests
  // that read a service's tables without its migrations); a service always checks.
  bool refuse_newer_schema = true;  // PostgreSQL: shown in pg_stat_activity (readers add "-read")
};

// A type-erased reference to a callable, alive only during the call that receives it.
template <typename Signature>
class FunctionRef;
template <typename R, typename... Args>
class FunctionRef<R(Args...)> {
 public:
  template <typename F>
  FunctionRef(F& f)
      : object_(&f), call_([](void* o, Args... args) -> R { return (*static_cast<F*>(o))(args...); }) {}
  R operator()(Args... args) const { return call_(object_, args...); }

 private:
  void* object_;
  R (*call_)(void*, Args...);
};

class Database {
 public:
  // Opens (creating the SQLite file and its directories if needed) and applies pending migrations.
  // Throws std::invalid_argument for a URL it cannot use, db::Unavailable when the server cannot be
  // reached, std::runtime_error when a migration fails or the stored schema is newer than the binary's.
  static std::unique_ptr<Database> open(const DatabaseOptions& options, const Migrations& migrations);
  virtual ~Database() = default;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  virtual Dialect dialect() const = 0;

  // Runs f(Connection&) in one transaction and commits; rolls back and rethrows if f throws (driver errors
  // as db::Error subclasses). Returns what f returns once committed.
  template <typename F>
  auto write(F&& f) -> decltype(f(std::declval<Connection&>()));

  // Runs f(Connection&) on a read-only pooled connection.
  template <typename F>
  auto read(F&& f) -> decltype(f(std::declval<Connection&>()));

  // /readyz: a read answers and, after a write failed because storage was unavailable (full disk, read-only
  // file system, I/O error, lost server), a probe write succeeds again (so readiness comes back without a
  // restart once space returns).
  bool healthy();
  int schema_version();
  // Writes that failed with db::Unavailable since open (a metric counts them).
  long long unavailable_failures() const { return unavailable_failures_.load(); }
  // The URL without its password, for logs.
  const std::string& description() const { return description_; }
  // Statements prepared since open, over every connection (issue 14: each SQL text is prepared once per
  // connection and then reused; a count that grows with the requests means the cache is not working).
  long long statements_prepared() const { return statements_prepared_.load(std::memory_order_relaxed); }

 protected:
  Database() = default;
  virtual void run_write(FunctionRef<void(Connection&)> f) = 0;
  virtual void run_read(FunctionRef<void(Connection&)> f) = 0;
  void write_succeeded() { write_failing_.store(false, std::memory_order_relaxed); }
  void write_unavailable() {
    write_failing_.store(true, std::memory_order_relaxed);
    unavailable_failures_.fetch_add(1, std::memory_order_relaxed);
  }

  std::string description_;
  std::atomic<long long> statements_prepared_{0};  // the backends' connections count into it

 private:
  void tracked_write(FunctionRef<void(Connection&)> f);

  std::atomic<bool> write_failing_{false};
  std::atomic<long long> unavailable_failures_{0};
};

template <typename F>
auto Database::write(F&& f) -> decltype(f(std::declval<Connection&>())) {
  using R = decltype(f(std::declval<Connection&>()));
  if constexpr (std::is_void_v<R>) {
    auto body = [&](Connection& c) { f(c); };
    tracked_write(body);
  } else {
    std::optional<R> result;
    auto body = [&](Connection& c) { result.emplace(f(c)); };
    tracked_write(body);
    return std::move(*result);
  }
}

template <typename F>
auto Database::read(F&& f) -> decltype(f(std::declval<Connection&>())) {
  using R = decltype(f(std::declval<Connection&>()));
  if constexpr (std::is_void_v<R>) {
    auto body = [&](Connection& c) { f(c); };
    run_read(body);
  } else {
    std::optional<R> result;
    auto body = [&](Connection& c) { result.emplace(f(c)); };
    run_read(body);
    return std::move(*result);
  }
}

}  // namespace portal::db
