#pragma once
// AUTH-1 provider registry: SQL only.
#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>
#include <string>
#include <vector>

#include "records.hpp"

namespace portal::auth::provider_store {

std::optional<ProviderRecord> find_by_nit(SQLite::Database& db, const std::string& nit);
std::optional<ProviderRecord> find_by_id(SQLite::Database& db, long long id);
std::vector<ProviderRecord> list(SQLite::Database& db, const Page& page);
long long count(SQLite::Database& db);
std::vector<BranchRecord> branches(SQLite::Database& db, long long provider_id);
std::optional<BranchRecord> find_branch(SQLite::Database& db, long long provider_id, const std::string& habilitation_code);
bool habilitation_code_taken(SQLite::Database& db, const std::string& habilitation_code);
// The contact with that document in one of the provider's branches (in that branch when given).
std::optional<ContactRecord> find_contact(SQLite::Database& db, long long provider_id, const std::string& document_number,
                                          const std::optional<std::string>& habilitation_code);
std::vector<ContactRecord> contacts(SQLite::Database& db, long long branch_id);
// AUTH-2: once a provider has an admin, self-registration answers "already registered".
bool has_admin(SQLite::Database& db, long long provider_id);

long long insert_provider(SQLite::Database& db, const ProviderRecord& p);
long long insert_branch(SQLite::Database& db, const BranchRecord& b);
long long insert_contact(SQLite::Database& db, const ContactRecord& c);

}  // namespace portal::auth::provider_store
