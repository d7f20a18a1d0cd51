#include "portal/db/database.hpp"

#include "migrate.hpp"
#include "portal/db/dialect.hpp"
#include "postgres_backend.hpp"
#include "sqlite_backend.hpp"

namespace portal::db {

std::unique_ptr<Database> Database::open(const DatabaseOptions& options, const Migrations& migrations) {
  const auto url = parse_database_url(options.url);
  if (url.dialect == Dialect::sqlite) {
    auto db = std::make_unique<detail::SqliteDatabase>(url.target, url.sqlite_vfs, options);
    detail::migrate(
        Dialect::sqlite,
        [&](FunctionRef<void(Connection&)> f) { static_cast<Database*>(db.get())->run_write(f); }, migrations,
        db->description(), options.refuse_newer_schema);
    db->open_readers();  // after migrations, so no reader holds a stale schema
    return db;
  }
  auto db = std::make_unique<detail::PgDatabase>(url.target, options);
  detail::migrate(
      Dialect::postgresql,
      [&](FunctionRef<void(Connection&)> f) { static_cast<Database*>(db.get())->run_write(f); }, migrations,
      db->description(), options.refuse_newer_schema);
  return db;
}

void Database::tracked_write(FunctionRef<void(Connection&)> f) {
  try {
    run_write(f);
  } catch (const Unavailable&) {
    write_unavailable();
    throw;
  }
  write_succeeded();
}

bool Database::healthy() {
  try {
    if (!read([](Connection& c) { return c.query_int64("SELECT 1") == 1; })) return false;
    if (!write_failing_.load(std::memory_order_relaxed)) return true;
    write([](Connection& c) {
      c.exec(
          "INSERT INTO portal_write_probe (id, writes) VALUES (1, 1) "
          "ON CONFLICT (id) DO UPDATE SET writes = portal_write_probe.writes + 1");
    });
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

int Database::schema_version() {
  return read([](Connection& c) {
    return static_cast<int>(
        c.query_int64("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").value_or(0));
  });
}

}  // namespace portal::db
