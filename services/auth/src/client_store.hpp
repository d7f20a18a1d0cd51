#pragma once
// AUTH-4 integrator clients (OAuth2 client_credentials): SQL only (SQLite and PostgreSQL).
#include <optional>
#include <string>
#include <vector>

#include "portal/db/connection.hpp"

namespace portal::auth::client_store {

struct ClientRecord {
  std::string client_id;
  std::string name;
  std::string secret_hash;  // argon2id PHC string
  std::optional<long long> provider_id;
  std::optional<std::string> provider_nit;  // joined
  std::vector<std::string> scopes;
  bool active = true;
  std::string created_at;
};

std::optional<ClientRecord> find(db::Connection& c, const std::string& client_id);
// Throws db::UniqueViolation when the client_id exists (a concurrent creation got there first).
void insert(db::Connection& c, const ClientRecord& client);

}  // namespace portal::auth::client_store
