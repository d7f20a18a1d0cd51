#pragma once
// SPEC §2 Idempotency-Key for creating POSTs, shared by every service (issues 4 and 8): the first
// successful (2xx) response is kept per caller, route template and key, and replayed — status,
// Content-Type, Location and body — for a retry with the same body; the same key with a different body is
// 409 idempotency_key_reused; a key that is empty or longer than 255 characters is 400 naming the field
// "Idempotency-Key". Failures are not kept: they created nothing, so running them again is the retry.
// Responses carrying secrets (e.g. a client secret) must not go through here: they would be stored.
//
// The key's record commits in the SAME transaction as the change it answers for (issue 8 item 5): a
// crash between the commit and the answer leaves both or neither, so a retry gets the original answer,
// never a 409 from its own earlier write. The route hands its change to IdempotentWrite::commit():
//
//   return http::idempotent(store, req, now, [&](http::IdempotentWrite& keyed) {
//     ... validate, call other services (no transaction open) ...
//     return keyed.commit<long long>(db, &committer,
//         [&](db::Connection& c) { return store::insert(c, n); },   // the change
//         [&](const long long& id) { return created_response(id); }).response;  // its 2xx answer, pure
//   });
//
// Concurrency, across replicas too: inside that transaction the key is claimed first with an insert on
// the table's primary key. Two requests with the same key at once (same or different replica, one shared
// database) cannot both claim it: PostgreSQL makes the second wait for the first's commit, SQLite
// serializes writers. The loser's transaction (its change included) rolls back and it replays the winner's
// stored answer. No in-process lock is involved.
//
// Each service keeps the keys in its own database: add kIdempotencyKeysDdl as one of its migrations.
//
// Same body (issue 10): a JSON body (application/json) is compared by its canonical form
// (json::canonical: members sorted, no whitespace), so a retry that re-serializes the same object with its
// keys in another order is the same request; any other body byte for byte. Records written before this
// rule (raw-body hashes, kept at most one retention period) still match their identical retries.
// A replayed answer carries `Idempotent-Replayed: true` (the IETF httpapi draft, as Stripe does).
//
// Retention: a key is kept for IdempotencyOptions::retention (24 h by default, as clients retry within
// minutes). An older record no longer answers for its key: the request runs again and its response
// replaces the old record. Every purge_every_saves-th save also deletes the expired records.
#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "portal/db/database.hpp"
#include "portal/db/group_commit.hpp"
#include "portal/http/message.hpp"

namespace portal::http {

inline constexpr std::string_view kIdempotencyKeysDdl =
    "CREATE TABLE idempotency_keys (\n"
    "  scope         TEXT NOT NULL,\n"  // "<caller> <route template>"
    "  key           TEXT NOT NULL,\n"  // the Idempotency-Key header, 1..255 characters
    "  body_hash     TEXT NOT NULL,\n"  // SHA-256 (hex) of the request body (canonical when JSON)
    "  status        INTEGER NOT NULL,\n"
    "  content_type  TEXT NOT NULL,\n"
    "  location      TEXT,\n"
    "  body          TEXT NOT NULL,\n"
    "  created_at    TEXT NOT NULL,\n"  // RFC 3339 UTC
    "  PRIMARY KEY (scope, key)\n"
    ");\n";

// One kept response.
struct IdempotentRecord {
  std::string scope;
  std::string key;
  std::string body_hash;
  int status = 0;
  std::string content_type;
  std::optional<std::string> location;
  std::string body;
  std::string created_at;
};

struct IdempotencyOptions {
  std::chrono::hours retention{24};
  int purge_every_saves = 256;
};

// The idempotency_keys table of one service's database.
class IdempotencyStore {
 public:
  explicit IdempotencyStore(db::Database& database, IdempotencyOptions options = {})
      : db_(database), options_(options) {}
  IdempotencyStore(const IdempotencyStore&) = delete;
  IdempotencyStore& operator=(const IdempotencyStore&) = delete;

  std::optional<IdempotentRecord> find(const std::string& scope, const std::string& key);
  // Deletes records created before cutoff (RFC 3339 UTC). Returns how many were removed.
  int purge_before(std::string_view cutoff_rfc3339);
  // Counts a save and, every options().purge_every_saves saves, purges what was created before cutoff.
  int purge_if_due(std::string_view cutoff_rfc3339);
  const IdempotencyOptions& options() const { return options_; }
  db::Database& database() { return db_; }

