#pragma once
// Provider users and employees (AUTH-2, AUTH-3, AUTH-7, AUTH-8, AUTH-9): SQL only.
#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>
#include <string>
#include <vector>

#include "records.hpp"

namespace portal::auth::user_store {

std::optional<UserRecord> find_by_id(SQLite::Database& db, long long id);
// Usernames compare case-insensitively.
std::optional<UserRecord> find_provider_user(SQLite::Database& db, long long provider_id, const std::string& username);
std::optional<UserRecord> find_employee(SQLite::Database& db, const std::string& username);
bool username_taken(SQLite::Database& db, const std::string& user_type, std::optional<long long> provider_id,
                    const std::string& username);
// AUTH-8: one user per document within a provider.
bool document_taken(SQLite::Database& db, long long provider_id, const std::string& document_type,
                    const std::string& document_number);
bool employee_document_taken(SQLite::Database& db, const std::string& document_type, const std::string& document_number);
// AUTH-6: the provider user whose document and e-mail match, in a provider that has that branch.
std::optional<UserRecord> find_for_provider_reset(SQLite::Database& db, const std::string& nit,
                                                  const std::string& habilitation_code,
                                                  const std::string& document_number, const std::string& email);
std::optional<UserRecord> find_for_employee_reset(SQLite::Database& db, const std::string& username,
                                                  const std::string& email);

// provider_id set: that provider's users; nullopt: employees. Ordered by username.
std::vector<UserRecord> list(SQLite::Database& db, std::optional<long long> provider_id, const Page& page);
long long count(SQLite::Database& db, std::optional<long long> provider_id);

long long insert(SQLite::Database& db, const UserRecord& u);
// Writes every mutable column of u (profile, roles, permissions, status, validity, e-mail).
void update(SQLite::Database& db, const UserRecord& u);
void set_password(SQLite::Database& db, long long id, const std::string& hash, const std::string& now);
void set_status(SQLite::Database& db, long long id, const std::string& status, const std::string& now);

}  // namespace portal::auth::user_store
