#include "portal/http/idempotency.hpp"

#include "policies.hpp"
#include "portal/core/clock.hpp"
#include "portal/http/server.hpp"
#include "portal/json/json.hpp"
#include "portal/security/password.hpp"

namespace portal::http {
namespace {

constexpr std::size_t kMaxKeyLength = 255;  // SPEC §2

// The fingerprints of a request body: of its canonical form when it is JSON, and of its bytes.
struct BodyHashes {
  std::string body;
  std::string raw;  // empty when equal to body
};

BodyHashes body_hashes(const Request& req) {
  const auto type = req.header("Content-Type");
  if (type && policy::is_json_media_type(*type))
    if (auto canonical = json::canonical(req.body); canonical && *canonical != req.body)
      return {security::sha256_hex(*canonical), security::sha256_hex(req.body)};
  return {security::sha256_hex(req.body), {}};
}

Response replay(const IdempotentRecord& record) {
  Response response;
  response.with_header("Idempotent-Replayed", "true");
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

Response key_reused(const Request& req) {
  return problem(req, conflict("idempotency_key_reused",
                               {"La clave de idempotencia ya se usó con otro contenido.",
                                "The idempotency key was already used with a different body."}));
}

}  // namespace

std::optional<IdempotentRecord> IdempotencyStore::find(const std::string& scope, const std::string& key) {
  return db_.read([&](db::Connection& c) {
    return c.query_one(
        "SELECT body_hash, status, content_type, location, body, created_at FROM idempotency_keys "
        "WHERE scope = ? AND key = ?",
        {scope, key}, [&](const db::Row& r) {
          return IdempotentRecord{scope,     key,      r.text(0), r.int32(1), r.text(2), r.optional_text(3),
                                  r.text(4), r.text(5)};
        });
  });
}

int IdempotencyStore::purge_before(std::string_view cutoff_rfc3339) {
  return static_cast<int>(db_.write([&](db::Connection& c) {
    return c.exec("DELETE FROM idempotency_keys WHERE created_at < ?", {std::string(cutoff_rfc3339)});
  }));
}

int IdempotencyStore::purge_if_due(std::string_view cutoff_rfc3339) {
  const long long every = options_.purge_every_saves < 1 ? 1 : options_.purge_every_saves;
  if (cutoff_rfc3339.empty() || (saves_.fetch_add(1) + 1) % every != 0) return 0;
  return purge_before(cutoff_rfc3339);
}

IdempotentWrite::IdempotentWrite(IdempotencyStore* store, std::string scope, std::string key,
                                 std::string body_hash, std::string now, std::string cutoff)
    : store_(store),
      scope_(std::move(scope)),
      key_(std::move(key)),
      body_hash_(std::move(body_hash)),
      now_(std::move(now)),
      cutoff_(std::move(cutoff)) {}

void IdempotentWrite::claim(db::Connection& c) {
  // A live record for the key (another request's, committed) leaves the upsert without a row: the key is
  // taken. An expired one is taken over. The primary key makes a concurrent claimant wait or conflict.
  const auto claimed = c.query_int64(
      "INSERT INTO idempotency_keys (scope, key, body_hash, status, content_type, location, body, "
      "created_at) "
      "VALUES (?, ?, ?, 0, '', NULL, '', ?) ON CONFLICT (scope, key) DO UPDATE SET body_hash = "
      "excluded.body_hash, "
      "status = 0, content_type = '', location = NULL, body = '', created_at = excluded.created_at "
      "WHERE idempotency_keys.created_at < ? RETURNING status",
      {scope_, key_, body_hash_, now_, cutoff_});  // "" sorts first: nothing expires
  if (!claimed) throw detail::KeyTaken{};
}

void IdempotentWrite::record(db::Connection& c, const Response& response) {
  const auto location = response.headers.find("Location");
  c.exec(
      "UPDATE idempotency_keys SET status = ?, content_type = ?, location = ?, body = ? WHERE scope = ? AND "
      "key = ?",
      {response.status, response.content_type,
       location == response.headers.end() ? std::nullopt : std::optional<std::string>(location->second),
       response.body, scope_, key_});
}

Response IdempotentWrite::answer_for_taken_key(const Request* req) {
  const auto previous = store_->find(scope_, key_);
  Request fallback;
  const Request& r = req != nullptr ? *req : fallback;
  if (!previous) {
    // Held by a record that expired and was purged meanwhile: nothing was created for this request.
    return problem(
        r, conflict("idempotency_key_in_use", {"La clave de idempotencia está en uso; intente de nuevo.",
                                               "The idempotency key is in use; please try again."}));
  }
  if (!same_body(previous->body_hash)) return key_reused(r);
  replayed_ = replay(*previous);
  return *replayed_;
}

std::string idempotency_caller(const Request& req) {
  return req.principal ? req.principal->subject : "anonymous:" + req.client_ip;
}

Response idempotent(IdempotencyStore& store, const Request& req, std::string_view now_rfc3339,
                    const std::function<Response(IdempotentWrite&)>& create) {
  return idempotent(store, req, idempotency_caller(req), now_rfc3339, create);
}

Response idempotent(IdempotencyStore& store, const Request& req, std::string_view caller,
                    std::string_view now_rfc3339, const std::function<Response(IdempotentWrite&)>& create) {
  const auto key = req.header("Idempotency-Key");
  if (!key) {
    IdempotentWrite plain(nullptr, {}, {}, {}, {}, {});
    plain.req_ = &req;
    return create(plain);
  }
  if (key->empty() || key->size() > kMaxKeyLength) {
    return problem(
        req, bad_request({core::FieldError{"Idempotency-Key",
                                           "invalid_format",
                                           {"La clave de idempotencia debe tener entre 1 y 255 caracteres.",
                                            "The idempotency key must have 1 to 255 characters."}}}));
  }
  const std::string scope = std::string(caller) + " " + req.route;
  auto hashes = body_hashes(req);
  const std::string cutoff = expiry_cutoff(now_rfc3339, store.options().retention);
  IdempotentWrite keyed(&store, scope, *key, std::move(hashes.body), std::string(now_rfc3339), cutoff);
  keyed.raw_hash_ = std::move(hashes.raw);
  keyed.req_ = &req;
  // The common retry: answered from the record without running create() again.
  if (const auto previous = store.find(scope, *key); previous && !expired(*previous, cutoff)) {
    if (keyed.same_body(previous->body_hash)) return replay(*previous);
    return key_reused(req);
  }
  Response response = create(keyed);
  if (!keyed.replayed() && response.status >= 200 && response.status < 300) store.purge_if_due(cutoff);
  return response;
}

}  // namespace portal::http
