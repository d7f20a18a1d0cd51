#pragma once
// AUTH-10 site policies and their acceptance per user: SQL only.
#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>
#include <string>

namespace portal::auth::policy_store {

struct PolicyRecord {
  std::string version, title, text, published_at;
};

// The newest published policy (by publication instant).
std::optional<PolicyRecord> current(SQLite::Database& db, const std::string& now);
// Records the acceptance once; accepting the same version again changes nothing.
void accept(SQLite::Database& db, long long user_id, const std::string& version, const std::string& at,
            const std::string& client_ip);
std::optional<std::string> latest_accepted(SQLite::Database& db, long long user_id);

}  // namespace portal::auth::policy_store
