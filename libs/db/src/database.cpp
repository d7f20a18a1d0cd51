#include "portal/db/database.hpp"

#include <filesystem>
#include <stdexcept>

#include "connection.hpp"
#include "migrate.hpp"

namespace portal::db {

std::unique_ptr<Database> Database::open(const DatabaseOptions& options, const Migrations& migrations) {
  if (options.path.empty() || options.path == ":memory:" || options.path.starts_with("file:")) {
    // Readers are separate connections and must see the writer's file.
    throw std::runtime_error("database path must be a file path, got '" + options.path + "'");
  }
  if (options.read_connections < 1) throw std::runtime_error("read_connections must be at least 1");
  const auto parent = std::filesystem::path(options.path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);

  std::unique_ptr<Database> db(new Database());
  db->path_ = options.path;
  db->writer_ = detail::open_connection(options.path, false, options.busy_timeout_ms);
  detail::migrate(*db->writer_, migrations, options.path);
  // Readers only after migrations, so none holds a stale schema.
  for (int i = 0; i < options.read_connections; ++i) {
    db->readers_.push_back(detail::open_connection(options.path, true, options.busy_timeout_ms));
    db->free_readers_.push_back(db->readers_.back().get());
  }
  return db;
}

SQLite::Database* Database::acquire_reader() {
  std::unique_lock lock(pool_mutex_);
  pool_cv_.wait(lock, [this] { return !free_readers_.empty(); });
  SQLite::Database* c = free_readers_.back();
  free_readers_.pop_back();
  return c;
}

void Database::release_reader(SQLite::Database* c) {
  {
    std::lock_guard lock(pool_mutex_);
    free_readers_.push_back(c);
  }
  pool_cv_.notify_one();
}

bool Database::healthy() {
  try {
    return read([](SQLite::Database& c) { return c.execAndGet("SELECT 1").getInt() == 1; });
  } catch (const std::exception&) {
    return false;
  }
}

int Database::schema_version() {
  return read([](SQLite::Database& c) {
    return c.execAndGet("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").getInt();
  });
}

}  // namespace portal::db
