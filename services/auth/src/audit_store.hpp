#pragma once
// SPEC §1: auth writes its records to the shared audit trail (libs/audit, through audit() in auth_http);
// this is what its tests ask of that table.
#include <string>

#include "portal/db/connection.hpp"

namespace portal::auth::audit_store {

long long count_actions(db::Connection& c, const std::string& action);

}  // namespace portal::auth::audit_store
