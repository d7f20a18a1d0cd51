#include "token_store.hpp"

#include "portal/core/clock.hpp"
#include "revocation_store.hpp"

namespace portal::auth::token_store {
namespace {

long long ms(core::Instant t) { return t.time_since_epoch().count(); }

core::Instant instant(const db::Row& r) { return core::Instant{std::chrono::milliseconds{r.int64(0)}}; }

}  // namespace

void insert_refresh(db::Connection& c, const std::string& token_hash, const std::string& family_id,
                    long long user_id, const std::string& issued_at, const std::string& expires_at) {
  c.exec(
      "INSERT INTO refresh_tokens (token_hash, family_id, user_id, issued_at, expires_at) VALUES (?, ?, ?, "
      "?, ?)",
      {token_hash, family_id, user_id, issued_at, expires_at});
}

std::optional<RefreshRow> find_refresh(db::Connection& c, const std::string& token_hash) {
  // The instants themselves, not `rotated_at IS NOT NULL`: PostgreSQL would answer a boolean, SQLite 0/1.
  return c.query_one(
      "SELECT id, family_id, user_id, expires_at, rotated_at, revoked_at FROM refresh_tokens WHERE "
      "token_hash = ?",
      {token_hash}, [](const db::Row& r) {
        return RefreshRow{r.int64(0), r.text(1), r.int64(2), r.text(3), !r.is_null(4), !r.is_null(5)};
      });
}

bool mark_rotated(db::Connection& c, long long id, const std::string& now) {
  return c.exec(
             "UPDATE refresh_tokens SET rotated_at = ? WHERE id = ? AND rotated_at IS NULL AND revoked_at IS "
             "NULL",
             {now, id}) == 1;
}

void revoke_family(db::Connection& c, const std::string& family_id, const std::string& now) {
  c.exec("UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL",
         {now, family_id});
}

void revoke_user(db::Connection& c, long long user_id, const std::string& now) {
  c.exec("UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", {now, user_id});
  // The access tokens already issued end too, within seconds, everywhere (issue 9).
  revoke_access(c, user_id, "sessions_ended", now);
}

void revoke_access(db::Connection& c, long long user_id, const std::string& reason, const std::string& now) {
  const auto instant = core::parse_rfc3339(now);
  revocation_store::revoke(c, "user:" + std::to_string(user_id), instant ? core::unix_seconds(*instant) : 0,
                           reason, now);
}

void insert_one_time(db::Connection& c, const std::string& token_hash, const std::string& purpose,
                     long long user_id, const std::string& created_at, const std::string& expires_at) {
  c.exec(
      "INSERT INTO one_time_tokens (token_hash, purpose, user_id, created_at, expires_at) VALUES (?, ?, ?, "
      "?, ?)",
      {token_hash, purpose, user_id, created_at, expires_at});
}

std::optional<OneTimeRow> find_one_time(db::Connection& c, const std::string& token_hash) {
  return c.query_one(
      "SELECT id, purpose, user_id, expires_at, used_at FROM one_time_tokens WHERE token_hash = ?",
      {token_hash}, [](const db::Row& r) {
        return OneTimeRow{r.int64(0), r.text(1), r.int64(2), r.text(3), !r.is_null(4)};
      });
}

bool mark_used(db::Connection& c, long long id, const std::string& now) {
  return c.exec("UPDATE one_time_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL", {now, id}) == 1;
}

void invalidate_one_time(db::Connection& c, long long user_id, const std::string& purpose,
                         const std::string& now) {
  c.exec("UPDATE one_time_tokens SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL",
         {now, user_id, purpose});
}

void record_failure(db::Connection& c, const std::string& account_key, const std::string& client_ip,
                    core::Instant at) {
  c.exec("INSERT INTO login_failures (account_key, client_ip, at) VALUES (?, ?, ?)",
         {account_key, client_ip, ms(at)});
}

std::vector<core::Instant> failures_for_account(db::Connection& c, const std::string& account_key,
                                                core::Instant since) {
  return c.query_all("SELECT at FROM login_failures WHERE account_key = ? AND at > ?",
                     {account_key, ms(since)}, instant);
}

std::vector<core::Instant> failures_for_account_address(db::Connection& c, const std::string& account_key,
                                                        const std::string& client_ip, core::Instant since) {
  return c.query_all("SELECT at FROM login_failures WHERE account_key = ? AND client_ip = ? AND at > ?",
                     {account_key, client_ip, ms(since)}, instant);
}

std::vector<core::Instant> failures_for_address(db::Connection& c, const std::string& client_ip,
                                                core::Instant since) {
  return c.query_all("SELECT at FROM login_failures WHERE client_ip = ? AND at > ?", {client_ip, ms(since)},
                     instant);
}

void prune_failures(db::Connection& c, core::Instant before) {
  c.exec("DELETE FROM login_failures WHERE at <= ?", {ms(before)});
}

}  // namespace portal::auth::token_store
