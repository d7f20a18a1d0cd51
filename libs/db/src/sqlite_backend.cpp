#include "sqlite_backend.hpp"

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <thread>
#include <variant>

namespace portal::db::detail {
namespace {

// A cache this large holds every statement a service writes; past it (dynamic filters), it starts over.
constexpr std::size_t kMaxCachedStatements = 256;

class SqliteRow final : public Row {
 public:
  explicit SqliteRow(sqlite3_stmt* stmt) : stmt_(stmt) {}
  int size() const override { return sqlite3_column_count(stmt_); }
  bool is_null(int column) const override { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  long long int64(int column) const override { return sqlite3_column_int64(stmt_, column); }
  double real(int column) const override { return sqlite3_column_double(stmt_, column); }
  std::string text(int column) const override {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    if (p == nullptr) return {};
    return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
  }

 private:
  sqlite3_stmt* stmt_;
};

bool unavailable_code(int code) {
  switch (code & 0xff) {
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_NOMEM:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_PROTOCOL:
      return true;
    default:
      return false;
  }
}

std::unique_ptr<SQLite::Database> open_connection(const std::string& path, const std::string& vfs,
                                                  bool read_only, int busy_timeout_ms) {
  try {
    const int flags = read_only ? SQLite::OPEN_READONLY : (SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    auto c = std::make_unique<SQLite::Database>(path, flags | SQLite::OPEN_NOMUTEX, busy_timeout_ms, vfs);
    c->setBusyTimeout(busy_timeout_ms);
    if (!read_only) {
      // Switching a new file to WAL needs it to itself, and SQLite does not call the busy handler for it:
      // when several instances open one new file at once (issue 8), retry within the busy timeout.
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms);
      std::string mode;
      for (;;) {
        try {
          mode = c->execAndGet("PRAGMA journal_mode=WAL").getString();
          break;
        } catch (const SQLite::Exception& e) {
          if ((e.getErrorCode() & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() > deadline) throw;
          std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
      }
      if (mode != "wal") throw Unavailable("database " + path + ": cannot switch to WAL (got " + mode + ")");
    }
    // synchronous=FULL: an acknowledged commit has been fsynced (ARCHITECTURE: ~2.4k commits/s here).
    c->exec("PRAGMA synchronous=FULL");
    c->exec("PRAGMA foreign_keys=ON");
    return c;
  } catch (const SQLite::Exception& e) {
    throw_sqlite_error(e.getExtendedErrorCode(), "database " + path + ": " + e.what());
  }
}

}  // namespace

[[noreturn]] void throw_sqlite_error(int code, const std::string& message) {
  if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY)
    throw UniqueViolation(message);
  if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED) throw SerializationFailure(message);
  if (unavailable_code(code)) throw Unavailable(message);
  throw Error(message);
}

// ---- SqliteConnection ----

SqliteConnection::SqliteConnection(std::unique_ptr<SQLite::Database> db, std::atomic<long long>& prepared)
    : db_(std::move(db)), prepared_(prepared) {}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, c] : cache_) sqlite3_finalize(c.stmt);
}

void SqliteConnection::fail(int rc, std::string_view sql) {
  if (in_write_) aborted_ = true;
  const int code = sqlite3_extended_errcode(db_->getHandle());
  throw_sqlite_error(code == SQLITE_OK ? rc : code, std::string(sqlite3_errmsg(db_->getHandle())) + " [" +
                                                        std::string(sql.substr(0, 200)) + "]");
}

void SqliteConnection::check_not_aborted() const {
  if (aborted_) throw Error("the transaction was aborted by a failed statement (run it inside savepoint())");
}

