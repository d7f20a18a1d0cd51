#pragma once
// SQLite for one service (OPS-2): WAL, synchronous=FULL (an acknowledged write is on disk), foreign
// keys, busy timeout, versioned migrations applied at start-up. Writes are serialized through one
// connection in BEGIN IMMEDIATE transactions; reads use a small pool of read-only connections so
// they never wait for a writer (WAL).
#include <SQLiteCpp/SQLiteCpp.h>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace portal::db {

struct Migration {
  int version;
  std::string name;
  std::string sql;  // may hold several statements
};
using Migrations = std::vector<Migration>;

struct DatabaseOptions {
  std::string path;          // file path; parent directories are created
  int read_connections = 4;  // pool size for read()
  int busy_timeout_ms = 5000;
};

class Database {
 public:
  // Opens (creating if needed) and applies pending migrations in order, each in its own transaction,
  // recorded in schema_migrations(version, name, applied_at). Throws std::runtime_error when a
  // migration fails or the file's schema is newer than the binary's.
  static std::unique_ptr<Database> open(const DatabaseOptions& options, const Migrations& migrations);

  // Runs f(SQLite::Database&) in a BEGIN IMMEDIATE transaction and commits; rolls back and rethrows
  // if f throws. Returns what f returns.
  template <typename F>
  auto write(F&& f) -> decltype(f(std::declval<SQLite::Database&>()));

  // Runs f(SQLite::Database&) on a read-only connection from the pool.
  template <typename F>
  auto read(F&& f) -> decltype(f(std::declval<SQLite::Database&>()));

  // True when a trivial query succeeds (for /readyz).
  bool healthy();
  int schema_version();
  const std::string& path() const { return path_; }

 private:
  Database() = default;
  SQLite::Database* acquire_reader();
  void release_reader(SQLite::Database* c);

  std::string path_;
  std::unique_ptr<SQLite::Database> writer_;
  std::mutex write_mutex_;
  std::vector<std::unique_ptr<SQLite::Database>> readers_;
  std::vector<SQLite::Database*> free_readers_;
  std::mutex pool_mutex_;
  std::condition_variable pool_cv_;
};

template <typename F>
auto Database::write(F&& f) -> decltype(f(std::declval<SQLite::Database&>())) {
  std::lock_guard lock(write_mutex_);
  SQLite::Transaction tx(*writer_, SQLite::TransactionBehavior::IMMEDIATE);
  if constexpr (std::is_void_v<decltype(f(*writer_))>) {
    f(*writer_);
    tx.commit();
  } else {
    auto result = f(*writer_);
    tx.commit();
    return result;
  }
}

template <typename F>
auto Database::read(F&& f) -> decltype(f(std::declval<SQLite::Database&>())) {
  SQLite::Database* c = acquire_reader();
  struct Release {
    Database* db;
    SQLite::Database* c;
    ~Release() { db->release_reader(c); }
  } release{this, c};
  return f(*c);
}

}  // namespace portal::db
