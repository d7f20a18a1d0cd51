#pragma once
// SPEC §2 Idempotency-Key for creating POSTs, shared by every service (issue 4): the first successful
// (2xx) response is kept per caller, route template and key, and replayed — status, Content-Type,
// Location and body — for a retry with the same body; the same key with a different body is 409
// idempotency_key_reused; a key that is empty or longer than 255 characters is 400 naming the field
// "Idempotency-Key". Failures are not kept: they created nothing, so running them again is the retry.
// Responses carrying secrets (e.g. a client secret) must not go through here: they would be stored.
//
// Each service keeps the keys in its own SQLite database: add kIdempotencyKeysDdl (reproduced here) as
// one of the service's migrations (urgencies appends it in code; auth's older copy is migration 0006):
//
//   CREATE TABLE idempotency_keys (
//     scope         TEXT NOT NULL,   -- "<caller> <route template>"
//     key           TEXT NOT NULL,   -- the Idempotency-Key header, 1..255 characters
//     body_hash     TEXT NOT NULL,   -- SHA-256 (hex) of the request body
//     status        INTEGER NOT NULL,
//     content_type  TEXT NOT NULL,
//     location      TEXT,
//     body          TEXT NOT NULL,
//     created_at    TEXT NOT NULL,   -- RFC 3339
//     PRIMARY KEY (scope, key)
//   );
//
// Retention: a key is kept for IdempotencyOptions::retention (24 h by default, as clients retry within
// minutes). An older record no longer answers for its key: the request runs again and its response
// replaces the old record. Every purge_every_saves-th save also deletes the expired records, so the table
// stays as small as one day of keyed requests without a timer thread.
//
// Concurrency: two requests with the same caller, route and key that arrive together must not both
// create. The store serializes them with an in-process lock per (scope, key): the second waits for the
// first and then replays its response (or, if the first failed, runs create itself). Requests with
// different keys never wait for each other. This is enough because each service is one process that owns
// its database (ARCHITECTURE: one writer per SQLite file).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "portal/db/database.hpp"
#include "portal/http/message.hpp"

namespace portal::http {

inline constexpr std::string_view kIdempotencyKeysDdl =
    "CREATE TABLE idempotency_keys (\n"
    "  scope         TEXT NOT NULL,\n"
    "  key           TEXT NOT NULL,\n"
    "  body_hash     TEXT NOT NULL,\n"
    "  status        INTEGER NOT NULL,\n"
    "  content_type  TEXT NOT NULL,\n"
    "  location      TEXT,\n"
    "  body          TEXT NOT NULL,\n"
    "  created_at    TEXT NOT NULL,\n"
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

// The idempotency_keys table of one service's database plus the per-key in-process locks.
class IdempotencyStore {
 public:
  explicit IdempotencyStore(db::Database& database, IdempotencyOptions options = {})
      : db_(database), options_(options) {}
  IdempotencyStore(const IdempotencyStore&) = delete;
  IdempotencyStore& operator=(const IdempotencyStore&) = delete;

  std::optional<IdempotentRecord> find(const std::string& scope, const std::string& key);
  // Keeps the first record for (scope, key); a later one for the same pair is ignored unless the kept one
  // was created before expired_before (RFC 3339), which it then replaces.
  void save(const IdempotentRecord& record, std::string_view expired_before = {});
  // Deletes records created before cutoff (RFC 3339, compared as text: use the same UTC format as now).
  // Returns how many were removed.
  int purge_before(std::string_view cutoff_rfc3339);
  // Counts a save and, every options().purge_every_saves saves, purges what was created before cutoff.
  // Returns how many were removed (0 when it was not the time).
  int purge_if_due(std::string_view cutoff_rfc3339);
  const IdempotencyOptions& options() const { return options_; }

  // Holds the in-process lock of one (scope, key) for its lifetime (see the header comment).
  class KeyLock {
   public:
    KeyLock(IdempotencyStore& store, std::string id);
    ~KeyLock();
    KeyLock(const KeyLock&) = delete;
    KeyLock& operator=(const KeyLock&) = delete;

   private:
    IdempotencyStore& store_;
    std::string id_;
  };

 private:
  db::Database& db_;
  IdempotencyOptions options_;
  std::atomic<long long> saves_{0};
  std::mutex mutex_;
  std::condition_variable released_;
  std::set<std::string, std::less<>> held_;  // (scope, key) ids whose KeyLock is alive
};

// The caller part of the scope: the token's subject, else "anonymous:<client address>".
std::string idempotency_caller(const Request& req);

// Runs create() once per (caller, route, key) as described above. Without an Idempotency-Key header it
// just runs create(). now_rfc3339 is stored as created_at and dates the retention.
Response idempotent(IdempotencyStore& store, const Request& req, std::string_view now_rfc3339,
                    const std::function<Response()>& create);
// The same with an explicit caller (e.g. an anonymous route that resolves the client address behind
// trusted proxies itself).
Response idempotent(IdempotencyStore& store, const Request& req, std::string_view caller,
                    std::string_view now_rfc3339, const std::function<Response()>& create);

}  // namespace portal::http
