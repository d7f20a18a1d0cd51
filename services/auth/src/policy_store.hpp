#pragma once
// AUTH-10 site policies and their acceptance per user: SQL only (SQLite and PostgreSQL).
#include <optional>
#include <string>

#include "portal/db/connection.hpp"

namespace portal::auth::policy_store {

struct PolicyRecord {
  std::string version, title, text, published_at;
};

// The newest published policy (by publication instant).
std::optional<PolicyRecord> current(db::Connection& c, const std::string& now);
// Records the acceptance once; accepting the same version again changes nothing.
void accept(db::Connection& c, long long user_id, const std::string& version, const std::string& at,
            const std::string& client_ip);
std::optional<std::string> latest_accepted(db::Connection& c, long long user_id);

}  // namespace portal::auth::policy_store
