#include "migrate.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>

namespace portal::db::detail {
namespace {

constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))";

int applied_max(SQLite::Database& c) { return c.execAndGet("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").getInt(); }

bool is_applied(SQLite::Database& c, int version) {
  SQLite::Statement q(c, "SELECT 1 FROM schema_migrations WHERE version = ?");
  q.bind(1, version);
  return q.executeStep();
}

}  // namespace

void migrate(SQLite::Database& c, const Migrations& migrations, const std::string& path) {
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

  c.exec(kCreateTable);
  // Running an old binary against a newer schema could silently corrupt data: refuse to start.
  if (const int on_disk = applied_max(c); on_disk > newest_known) {
    throw std::runtime_error("database " + path + " has schema version " + std::to_string(on_disk) +
                             ", newer than this program's newest migration " + std::to_string(newest_known) +
                             "; upgrade the program instead of downgrading the database");
  }

  for (const Migration* m : ordered) {
    SQLite::Transaction tx(c, SQLite::TransactionBehavior::IMMEDIATE);
    if (is_applied(c, m->version)) continue;  // tx rolls back (nothing done)
    try {
      c.exec(m->sql);
      SQLite::Statement record(c, "INSERT INTO schema_migrations(version, name) VALUES (?, ?)");
      record.bind(1, m->version);
      record.bind(2, m->name);
      record.exec();
      tx.commit();
    } catch (const std::exception& e) {
      throw std::runtime_error("database " + path + ": migration " + std::to_string(m->version) + " (" + m->name +
                               ") failed: " + e.what());
    }
  }
}

}  // namespace portal::db::detail
