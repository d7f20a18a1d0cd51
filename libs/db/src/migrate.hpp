#pragma once
#include <SQLiteCpp/SQLiteCpp.h>

#include "portal/db/database.hpp"

namespace portal::db::detail {

// Applies the migrations the file lacks, in version order, each with its schema_migrations row in one
// BEGIN IMMEDIATE transaction (so two processes starting together cannot both apply one). Throws
// std::runtime_error on a failing migration, duplicate versions, or a file newer than the binary.
void migrate(SQLite::Database& c, const Migrations& migrations, const std::string& path);

}  // namespace portal::db::detail
