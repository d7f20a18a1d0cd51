#pragma once
// The PostgreSQL backend of Database, over libpqxx 6.4: two pools of connections (writes; read-only
// reads), statements prepared once per connection, every driver error mapped to errors.hpp.
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "portal/db/database.hpp"

namespace portal::db::detail {

struct PgSession;

class PgPool {
 public:
  // session_sql: run once on every new connection (SET ...).
  PgPool(std::string uri, int size, std::chrono::milliseconds acquire_timeout, std::string session_sql);
  ~PgPool();
  PgPool(const PgPool&) = delete;
  PgPool& operator=(const PgPool&) = delete;

  // A connection for one transaction: an idle one, a new one while below the size, else waits up to the
  // acquire timeout (then SerializationFailure: the database is busy, 503). Throws Unavailable when a new
  // connection cannot be opened.
  std::unique_ptr<PgSession> acquire();
  // Back to the pool, or closed when it broke.
  void release(std::unique_ptr<PgSession> session);

 private:
  std::unique_ptr<PgSession> connect();

  std::string uri_;
  int size_;
  std::chrono::milliseconds acquire_timeout_;
  std::string session_sql_;
  std::mutex mutex_;
  std::condition_variable released_;
  std::vector<std::unique_ptr<PgSession>> idle_;
  int open_ = 0;
};

class PgDatabase final : public Database {
 public:
  PgDatabase(const std::string& uri, const DatabaseOptions& options);
  ~PgDatabase() override;
  Dialect dialect() const override { return Dialect::postgresql; }

 protected:
  void run_write(FunctionRef<void(Connection&)> f) override;
  void run_read(FunctionRef<void(Connection&)> f) override;

 private:
  std::unique_ptr<PgPool> writers_;
  std::unique_ptr<PgPool> readers_;
};

}  // namespace portal::db::detail
