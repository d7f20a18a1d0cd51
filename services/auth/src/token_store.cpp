#include "token_store.hpp"

namespace portal::auth::token_store {
namespace {

long long ms(core::Instant t) { return t.time_since_epoch().count(); }

std::vector<core::Instant> instants(SQLite::Statement& st) {
  std::vector<core::Instant> out;
  while (st.executeStep()) out.emplace_back(std::chrono::milliseconds{st.getColumn(0).getInt64()});
  return out;
}

}  // namespace

void insert_refresh(SQLite::Database& db, const std::string& token_hash, const std::string& family_id, long long user_id,
                    const std::string& issued_at, const std::string& expires_at) {
  SQLite::Statement st(db,
                       "INSERT INTO refresh_tokens (token_hash, family_id, user_id, issued_at, expires_at) "
                       "VALUES (?, ?, ?, ?, ?)");
  st.bind(1, token_hash);
  st.bind(2, family_id);
  st.bind(3, static_cast<int64_t>(user_id));
  st.bind(4, issued_at);
  st.bind(5, expires_at);
  st.exec();
}

std::optional<RefreshRow> find_refresh(SQLite::Database& db, const std::string& token_hash) {
  SQLite::Statement st(db,
                       "SELECT id, family_id, user_id, expires_at, rotated_at IS NOT NULL, revoked_at IS NOT NULL "
                       "FROM refresh_tokens WHERE token_hash = ?");
  st.bind(1, token_hash);
  if (!st.executeStep()) return std::nullopt;
  return RefreshRow{st.getColumn(0).getInt64(), st.getColumn(1).getString(), st.getColumn(2).getInt64(),
                    st.getColumn(3).getString(), st.getColumn(4).getInt() != 0, st.getColumn(5).getInt() != 0};
}

void mark_rotated(SQLite::Database& db, long long id, const std::string& now) {
  SQLite::Statement st(db, "UPDATE refresh_tokens SET rotated_at = ? WHERE id = ?");
  st.bind(1, now);
  st.bind(2, static_cast<int64_t>(id));
  st.exec();
}

void revoke_family(SQLite::Database& db, const std::string& family_id, const std::string& now) {
  SQLite::Statement st(db, "UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL");
  st.bind(1, now);
  st.bind(2, family_id);
  st.exec();
}

void revoke_user(SQLite::Database& db, long long user_id, const std::string& now) {
  SQLite::Statement st(db, "UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL");
  st.bind(1, now);
  st.bind(2, static_cast<int64_t>(user_id));
  st.exec();
}

void insert_one_time(SQLite::Database& db, const std::string& token_hash, const std::string& purpose, long long user_id,
                     const std::string& created_at, const std::string& expires_at) {
  SQLite::Statement st(db,
                       "INSERT INTO one_time_tokens (token_hash, purpose, user_id, created_at, expires_at) "
                       "VALUES (?, ?, ?, ?, ?)");
  st.bind(1, token_hash);
  st.bind(2, purpose);
  st.bind(3, static_cast<int64_t>(user_id));
  st.bind(4, created_at);
  st.bind(5, expires_at);
  st.exec();
}

std::optional<OneTimeRow> find_one_time(SQLite::Database& db, const std::string& token_hash) {
  SQLite::Statement st(db,
                       "SELECT id, purpose, user_id, expires_at, used_at IS NOT NULL FROM one_time_tokens "
                       "WHERE token_hash = ?");
  st.bind(1, token_hash);
  if (!st.executeStep()) return std::nullopt;
  return OneTimeRow{st.getColumn(0).getInt64(), st.getColumn(1).getString(), st.getColumn(2).getInt64(),
                    st.getColumn(3).getString(), st.getColumn(4).getInt() != 0};
}

void mark_used(SQLite::Database& db, long long id, const std::string& now) {
  SQLite::Statement st(db, "UPDATE one_time_tokens SET used_at = ? WHERE id = ?");
  st.bind(1, now);
  st.bind(2, static_cast<int64_t>(id));
  st.exec();
}

void invalidate_one_time(SQLite::Database& db, long long user_id, const std::string& purpose, const std::string& now) {
  SQLite::Statement st(db,
                       "UPDATE one_time_tokens SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL");
  st.bind(1, now);
  st.bind(2, static_cast<int64_t>(user_id));
  st.bind(3, purpose);
  st.exec();
}

void record_failure(SQLite::Database& db, const std::string& account_key, const std::string& client_ip,
                    core::Instant at) {
  SQLite::Statement st(db, "INSERT INTO login_failures (account_key, client_ip, at) VALUES (?, ?, ?)");
  st.bind(1, account_key);
  st.bind(2, client_ip);
  st.bind(3, static_cast<int64_t>(ms(at)));
  st.exec();
}

std::vector<core::Instant> failures_for_account(SQLite::Database& db, const std::string& account_key,
                                                core::Instant since) {
  SQLite::Statement st(db, "SELECT at FROM login_failures WHERE account_key = ? AND at > ?");
  st.bind(1, account_key);
  st.bind(2, static_cast<int64_t>(ms(since)));
  return instants(st);
}

std::vector<core::Instant> failures_for_address(SQLite::Database& db, const std::string& client_ip,
                                                core::Instant since) {
  SQLite::Statement st(db, "SELECT at FROM login_failures WHERE client_ip = ? AND at > ?");
  st.bind(1, client_ip);
  st.bind(2, static_cast<int64_t>(ms(since)));
  return instants(st);
}

void prune_failures(SQLite::Database& db, core::Instant before) {
  SQLite::Statement st(db, "DELETE FROM login_failures WHERE at <= ?");
  st.bind(1, static_cast<int64_t>(ms(before)));
  st.exec();
}

}  // namespace portal::auth::token_store
