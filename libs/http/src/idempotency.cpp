#include "portal/http/idempotency.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "portal/core/clock.hpp"
#include "portal/http/server.hpp"
#include "portal/security/password.hpp"

namespace portal::http {
namespace {

constexpr std::size_t kMaxKeyLength = 255;  // SPEC §2

std::optional<std::string> optional_text(SQLite::Statement& st, int column) {
  if (st.getColumn(column).isNull()) return std::nullopt;
  return st.getColumn(column).getString();
}

Response replay(const IdempotentRecord& record) {
  Response response;
  response.status = record.status;
  response.content_type = record.content_type;
  response.body = record.body;
  if (record.location) response.with_header("Location", *record.location);
  return response;
}

// The created_at before which a record has expired, or "" when now cannot be read (then nothing expires).
std::string expiry_cutoff(std::string_view now_rfc3339, std::chrono::hours retention) {
  const auto now = core::parse_rfc3339(now_rfc3339);
  return now ? core::to_rfc3339(*now - retention) : std::string{};
}

bool expired(const IdempotentRecord& record, std::string_view cutoff) {
  if (cutoff.empty()) return false;
  const auto created = core::parse_rfc3339(record.created_at);
  const auto limit = core::parse_rfc3339(cutoff);
  return created && limit && *created < *limit;
}

}  // namespace

std::optional<IdempotentRecord> IdempotencyStore::find(const std::string& scope, const std::string& key) {
  return db_.read([&](SQLite::Database& db) -> std::optional<IdempotentRecord> {
    SQLite::Statement st(
        db,
        "SELECT body_hash, status, content_type, location, body, created_at FROM idempotency_keys "
        "WHERE scope = ? AND key = ?");
    st.bind(1, scope);
    st.bind(2, key);
    if (!st.executeStep()) return std::nullopt;
    IdempotentRecord r;
    r.scope = scope;
    r.key = key;
    r.body_hash = st.getColumn(0).getString();
    r.status = st.getColumn(1).getInt();
    r.content_type = st.getColumn(2).getString();
    r.location = optional_text(st, 3);
    r.body = st.getColumn(4).getString();
    r.created_at = st.getColumn(5).getString();
    return r;
  });
}

void IdempotencyStore::save(const IdempotentRecord& r, std::string_view expired_before) {
  db_.write([&](SQLite::Database& db) {
    SQLite::Statement st(
        db,
        "INSERT INTO idempotency_keys (scope, key, body_hash, status, content_type, location, body, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (scope, key) DO UPDATE SET "
        "body_hash = excluded.body_hash, status = excluded.status, content_type = excluded.content_type, "
        "location = excluded.location, body = excluded.body, created_at = excluded.created_at "
        "WHERE idempotency_keys.created_at < ?");
    st.bind(1, r.scope);
    st.bind(2, r.key);
    st.bind(3, r.body_hash);
    st.bind(4, r.status);
    st.bind(5, r.content_type);
    if (r.location) {
      st.bind(6, *r.location);
    } else {
      st.bind(6);
    }
    st.bind(7, r.body);
    st.bind(8, r.created_at);
    st.bind(9, std::string(expired_before));  // "" sorts first: nothing is replaced
    st.exec();
  });
}

int IdempotencyStore::purge_before(std::string_view cutoff_rfc3339) {
  return db_.write([&](SQLite::Database& db) {
    SQLite::Statement st(db, "DELETE FROM idempotency_keys WHERE created_at < ?");
    st.bind(1, std::string(cutoff_rfc3339));
    return st.exec();
  });
}

int IdempotencyStore::purge_if_due(std::string_view cutoff_rfc3339) {
  const long long every = options_.purge_every_saves < 1 ? 1 : options_.purge_every_saves;
  if (cutoff_rfc3339.empty() || (saves_.fetch_add(1) + 1) % every != 0) return 0;
  return purge_before(cutoff_rfc3339);
}

IdempotencyStore::KeyLock::KeyLock(IdempotencyStore& store, std::string id)
    : store_(store), id_(std::move(id)) {
  std::unique_lock lock(store_.mutex_);
  // Only requests for the same (scope, key) wait here; the held set stays as small as the keys in flight.
  store_.released_.wait(lock, [&] { return store_.held_.find(id_) == store_.held_.end(); });
  store_.held_.insert(id_);
}

IdempotencyStore::KeyLock::~KeyLock() {
  {
    std::lock_guard lock(store_.mutex_);
    store_.held_.erase(id_);
  }
  store_.released_.notify_all();
}

std::string idempotency_caller(const Request& req) {
  return req.principal ? req.principal->subject : "anonymous:" + req.client_ip;
}

Response idempotent(IdempotencyStore& store, const Request& req, std::string_view now_rfc3339,
                    const std::function<Response()>& create) {
  return idempotent(store, req, idempotency_caller(req), now_rfc3339, create);
}

Response idempotent(IdempotencyStore& store, const Request& req, std::string_view caller,
                    std::string_view now_rfc3339, const std::function<Response()>& create) {
  const auto key = req.header("Idempotency-Key");
  if (!key) return create();
  if (key->empty() || key->size() > kMaxKeyLength) {
    return problem(
        req, bad_request({core::FieldError{"Idempotency-Key",
                                           "invalid_format",
                                           {"La clave de idempotencia debe tener entre 1 y 255 caracteres.",
                                            "The idempotency key must have 1 to 255 characters."}}}));
  }
  const std::string scope = std::string(caller) + " " + req.route;
  const std::string body_hash = security::sha256_hex(req.body);
  // Same-key requests run one at a time from here on, so the second one sees what the first kept.
  const IdempotencyStore::KeyLock lock(store, scope + '\n' + *key);
  const std::string cutoff = expiry_cutoff(now_rfc3339, store.options().retention);
  if (const auto previous = store.find(scope, *key); previous && !expired(*previous, cutoff)) {
    if (previous->body_hash == body_hash) return replay(*previous);
    return problem(req, conflict("idempotency_key_reused",
                                 {"La clave de idempotencia ya se usó con otro contenido.",
                                  "The idempotency key was already used with a different body."}));
  }
  Response response = create();
  if (response.status >= 200 && response.status < 300) {
    const auto location = response.headers.find("Location");
    store.save(
        IdempotentRecord{scope, *key, body_hash, response.status, response.content_type,
                         location == response.headers.end() ? std::nullopt : std::optional{location->second},
                         response.body, std::string(now_rfc3339)},
        cutoff);
    store.purge_if_due(cutoff);
  }
  return response;
}

}  // namespace portal::http
