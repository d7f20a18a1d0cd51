#include "migrate.hpp"

#include <algorithm>
#include <chrono>
#include <set>
#include <stdexcept>

#include "portal/core/clock.hpp"
#include "portal/db/dialect.hpp"

namespace portal::db::detail {
namespace {

constexpr std::string_view kMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER NOT NULL PRIMARY KEY,"  // NOT NULL first: a plain key, not an identity column
    " name TEXT NOT NULL,"
    " applied_at TEXT NOT NULL);"
    // One row that /readyz rewrites to learn whether storage accepts writes again (database.cpp).
    "CREATE TABLE IF NOT EXISTS portal_write_probe (id INTEGER NOT NULL PRIMARY KEY, writes INTEGER NOT "
    "NULL);";

// PostgreSQL: replicas starting at once take turns, per schema (tests run many schemas in one database).
constexpr std::string_view kMigrationLock =
    "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.portal_schema_migrations'))";
// citext is one extension per database, shared by every schema: created once, under its own lock.
constexpr std::string_view kCitext =
    "SELECT pg_advisory_xact_lock(hashtext('portal.citext'));"
    "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public";

std::string sql_for(const Migration& m, Dialect dialect) {
  if (dialect == Dialect::sqlite) return m.sql;
  return m.postgresql_sql ? *m.postgresql_sql : to_postgresql_ddl(m.sql);
}

}  // namespace

void migrate(Dialect dialect, const std::function<void(FunctionRef<void(Connection&)>)>& run_write,
             const Migrations& migrations, const std::string& description, bool refuse_newer_schema) {
  std::vector<const Migration*> ordered;
  std::set<int> versions;
  for (const auto& m : migrations) {
    if (m.version <= 0) throw std::runtime_error("migration " + m.name + ": version must be positive");
    if (!versions.insert(m.version).second) {
      throw std::runtime_error("migration version " + std::to_string(m.version) + " appears twice");
    }
    ordered.push_back(&m);
  }
  std::sort(ordered.begin(), ordered.end(), [](auto* a, auto* b) { return a->version < b->version; });
  const int newest_known = ordered.empty() ? 0 : ordered.back()->version;
  const bool pg = dialect == Dialect::postgresql;
  auto lock = [&](Connection& c) {
    if (pg) c.exec(kMigrationLock);
  };

  int on_disk = 0;
  auto setup = [&](Connection& c) {
    lock(c);
    c.exec_script(pg ? to_postgresql_ddl(kMigrationsTable) : std::string(kMigrationsTable));
    on_disk = static_cast<int>(
        c.query_int64("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").value_or(0));
  };
  run_write(setup);
  // Running an old binary against a newer schema could silently corrupt data: refuse to start.
  if (refuse_newer_schema && on_disk > newest_known) {
    throw std::runtime_error("database " + description + " has schema version " + std::to_string(on_disk) +
                             ", newer than this program's newest migration " + std::to_string(newest_known) +
                             "; upgrade the program instead of downgrading the database");
  }

  for (const Migration* m : ordered) {
    if (m->version <= on_disk) continue;
    const std::string sql = sql_for(*m, dialect);
    auto apply = [&](Connection& c) {
      lock(c);
      // Another replica may have applied it while this one waited for the lock.
      if (c.exists("SELECT 1 FROM schema_migrations WHERE version = ?", {m->version})) return;
      if (pg && sql.find("CITEXT") != std::string::npos) c.exec_script(kCitext);
      c.exec_script(sql);
      c.exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
             {m->version, m->name,
              core::to_rfc3339(std::chrono::time_point_cast<std::chrono::milliseconds>(
                  std::chrono::system_clock::now()))});
    };
    try {
      run_write(apply);
    } catch (const Unavailable&) {
      throw;
    } catch (const std::exception& e) {
      throw std::runtime_error("database " + description + ": migration " + std::to_string(m->version) +
                               " (" + m->name + ") failed: " + e.what());
    }
  }
}

}  // namespace portal::db::detail
