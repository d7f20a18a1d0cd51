#pragma once
// Opening one SQLite connection with the settings OPS-2 asks of every connection.
#include <SQLiteCpp/SQLiteCpp.h>

#include <memory>
#include <string>

namespace portal::db::detail {

// Read-write (creating the file) for the writer; read-only for the pool. Every connection gets
// foreign_keys=ON, synchronous=FULL and the busy timeout; the writer also switches the file to WAL
// (a persistent property of the file, so readers opened afterwards inherit it).
std::unique_ptr<SQLite::Database> open_connection(const std::string& path, bool read_only, int busy_timeout_ms);

}  // namespace portal::db::detail
