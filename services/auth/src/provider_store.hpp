#pragma once
// AUTH-1 provider registry: SQL only, one text for SQLite and PostgreSQL (libs/db).
#include <optional>
#include <string>
#include <vector>

#include "portal/db/connection.hpp"
#include "records.hpp"

namespace portal::auth::provider_store {

std::optional<ProviderRecord> find_by_nit(db::Connection& c, const std::string& nit);
std::optional<ProviderRecord> find_by_id(db::Connection& c, long long id);
std::vector<ProviderRecord> list(db::Connection& c, const Page& page);
long long count(db::Connection& c);
std::vector<BranchRecord> branches(db::Connection& c, long long provider_id);
std::optional<BranchRecord> find_branch(db::Connection& c, long long provider_id,
                                        const std::string& habilitation_code);
bool habilitation_code_taken(db::Connection& c, const std::string& habilitation_code);
// The contact with that document in one of the provider's branches (in that branch when given).
std::optional<ContactRecord> find_contact(db::Connection& c, long long provider_id,
                                          const std::string& document_number,
                                          const std::optional<std::string>& habilitation_code);
std::vector<ContactRecord> contacts(db::Connection& c, long long branch_id);
// AUTH-2: once a provider has an admin, self-registration answers "already registered".
bool has_admin(db::Connection& c, long long provider_id);
// Issue 9: an administrator who has activated their account (active or since deactivated). A pending
// self-registration does not count: it must not block the real contact (manual 001 §2.2).
bool has_active_admin(db::Connection& c, long long provider_id);

// Makes concurrent writes about one provider's users take turns: on PostgreSQL the row lock holds a
// second writer until the first commits (each statement of READ COMMITTED then sees the first's rows),
// as SQLite's single writer always does. Call first in the write; false when there is no such provider.
bool lock(db::Connection& c, long long provider_id);

long long insert_provider(db::Connection& c, const ProviderRecord& p);
long long insert_branch(db::Connection& c, const BranchRecord& b);
long long insert_contact(db::Connection& c, const ContactRecord& contact);

}  // namespace portal::auth::provider_store
