#pragma once
// Refresh tokens, single-use e-mail tokens and failed-login records (AUTH-3, AUTH-4, AUTH-6): SQL only, one
// text for SQLite and PostgreSQL (libs/db). Tokens are stored by SHA-256 only; instants as RFC 3339 text,
// failures as unix milliseconds.
#include <optional>
#include <string>
#include <vector>

#include "portal/core/clock.hpp"
#include "portal/db/connection.hpp"

namespace portal::auth::token_store {

struct RefreshRow {
  long long id = 0;
  std::string family_id;
  long long user_id = 0;
  std::string expires_at;
  bool rotated = false;
  bool revoked = false;
};

void insert_refresh(db::Connection& c, const std::string& token_hash, const std::string& family_id,
                    long long user_id, const std::string& issued_at, const std::string& expires_at);
std::optional<RefreshRow> find_refresh(db::Connection& c, const std::string& token_hash);
// Marks the token rotated unless it already is (or was revoked): false when another request got there
// first (with several replicas on PostgreSQL, its UPDATE waits for that one's commit, then matches nothing).
bool mark_rotated(db::Connection& c, long long id, const std::string& now);
void revoke_family(db::Connection& c, const std::string& family_id, const std::string& now);
void revoke_user(db::Connection& c, long long user_id, const std::string& now);
// Access tokens of the user issued before `now` are refused by every service within seconds (issue 9):
// logout, changed roles or permissions. revoke_user does this too.
void revoke_access(db::Connection& c, long long user_id, const std::string& reason, const std::string& now);

struct OneTimeRow {
  long long id = 0;
  std::string purpose;
  long long user_id = 0;
  std::string expires_at;
  bool used = false;
};

void insert_one_time(db::Connection& c, const std::string& token_hash, const std::string& purpose,
                     long long user_id, const std::string& created_at, const std::string& expires_at);
std::optional<OneTimeRow> find_one_time(db::Connection& c, const std::string& token_hash);
// Uses the token unless it already is used: false when another request used it first (single use holds
// across replicas, as mark_rotated).
bool mark_used(db::Connection& c, long long id, const std::string& now);
// Earlier unused links of that purpose stop working when a new one is sent or one is used.
void invalidate_one_time(db::Connection& c, long long user_id, const std::string& purpose,
                         const std::string& now);

void record_failure(db::Connection& c, const std::string& account_key, const std::string& client_ip,
                    core::Instant at);
std::vector<core::Instant> failures_for_account(db::Connection& c, const std::string& account_key,
                                                core::Instant since);
std::vector<core::Instant> failures_for_account_address(db::Connection& c, const std::string& account_key,
                                                        const std::string& client_ip, core::Instant since);
std::vector<core::Instant> failures_for_address(db::Connection& c, const std::string& client_ip,
                                                core::Instant since);
// Rows older than `before` no longer matter to any window.
void prune_failures(db::Connection& c, core::Instant before);

}  // namespace portal::auth::token_store
