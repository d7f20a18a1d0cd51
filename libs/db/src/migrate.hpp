#pragma once
// Versioned migrations, applied in order at open(), each in its own transaction (see database.hpp).
#include <string>

#include "portal/db/database.hpp"

namespace portal::db::detail {

// run_write runs one transaction on the database being opened.
void migrate(Dialect dialect, const std::function<void(FunctionRef<void(Connection&)>)>& run_write,
             const Migrations& migrations, const std::string& description, bool refuse_newer_schema = true);

}  // namespace portal::db::detail
