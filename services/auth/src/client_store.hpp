#pragma once
// AUTH-4 integrator clients (OAuth2 client_credentials): SQL only.
#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>
#include <string>
#include <vector>

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

std::optional<ClientRecord> find(SQLite::Database& db, const std::string& client_id);
void insert(SQLite::Database& db, const ClientRecord& c);

}  // namespace portal::auth::client_store
