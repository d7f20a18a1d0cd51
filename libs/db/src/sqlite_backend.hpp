#pragma once
// The SQLite backend of Database (SQLiteCpp opens the connections; statements go through the C API so they
// can be prepared once and cached per connection).
#include <SQLiteCpp/SQLiteCpp.h>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "portal/db/database.hpp"

struct sqlite3_stmt;

namespace portal::db::detail {

class SqliteConnection final : public Connection {
 public:
  // prepared counts every statement this connection prepares (Database::statements_prepared).
  SqliteConnection(std::unique_ptr<SQLite::Database> db, std::atomic<long long>& prepared);
  ~SqliteConnection() override;

  Dialect dialect() const override { return Dialect::sqlite; }
  long long exec(std::string_view sql, const Params& params = {}) override;
  void query(std::string_view sql, const Params& params,
             const std::function<void(const Row&)>& each) override;
  void exec_script(std::string_view sql) override;

  // Transaction control for SqliteDatabase (BEGIN IMMEDIATE / COMMIT / ROLLBACK).
  void begin_write();
  void commit();
  void rollback() noexcept;
  SQLite::Database& handle() { return *db_; }

 protected:
  void begin_savepoint() override;
  void release_savepoint() override;
  void rollback_savepoint() override;

 private:
  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  class Use;
  // The statement for sql, from the cache when it is free there; *entry is its cache entry (nullptr
  // for a statement of its own, finalized after use).
  sqlite3_stmt* prepare(std::string_view sql, Cached*& entry);
  void finish(sqlite3_stmt* stmt, Cached* entry);
  void check_not_aborted() const;
  [[noreturn]] void fail(int rc, std::string_view sql);
  void run_plain(const char* sql);

  std::unique_ptr<SQLite::Database> db_;
  std::atomic<long long>& prepared_;
  std::unordered_map<std::string, Cached, Hash, std::equal_to<>> cache_;
  bool in_write_ = false;
  bool aborted_ = false;
  int savepoints_ = 0;
};

class SqliteDatabase final : public Database {
 public:
  // Opens the writer (creating the file) and switches it to WAL; readers come with open_readers().
  SqliteDatabase(const std::string& path, const std::string& vfs, const DatabaseOptions& options);
  void open_readers();
  Dialect dialect() const override { return Dialect::sqlite; }

 protected:
  void run_write(FunctionRef<void(Connection&)> f) override;
  void run_read(FunctionRef<void(Connection&)> f) override;

 private:
  std::string path_;
  std::string vfs_;
  DatabaseOptions options_;
  std::unique_ptr<SqliteConnection> writer_;
  std::mutex write_mutex_;
  std::vector<std::unique_ptr<SqliteConnection>> readers_;
  std::vector<SqliteConnection*> free_readers_;
  std::mutex pool_mutex_;
  std::condition_variable pool_cv_;
};

// Maps an SQLite extended result code to the typed error (errors.hpp) and throws it.
[[noreturn]] void throw_sqlite_error(int extended_code, const std::string& message);

}  // namespace portal::db::detail
