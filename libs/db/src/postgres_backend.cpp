#include "postgres_backend.hpp"

#include <atomic>
#include <charconv>
#include <pqxx/pqxx>
#include <unordered_map>
#include <variant>

#include "portal/db/dialect.hpp"

namespace portal::db::detail {

struct PgSession {
  explicit PgSession(const std::string& uri) : conn(uri) {}
  pqxx::connection conn;
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  // SQL text (with ? placeholders) → prepared statement name on this connection; looked up without
  // copying the text (every statement of every request passes here).
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> prepared;
  int next_statement = 0;
  bool broken = false;
};

namespace {

constexpr std::size_t kMaxPreparedStatements = 256;

// Raised where a pooled connection turned out dead before anything ran on it: the caller may retry on a
// fresh one.
struct DeadBeforeUse {};

bool starts_with(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

[[noreturn]] void throw_typed(const pqxx::sql_error& e) {
  const std::string state = e.sqlstate();
  const std::string message = std::string(e.what()) + " [" + e.query().substr(0, 200) + "]";
  if (state == "23505") throw UniqueViolation(message);
  if (state == "40001" || state == "40P01" || state == "55P03") throw SerializationFailure(message);
  if (starts_with(state, "08") || starts_with(state, "53") || starts_with(state, "57P") ||
      starts_with(state, "58") || state == "25006")
    throw Unavailable(message);
  throw Error(message);
}

class PgRow final : public Row {
 public:
  explicit PgRow(const pqxx::row& row) : row_(row) {}
  int size() const override { return static_cast<int>(row_.size()); }
  bool is_null(int column) const override { return row_[column].is_null(); }
  long long int64(int column) const override {
    const auto f = row_[column];
    if (f.is_null()) return 0;
    const char* p = f.c_str();
    if (p[0] == 't' && p[1] == '\0') return 1;  // a boolean column
    if (p[0] == 'f' && p[1] == '\0') return 0;
    long long v = 0;
    const auto [end, ec] = std::from_chars(p, p + f.size(), v);
    if (ec != std::errc{}) throw Error("column " + std::to_string(column) + " is not an integer");
    return v;
  }
  double real(int column) const override {
    const auto f = row_[column];
    return f.is_null() ? 0.0 : f.as<double>();
  }
  std::string text(int column) const override {
    const auto f = row_[column];
    if (f.is_null()) return {};
    return std::string(f.c_str(), f.size());
  }

 private:
  const pqxx::row& row_;
};

class PgConnection final : public Connection {
 public:
  // prepared counts every statement prepared on the session (Database::statements_prepared).
  PgConnection(PgSession& session, pqxx::transaction_base& tx, std::atomic<long long>& prepared)
      : session_(session), tx_(tx), prepared_(prepared) {}
  Dialect dialect() const override { return Dialect::postgresql; }

  long long exec(std::string_view sql, const Params& params) override {
    return static_cast<long long>(run(sql, params).affected_rows());
  }
  void query(std::string_view sql, const Params& params,
             const std::function<void(const Row&)>& each) override {
    const pqxx::result result = run(sql, params);
    for (const auto& r : result) {
      const PgRow row(r);
      each(row);
    }
  }
  void exec_script(std::string_view sql) override {
    guarded([&] { return tx_.exec(std::string(sql)); });
  }
  int statements_run() const { return statements_; }

 protected:
  void begin_savepoint() override { exec_script("SAVEPOINT portal_sp_" + std::to_string(++savepoints_)); }
  void release_savepoint() override {
    exec_script("RELEASE SAVEPOINT portal_sp_" + std::to_string(savepoints_--));
  }
  void rollback_savepoint() override {
    const std::string name = "portal_sp_" + std::to_string(savepoints_--);
    exec_script("ROLLBACK TO SAVEPOINT " + name);
    exec_script("RELEASE SAVEPOINT " + name);
  }

 private:
  const std::string& statement_name(std::string_view sql) {
    if (const auto it = session_.prepared.find(sql); it != session_.prepared.end()) return it->second;
    if (session_.prepared.size() >= kMaxPreparedStatements) {
      for (const auto& [text, name] : session_.prepared) session_.conn.unprepare(name);
      session_.prepared.clear();
    }
    std::string name = "portal_s" + std::to_string(++session_.next_statement);
    session_.conn.prepare(name, to_postgresql_placeholders(sql));
    prepared_.fetch_add(1, std::memory_order_relaxed);
    return session_.prepared.emplace(std::string(sql), std::move(name)).first->second;
  }

  pqxx::result run(std::string_view sql, const Params& params) {
    return guarded([&] {
      const std::string& name = statement_name(sql);
      std::vector<std::string> texts;
      texts.reserve(params.size());
      std::vector<const char*> values;
      values.reserve(params.size());
      for (const auto& p : params) {
        const auto& v = p.storage();
        if (const auto* n = std::get_if<long long>(&v)) {
          texts.push_back(std::to_string(*n));
        } else if (const auto* d = std::get_if<double>(&v)) {
          char buf[64];
          const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *d);
          texts.emplace_back(buf, end);
        } else if (const auto* s = std::get_if<std::string>(&v)) {
          // PostgreSQL text cannot hold NUL: refuse rather than truncate silently.
          if (s->find('\0') != std::string::npos) throw Error("text parameter holds a NUL character");
          texts.push_back(*s);
        } else {
          texts.emplace_back();
        }
      }
      std::size_t t = 0;
      for (const auto& p : params) {
        values.push_back(p.is_null() ? nullptr : texts[t].c_str());
        ++t;
      }
      return tx_.exec_prepared(name, pqxx::prepare::make_dynamic_params(values));
    });
  }

  template <typename F>
  pqxx::result guarded(F&& f) {
    try {
      pqxx::result r = f();
      ++statements_;
      return r;
    } catch (const pqxx::broken_connection& e) {
      session_.broken = true;
      if (statements_ == 0) throw DeadBeforeUse{};
      throw Unavailable(std::string("lost connection to PostgreSQL: ") + e.what());
    } catch (const pqxx::sql_error& e) {
      throw_typed(e);
    } catch (const pqxx::in_doubt_error& e) {
      session_.broken = true;
      throw Unavailable(std::string("PostgreSQL commit in doubt: ") + e.what());
    } catch (const pqxx::usage_error& e) {
      throw Error(std::string("libpqxx usage: ") + e.what());
    }
  }

  PgSession& session_;
  pqxx::transaction_base& tx_;
  std::atomic<long long>& prepared_;
  int statements_ = 0;
  int savepoints_ = 0;
};

std::string with_connect_timeout(std::string uri) {
  if (uri.find("connect_timeout=") != std::string::npos) return uri;
  return uri + (uri.find('?') == std::string::npos ? "?" : "&") + "connect_timeout=5";
}

// A string literal for a SET statement (application names come from configuration, not from clients).
std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

// Returns the session to its pool however the transaction ends.
struct Lease {
  PgPool& pool;
  std::unique_ptr<PgSession> session;
  ~Lease() { pool.release(std::move(session)); }
};

}  // namespace

// ---- PgPool ----

PgPool::PgPool(std::string uri, int size, std::chrono::milliseconds acquire_timeout, std::string session_sql)
    : uri_(with_connect_timeout(std::move(uri))),
      size_(size < 1 ? 1 : size),
      acquire_timeout_(acquire_timeout),
      session_sql_(std::move(session_sql)) {}

PgPool::~PgPool() = default;

std::unique_ptr<PgSession> PgPool::connect() {
  try {
    auto s = std::make_unique<PgSession>(uri_);
    pqxx::nontransaction tx(s->conn);
    tx.exec(session_sql_);
    return s;
  } catch (const pqxx::broken_connection& e) {
    throw Unavailable(std::string("cannot connect to PostgreSQL: ") + e.what());
  } catch (const pqxx::sql_error& e) {
    throw_typed(e);
  }
}

std::unique_ptr<PgSession> PgPool::acquire() {
  {
    std::unique_lock lock(mutex_);
    const bool got =
        released_.wait_for(lock, acquire_timeout_, [this] { return !idle_.empty() || open_ < size_; });
    if (!got) throw SerializationFailure("no free PostgreSQL connection within the acquire timeout");
    if (!idle_.empty()) {
      auto s = std::move(idle_.back());
      idle_.pop_back();
      return s;
    }
    ++open_;  // reserve the slot, connect outside the lock
  }
  try {
    return connect();
  } catch (...) {
    {
      std::lock_guard lock(mutex_);
      --open_;
    }
    released_.notify_one();
    throw;
  }
}

void PgPool::release(std::unique_ptr<PgSession> session) {
  if (!session) return;
  {
    std::lock_guard lock(mutex_);
    if (session->broken) {
      --open_;
    } else {
      idle_.push_back(std::move(session));
    }
  }
  released_.notify_one();
}

// ---- PgDatabase ----

PgDatabase::PgDatabase(const std::string& uri, const DatabaseOptions& options) {
  description_ = redact_database_url(uri);
  const std::string lock_timeout = "SET lock_timeout = " + std::to_string(options.busy_timeout_ms) + ";";
  // synchronous_commit=on whatever the server's default: a COMMIT returns once the WAL is flushed, so no
  // acknowledged write is lost (issue 8).
  writers_ = std::make_unique<PgPool>(uri, options.write_connections, options.acquire_timeout,
                                      lock_timeout + "SET synchronous_commit = on; SET application_name = " +
                                          quoted(options.application_name));
  readers_ = std::make_unique<PgPool>(uri, options.read_connections, options.acquire_timeout,
                                      lock_timeout +
                                          "SET default_transaction_read_only = on; SET application_name = " +
                                          quoted(options.application_name + "-read"));
  // Fail at start-up, not at the first request, when the server cannot be reached.
  writers_->release(writers_->acquire());
}

PgDatabase::~PgDatabase() = default;

void PgDatabase::run_write(FunctionRef<void(Connection&)> f) {
  for (int attempt = 0;; ++attempt) {
    Lease lease{*writers_, writers_->acquire()};
    try {
      std::unique_ptr<pqxx::work> tx;
      try {
        tx = std::make_unique<pqxx::work>(lease.session->conn);
      } catch (const pqxx::broken_connection&) {
        lease.session->broken = true;
        throw DeadBeforeUse{};
      }
      PgConnection c(*lease.session, *tx, statements_prepared_);
      f(c);
      try {
        tx->commit();
      } catch (const pqxx::in_doubt_error& e) {
        lease.session->broken = true;
        throw Unavailable(std::string("PostgreSQL commit in doubt: ") + e.what());
      } catch (const pqxx::broken_connection& e) {
        lease.session->broken = true;
        throw Unavailable(std::string("lost connection to PostgreSQL at commit: ") + e.what());
      } catch (const pqxx::sql_error& e) {
        throw_typed(e);
      }
      return;
    } catch (const DeadBeforeUse&) {
      // A pooled connection the server closed (restart, idle timeout): nothing ran, so try a fresh one.
      if (attempt >= 1) throw Unavailable("lost connection to PostgreSQL");
    }
  }
}

void PgDatabase::run_read(FunctionRef<void(Connection&)> f) {
  for (int attempt = 0;; ++attempt) {
    Lease lease{*readers_, readers_->acquire()};
    try {
      pqxx::nontransaction tx(lease.session->conn);
      PgConnection c(*lease.session, tx, statements_prepared_);
      f(c);
      return;
    } catch (const DeadBeforeUse&) {
      if (attempt >= 1) throw Unavailable("lost connection to PostgreSQL");
    } catch (const pqxx::broken_connection& e) {
      lease.session->broken = true;
      throw Unavailable(std::string("lost connection to PostgreSQL: ") + e.what());
    }
  }
}

}  // namespace portal::db::detail
