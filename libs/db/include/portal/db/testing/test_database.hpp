#pragma once
// Store tests run on both backends, in the same test cases (issue 8):
//
//   const auto backend = GENERATE(portal::db::testing::backends());
//   portal::db::testing::TestDatabase scratch(backend);
//   auto db = scratch.open(my_migrations());
//
// SQLite: a file in a fresh temporary directory. PostgreSQL: a fresh schema on the throwaway server the
// test command starts (deploy/postgres.sh test-start, a ctest fixture), found through
// PORTAL_TEST_POSTGRES_URL or the file named by PORTAL_TEST_POSTGRES_FILE. Without either, a PostgreSQL
// case fails: a missing server is never a silent skip.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "portal/db/database.hpp"

namespace portal::db::testing {

std::vector<Dialect> backends();
std::string backend_name(Dialect d);

class TestDatabase {
 public:
  // faulty_disk: SQLite files go through a VFS that set_disk_full() can make refuse writes.
  explicit TestDatabase(Dialect dialect, bool faulty_disk = false);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  Dialect dialect() const { return dialect_; }
  // The URL a service's PORTAL_<SERVICE>_DATABASE_URL would hold.
  const std::string& url() const { return url_; }
  // A directory for the test's other files (SQLite: where the database file lives).
  const std::filesystem::path& dir() const { return dir_; }
  std::unique_ptr<Database> open(const Migrations& migrations, DatabaseOptions options = {}) const;
  // Runs SQL on the test's database outside any service (set-up, checks), in one transaction.
  void exec_script(const std::string& sql) const;
  // Storage-failure tests (issue 8): while full, writes fail as on a full disk — SQLite with SQLITE_FULL
  // (only for a TestDatabase made with faulty_disk; the flag is process-wide), PostgreSQL with disk_full
  // (53100) from a trigger on every table of the test schema (call it after the schema exists).
  void set_disk_full(bool full) const;

 private:
  Dialect dialect_;
  std::filesystem::path dir_;
  std::string url_;
  std::string schema_;
};

// The name of the SQLite VFS behind faulty_disk (registered on first use).
std::string faulty_sqlite_vfs();

// The base URL of the test server (no schema), or throws saying how to get one.
std::string postgres_test_url();

}  // namespace portal::db::testing
