#pragma once
// Provider users and employees (AUTH-2, AUTH-3, AUTH-7, AUTH-8, AUTH-9): SQL only, one text for SQLite and
// PostgreSQL (libs/db).
#include <optional>
#include <string>
#include <vector>

#include "portal/db/connection.hpp"
#include "records.hpp"

namespace portal::auth::user_store {

std::optional<UserRecord> find_by_id(db::Connection& c, long long id);
// Usernames compare case-insensitively (users.username is COLLATE NOCASE: CITEXT on PostgreSQL).
std::optional<UserRecord> find_provider_user(db::Connection& c, long long provider_id,
                                             const std::string& username);
std::optional<UserRecord> find_employee(db::Connection& c, const std::string& username);
bool username_taken(db::Connection& c, const std::string& user_type, std::optional<long long> provider_id,
                    const std::string& username);
// AUTH-8: one user per document within a provider.
bool document_taken(db::Connection& c, long long provider_id, const std::string& document_type,
                    const std::string& document_number);
bool employee_document_taken(db::Connection& c, const std::string& document_type,
                             const std::string& document_number);
// AUTH-6: the provider user whose document and e-mail match, in a provider that has that branch. E-mails
// compare ignoring ASCII case only, the same on both backends.
std::optional<UserRecord> find_for_provider_reset(db::Connection& c, const std::string& nit,
                                                  const std::string& habilitation_code,
                                                  const std::string& document_number,
                                                  const std::string& email);
std::optional<UserRecord> find_for_employee_reset(db::Connection& c, const std::string& username,
                                                  const std::string& email);

// Issue 9: the provider's pending (never activated) user with that document, if any: the earlier
// self-registration of the same contact, which a new one replaces.
std::optional<UserRecord> find_pending_provider_user(db::Connection& c, long long provider_id,
                                                     const std::string& document_type,
                                                     const std::string& document_number);

// provider_id set: that provider's users; nullopt: employees. Ordered by username.
std::vector<UserRecord> list(db::Connection& c, std::optional<long long> provider_id, const Page& page);
long long count(db::Connection& c, std::optional<long long> provider_id);

long long insert(db::Connection& c, const UserRecord& u);
// Writes every mutable column of u (profile, roles, permissions, status, validity, e-mail).
void update(db::Connection& c, const UserRecord& u);
void set_password(db::Connection& c, long long id, const std::string& hash, const std::string& now);
// Issue 9: a replaced self-registration keeps its row but loses any password and moves to `branch_id`.
void reset_pending(db::Connection& c, long long id, long long branch_id, const std::string& now);
void set_status(db::Connection& c, long long id, const std::string& status, const std::string& now);
// Makes concurrent writes about one user's single-use links take turns (see provider_store::lock). Call
// before touching the user's tokens; false when there is no such user.
bool lock(db::Connection& c, long long id);

}  // namespace portal::auth::user_store