 private:
  db::Database& db_;
  IdempotencyOptions options_;
  std::atomic<long long> saves_{0};
};

// The caller part of the scope: the token's subject, else "anonymous:<client address>".
std::string idempotency_caller(const Request& req);

template <typename T>
struct Committed {
  T value;
  Response response;
};

// What a route's create() receives: commits its change with the key's record (see the header comment).
class IdempotentWrite {
 public:
  // Without a key (no Idempotency-Key header) commit() just runs the change.
  IdempotentWrite(IdempotencyStore* store, std::string scope, std::string key, std::string body_hash,
                  std::string now, std::string cutoff);

  // Runs change(c) in one transaction (through committer when given, for SQLite's group commit; else
  // database.write), then respond(value) for its 2xx answer, which is stored as the key's record in that
  // same transaction. A non-2xx answer from respond() rolls everything back and is returned as is. When
  // another request already holds the key, nothing is changed and the response is that request's stored
  // answer (or 409 idempotency_key_reused for another body); value is then empty. Exceptions of change()
  // propagate after the rollback (the route maps them, nothing is kept).
  template <typename T>
  Committed<std::optional<T>> commit(db::Database& database, db::GroupCommitter* committer,
                                     const std::function<T(db::Connection&)>& change,
                                     const std::function<Response(const T&)>& respond);

  // Test hook (issue 8): called after the transaction committed, before the answer leaves commit(); a
  // throw here is the crash between commit and answer.
  std::function<void()> after_commit;

  bool keyed() const { return store_ != nullptr; }
  // The stored answer when the key was taken by another request (set by commit()).
  const std::optional<Response>& replayed() const { return replayed_; }

 private:
  void claim(db::Connection& c);
  void record(db::Connection& c, const Response& response);
  Response answer_for_taken_key(const Request* req);

  IdempotencyStore* store_;
  bool same_body(const std::string& stored_hash) const {
    return stored_hash == body_hash_ || (!raw_hash_.empty() && stored_hash == raw_hash_);
  }

  std::string scope_, key_, body_hash_, now_, cutoff_;
  std::string raw_hash_;  // of the bytes as sent, when body_hash_ is of a canonical form
  std::optional<Response> replayed_;
  friend Response idempotent(IdempotencyStore&, const Request&, std::string_view, std::string_view,
                             const std::function<Response(IdempotentWrite&)>&);
  const Request* req_ = nullptr;
};

// Runs create() once per (caller, route, key) as described above. Without an Idempotency-Key header it
// just runs create() (whose commit() then stores nothing). now_rfc3339 is stored as created_at.
Response idempotent(IdempotencyStore& store, const Request& req, std::string_view now_rfc3339,
                    const std::function<Response(IdempotentWrite&)>& create);
// The same with an explicit caller (e.g. an anonymous route that resolves the client address behind
// trusted proxies itself).
Response idempotent(IdempotencyStore& store, const Request& req, std::string_view caller,
                    std::string_view now_rfc3339, const std::function<Response(IdempotentWrite&)>& create);

namespace detail {
// Thrown inside the transaction when the key is already held: rolls the change back.
struct KeyTaken {};
// Thrown inside the transaction when respond() built a non-2xx answer: nothing is kept (neither the change
// nor a claim that a retry would replay), and the answer is returned as is.
struct NotKept {
  Response response;
};
}  // namespace detail

template <typename T>
Committed<std::optional<T>> IdempotentWrite::commit(db::Database& database, db::GroupCommitter* committer,
                                                    const std::function<T(db::Connection&)>& change,
                                                    const std::function<Response(const T&)>& respond) {
  auto job = [&](db::Connection& c) -> Committed<std::optional<T>> {
    if (keyed()) claim(c);
    T value = change(c);
    Response response = respond(value);
    if (response.status < 200 || response.status >= 300) throw detail::NotKept{std::move(response)};
    if (keyed()) record(c, response);
    return {std::optional<T>(std::move(value)), std::move(response)};
  };
  try {
    auto done = committer != nullptr ? committer->run(job) : database.write(job);
    if (after_commit) after_commit();
    return done;
  } catch (const detail::KeyTaken&) {
    return {std::nullopt, answer_for_taken_key(req_)};
  } catch (detail::NotKept& refused) {
    return {std::nullopt, std::move(refused.response)};
  }
}

}  // namespace portal::http
