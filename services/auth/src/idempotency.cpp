#include "idempotency.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "auth_http.hpp"
#include "portal/security/password.hpp"
#include "sql_values.hpp"

namespace portal::auth {
namespace {

struct Stored {
  std::string body_hash;
  http::Response response;
};

std::optional<Stored> find(SQLite::Database& db, const std::string& scope, const std::string& key) {
  SQLite::Statement st(db,
                       "SELECT body_hash, status, content_type, location, body FROM idempotency_keys "
                       "WHERE scope = ? AND key = ?");
  st.bind(1, scope);
  st.bind(2, key);
  if (!st.executeStep()) return std::nullopt;
  Stored s;
  s.body_hash = st.getColumn(0).getString();
  s.response.status = st.getColumn(1).getInt();
  s.response.content_type = st.getColumn(2).getString();
  if (const auto location = sql::text(st, 3)) s.response.with_header("Location", *location);
  s.response.body = st.getColumn(4).getString();
  return s;
}

}  // namespace

http::Response idempotent(AuthContext& ctx, http::Request& req, const std::function<http::Response()>& create) {
  const auto key = req.header("Idempotency-Key");
  if (!key) return create();
  if (key->empty() || key->size() > 255) {
    return http::problem(req, http::bad_request({core::FieldError{
                                  "Idempotency-Key", "invalid_format",
                                  {"La clave de idempotencia debe tener entre 1 y 255 caracteres.",
                                   "The idempotency key must have 1 to 255 characters."}}}));
  }
  const std::string caller = req.principal ? req.principal->subject : "anonymous:" + client_address(req, ctx);
  const std::string scope = caller + " " + req.route;
  const std::string body_hash = security::sha256_hex(req.body);
  const auto previous = ctx.db->read([&](SQLite::Database& db) { return find(db, scope, *key); });
  if (previous) {
    if (previous->body_hash == body_hash) return previous->response;
    return http::problem(req, http::conflict("idempotency_key_reused",
                                             {"La clave de idempotencia ya se usó con otro contenido.",
                                              "The idempotency key was already used with a different body."}));
  }
  http::Response response = create();
  // Only successes are kept: a failed attempt created nothing, so running it again is the same retry.
  if (response.status >= 200 && response.status < 300) {
    ctx.db->write([&](SQLite::Database& db) {
      SQLite::Statement st(db,
                           "INSERT INTO idempotency_keys (scope, key, body_hash, status, content_type, location, body, "
                           "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (scope, key) DO NOTHING");
      st.bind(1, scope);
      st.bind(2, *key);
      st.bind(3, body_hash);
      st.bind(4, response.status);
      st.bind(5, response.content_type);
      const auto location = response.headers.find("Location");
      sql::bind(st, 6, location == response.headers.end() ? std::nullopt : std::optional{location->second});
      st.bind(7, response.body);
      st.bind(8, ctx.now_text());
      st.exec();
    });
  }
  return response;
}

}  // namespace portal::auth
