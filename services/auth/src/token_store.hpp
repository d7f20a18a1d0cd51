#pragma once
// Refresh tokens, single-use e-mail tokens and failed-login records (AUTH-3, AUTH-4, AUTH-6): SQL only.
// Tokens are stored by SHA-256 only; instants as RFC 3339 text, failures as unix milliseconds.
#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>
#include <string>
#include <vector>

#include "portal/core/clock.hpp"

namespace portal::auth::token_store {

struct RefreshRow {
  long long id = 0;
  std::string family_id;
  long long user_id = 0;
  std::string expires_at;
  bool rotated = false;
  bool revoked = false;
};

void insert_refresh(SQLite::Database& db, const std::string& token_hash, const std::string& family_id, long long user_id,
                    const std::string& issued_at, const std::string& expires_at);
std::optional<RefreshRow> find_refresh(SQLite::Database& db, const std::string& token_hash);
void mark_rotated(SQLite::Database& db, long long id, const std::string& now);
void revoke_family(SQLite::Database& db, const std::string& family_id, const std::string& now);
void revoke_user(SQLite::Database& db, long long user_id, const std::string& now);

struct OneTimeRow {
  long long id = 0;
  std::string purpose;
  long long user_id = 0;
  std::string expires_at;
  bool used = false;
};

void insert_one_time(SQLite::Database& db, const std::string& token_hash, const std::string& purpose, long long user_id,
                     const std::string& created_at, const std::string& expires_at);
std::optional<OneTimeRow> find_one_time(SQLite::Database& db, const std::string& token_hash);
void mark_used(SQLite::Database& db, long long id, const std::string& now);
// Earlier unused links of that purpose stop working when a new one is sent or one is used.
void invalidate_one_time(SQLite::Database& db, long long user_id, const std::string& purpose, const std::string& now);

void record_failure(SQLite::Database& db, const std::string& account_key, const std::string& client_ip,
                    core::Instant at);
std::vector<core::Instant> failures_for_account(SQLite::Database& db, const std::string& account_key, core::Instant since);
std::vector<core::Instant> failures_for_address(SQLite::Database& db, const std::string& client_ip, core::Instant since);
// Rows older than `before` no longer matter to any window.
void prune_failures(SQLite::Database& db, core::Instant before);

}  // namespace portal::auth::token_store