sqlite3_stmt* SqliteConnection::prepare(std::string_view sql, Cached*& entry) {
  check_not_aborted();
  entry = nullptr;
  const auto found = cache_.find(sql);
  if (found != cache_.end() && !found->second.in_use) {
    found->second.in_use = true;
    entry = &found->second;
    return entry->stmt;
  }
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v3(db_->getHandle(), sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
  if (rc != SQLITE_OK) fail(rc, sql);
  if (stmt == nullptr) throw Error("empty SQL statement");
  prepared_.fetch_add(1, std::memory_order_relaxed);
  for (; tail != nullptr && tail < sql.data() + sql.size(); ++tail) {
    if (*tail != ' ' && *tail != '\n' && *tail != '\t' && *tail != '\r' && *tail != ';') {
      sqlite3_finalize(stmt);
      throw Error("one statement per call (use exec_script for several): " + std::string(sql.substr(0, 200)));
    }
  }
  // A nested use of a busy cached statement gets one of its own.
  if (found != cache_.end()) return stmt;
  if (cache_.size() >= kMaxCachedStatements) {
    for (const auto& [k, c] : cache_)
      if (c.in_use) return stmt;
    for (auto& [k, c] : cache_) sqlite3_finalize(c.stmt);
    cache_.clear();
  }
  entry = &cache_.emplace(std::string(sql), Cached{stmt, true}).first->second;
  return stmt;
}

void SqliteConnection::finish(sqlite3_stmt* stmt, Cached* entry) {
  if (entry == nullptr) {
    sqlite3_finalize(stmt);
    return;
  }
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  entry->in_use = false;
}

// Binds the parameters, and resets (or finalizes) the statement however the call ends.
class SqliteConnection::Use {
 public:
  Use(SqliteConnection& c, std::string_view sql, const Params& params) : c_(c), sql_(sql) {
    stmt_ = c.prepare(sql, entry_);
    const int expected = sqlite3_bind_parameter_count(stmt_);
    if (expected != static_cast<int>(params.size())) {
      c.finish(stmt_, entry_);
      throw Error("statement takes " + std::to_string(expected) + " parameters, got " +
                  std::to_string(params.size()) + ": " + std::string(sql.substr(0, 200)));
    }
    int i = 1;
    for (const auto& p : params) {
      const auto& v = p.storage();
      int rc = SQLITE_OK;
      if (const auto* n = std::get_if<long long>(&v)) {
        rc = sqlite3_bind_int64(stmt_, i, *n);
      } else if (const auto* d = std::get_if<double>(&v)) {
        rc = sqlite3_bind_double(stmt_, i, *d);
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        rc = sqlite3_bind_text(stmt_, i, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
      } else {
        rc = sqlite3_bind_null(stmt_, i);
      }
      if (rc != SQLITE_OK) {
        c.finish(stmt_, entry_);
        c.fail(rc, sql);
      }
      ++i;
    }
  }
  ~Use() { c_.finish(stmt_, entry_); }
  Use(const Use&) = delete;
  Use& operator=(const Use&) = delete;

  // SQLITE_ROW → true, SQLITE_DONE → false, else the typed error.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    c_.fail(rc, sql_);
  }
  sqlite3_stmt* stmt() const { return stmt_; }

 private:
  SqliteConnection& c_;
  std::string_view sql_;
  sqlite3_stmt* stmt_ = nullptr;
  Cached* entry_ = nullptr;
};

long long SqliteConnection::exec(std::string_view sql, const Params& params) {
  Use use(*this, sql, params);
  while (use.step()) {
  }
  return sqlite3_changes64(db_->getHandle());
}

void SqliteConnection::query(std::string_view sql, const Params& params,
                             const std::function<void(const Row&)>& each) {
  Use use(*this, sql, params);
  const SqliteRow row(use.stmt());
  while (use.step()) each(row);
}

void SqliteConnection::exec_script(std::string_view sql) {
  check_not_aborted();
  const std::string text(sql);
  char* message = nullptr;
  const int rc = sqlite3_exec(db_->getHandle(), text.c_str(), nullptr, nullptr, &message);
  if (message != nullptr) sqlite3_free(message);
  if (rc != SQLITE_OK) fail(rc, sql);
}

void SqliteConnection::run_plain(const char* sql) {
  const int rc = sqlite3_exec(db_->getHandle(), sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) fail(rc, sql);
}

void SqliteConnection::begin_write() {
  aborted_ = false;
  savepoints_ = 0;
  run_plain("BEGIN IMMEDIATE");
  in_write_ = true;
}

void SqliteConnection::commit() {
  check_not_aborted();
  run_plain("COMMIT");
  in_write_ = false;
}

void SqliteConnection::rollback() noexcept {
  in_write_ = false;
  aborted_ = false;
  if (sqlite3_get_autocommit(db_->getHandle()) == 0)
    sqlite3_exec(db_->getHandle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void SqliteConnection::begin_savepoint() {
  check_not_aborted();
  run_plain(("SAVEPOINT portal_sp_" + std::to_string(++savepoints_)).c_str());
}

void SqliteConnection::release_savepoint() {
  const std::string name = "portal_sp_" + std::to_string(savepoints_);
  run_plain(("RELEASE " + name).c_str());
  --savepoints_;
}

void SqliteConnection::rollback_savepoint() {
  const std::string name = "portal_sp_" + std::to_string(savepoints_);
  --savepoints_;
  aborted_ = false;
  run_plain(("ROLLBACK TO " + name).c_str());
  run_plain(("RELEASE " + name).c_str());
}

// ---- SqliteDatabase ----

SqliteDatabase::SqliteDatabase(const std::string& path, const std::string& vfs,
                               const DatabaseOptions& options)
    : path_(path), vfs_(vfs), options_(options) {
  if (options.read_connections < 1) throw std::invalid_argument("read_connections must be at least 1");
  description_ = "sqlite:" + path;
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec)
      throw Unavailable("database " + path + ": cannot create " + parent.string() + ": " + ec.message());
  }
  writer_ = std::make_unique<SqliteConnection>(open_connection(path, vfs_, false, options.busy_timeout_ms),
                                               statements_prepared_);
}

void SqliteDatabase::open_readers() {
  for (int i = 0; i < options_.read_connections; ++i) {
    readers_.push_back(std::make_unique<SqliteConnection>(
        open_connection(path_, vfs_, true, options_.busy_timeout_ms), statements_prepared_));
    free_readers_.push_back(readers_.back().get());
  }
}

void SqliteDatabase::run_write(FunctionRef<void(Connection&)> f) {
  std::lock_guard lock(write_mutex_);
  writer_->begin_write();
  try {
    f(*writer_);
    writer_->commit();
  } catch (...) {
    writer_->rollback();
    throw;
  }
}

void SqliteDatabase::run_read(FunctionRef<void(Connection&)> f) {
  SqliteConnection* c = nullptr;
  {
    std::unique_lock lock(pool_mutex_);
    pool_cv_.wait(lock, [this] { return !free_readers_.empty(); });
    c = free_readers_.back();
    free_readers_.pop_back();
  }
  struct Release {
    SqliteDatabase* db;
    SqliteConnection* c;
    ~Release() {
      {
        std::lock_guard lock(db->pool_mutex_);
        db->free_readers_.push_back(c);
      }
      db->pool_cv_.notify_one();
    }
  } release{this, c};
  f(*c);
}

}  // namespace portal::db::detail
