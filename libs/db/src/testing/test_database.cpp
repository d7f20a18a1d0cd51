#include "portal/db/testing/test_database.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <pqxx/pqxx>
#include <random>
#include <stdexcept>

namespace portal::db::testing {
namespace {

std::string read_first_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

std::string unique_suffix() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  return std::to_string(::getpid()) + "_" + std::to_string(counter.fetch_add(1)) + "_" +
         std::to_string(rd() % 100000);
}

std::string with_search_path(const std::string& url, const std::string& schema) {
  // libpq URI parameter options="-c search_path=<schema>,public" (percent-encoded).
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema +
         "%2Cpublic";
}

}  // namespace

std::vector<Dialect> backends() { return {Dialect::sqlite, Dialect::postgresql}; }

std::string backend_name(Dialect d) { return d == Dialect::sqlite ? "sqlite" : "postgresql"; }

std::string postgres_test_url() {
  if (const char* url = std::getenv("PORTAL_TEST_POSTGRES_URL"); url != nullptr && *url != '\0') return url;
  if (const char* file = std::getenv("PORTAL_TEST_POSTGRES_FILE"); file != nullptr && *file != '\0') {
    auto url = read_first_line(file);
    if (!url.empty()) return url;
    throw std::runtime_error(std::string("no PostgreSQL test server: ") + file +
                             " is missing or empty (ctest starts one with the postgres_server fixture)");
  }
  throw std::runtime_error(
      "no PostgreSQL test server: run through ctest (fixture postgres_server) or set "
      "PORTAL_TEST_POSTGRES_URL");
}

TestDatabase::TestDatabase(Dialect dialect, bool faulty_disk) : dialect_(dialect) {
  const auto suffix = unique_suffix();
  dir_ = std::filesystem::temp_directory_path() / ("portal-test-" + suffix);
  std::filesystem::create_directories(dir_);
  if (dialect == Dialect::sqlite) {
    url_ = "sqlite:" + (dir_ / "test.db").string();
    if (faulty_disk) url_ += "?vfs=" + faulty_sqlite_vfs();
    return;
  }
  const auto base = postgres_test_url();
  schema_ = "t_" + suffix;
  pqxx::connection c(base);
  pqxx::nontransaction tx(c);
  tx.exec("CREATE SCHEMA " + schema_);
  url_ = with_search_path(base, schema_);
}

TestDatabase::~TestDatabase() {
  try {
    if (!schema_.empty()) {
      pqxx::connection c(postgres_test_url());
      pqxx::nontransaction tx(c);
      tx.exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    }
  } catch (const std::exception&) {  // the server may be gone already; it is thrown away after the run
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::unique_ptr<Database> TestDatabase::open(const Migrations& migrations, DatabaseOptions options) const {
  options.url = url_;
  return Database::open(options, migrations);
}

void TestDatabase::exec_script(const std::string& sql) const {
  if (dialect_ == Dialect::sqlite) {
    auto db = Database::open({url_}, {});
    db->write([&](Connection& c) { c.exec_script(sql); });
    return;
  }
  pqxx::connection c(url_);
  pqxx::work tx(c);
  tx.exec(sql);
  tx.commit();
}

}  // namespace portal::db::testing
