#pragma once
// What a store talks to inside Database::write / Database::read: one SQL text with `?` placeholders for
// both backends (PostgreSQL gets them as $1, $2, ... from libs/db). Statements are prepared once per
// connection and reused (issue 14's profile: SQLite spent most of its time parsing).
//
// Portable SQL, as both backends run it: `INSERT ... RETURNING id`, `INSERT ... ON CONFLICT (...) DO
// UPDATE SET x = excluded.x` / `DO NOTHING`, integers for booleans (0/1) and times (UTC milliseconds or
// RFC 3339 text written by the caller's clock, never the database's). Not portable, so not used:
// `INSERT OR ...`, last_insert_rowid(), strftime(), `?` whose type the statement does not fix (e.g.
// `? IS NULL`).
//
// After a statement fails inside a write, the transaction is aborted on both backends (PostgreSQL's rule,
// which the SQLite backend enforces too so that tests on either catch a store that carries on): every
// further statement throws until the write ends. To go on after an expected failure, run the statement
// inside savepoint().
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "portal/db/errors.hpp"
#include "portal/db/row.hpp"
#include "portal/db/value.hpp"

namespace portal::db {

enum class Dialect { sqlite, postgresql };

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;

  // Runs one statement and returns the number of rows it changed.
  virtual long long exec(std::string_view sql, const Params& params = {}) = 0;
  // Runs one query and calls each(row) for every row, in order.
  virtual void query(std::string_view sql, const Params& params,
                     const std::function<void(const Row&)>& each) = 0;
  // Runs several statements without parameters (migrations, test set-up).
  virtual void exec_script(std::string_view sql) = 0;

  // Runs f() inside a SAVEPOINT: if f throws, only its statements are undone, the transaction stays
  // usable, and the exception propagates. Returns what f returns.
  template <typename F>
  auto savepoint(F&& f) -> decltype(f());

  // The first row mapped by map(row), if any.
  template <typename F>
  auto query_one(std::string_view sql, const Params& params, F&& map)
      -> std::optional<std::decay_t<decltype(map(std::declval<const Row&>()))>> {
    std::optional<std::decay_t<decltype(map(std::declval<const Row&>()))>> out;
    query(sql, params, [&](const Row& row) {
      if (!out) out.emplace(map(row));
    });
    return out;
  }

  // Every row mapped by map(row).
  template <typename F>
  auto query_all(std::string_view sql, const Params& params, F&& map)
      -> std::vector<std::decay_t<decltype(map(std::declval<const Row&>()))>> {
    std::vector<std::decay_t<decltype(map(std::declval<const Row&>()))>> out;
    query(sql, params, [&](const Row& row) { out.push_back(map(row)); });
    return out;
  }

  // The first column of the first row as an integer (COUNT(*), RETURNING id, ...); nullopt when there is
  // no row or the value is NULL.
  std::optional<long long> query_int64(std::string_view sql, const Params& params = {}) {
    std::optional<long long> out;
    bool first = true;
    query(sql, params, [&](const Row& row) {
      if (first && !row.is_null(0)) out = row.int64(0);
      first = false;
    });
    return out;
  }
  std::optional<std::string> query_text(std::string_view sql, const Params& params = {}) {
    std::optional<std::string> out;
    bool first = true;
    query(sql, params, [&](const Row& row) {
      if (first && !row.is_null(0)) out = row.text(0);
      first = false;
    });
    return out;
  }
  bool exists(std::string_view sql, const Params& params = {}) {
    bool found = false;
    query(sql, params, [&](const Row&) { found = true; });
    return found;
  }

 protected:
  virtual void begin_savepoint() = 0;
  virtual void release_savepoint() = 0;
  virtual void rollback_savepoint() = 0;
};

template <typename F>
auto Connection::savepoint(F&& f) -> decltype(f()) {
  begin_savepoint();
  try {
    if constexpr (std::is_void_v<decltype(f())>) {
      f();
      release_savepoint();
    } else {
      auto result = f();
      release_savepoint();
      return result;
    }
  } catch (...) {
    rollback_savepoint();
    throw;
  }
}

}  // namespace portal::db
