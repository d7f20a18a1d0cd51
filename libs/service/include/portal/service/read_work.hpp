#pragma once
// Issue 14: which kind of work (http::Work) a read of a few rows by key from the service's own database is.
//   SQLite: non-blocking. The file is local and in WAL mode, so a reader never waits for the writer; an
//   indexed lookup of a few rows costs tens of microseconds of CPU with the statement cached (libs/db).
//   What it can still wait for, briefly: a free read connection while every one is busy with another
//   read (bounded by the longest read running, a few milliseconds for the lists), a page not in the OS
//   cache (one disk read), and SQLite's rare WAL-recovery busy state. That is cheaper than the two thread
//   switches of a hand-off on every request, which the profile showed to be 44 % of a lookup's time.
//   PostgreSQL: blocking. The same read is a network round trip to another process.
// Use it only for routes that read by key (a detail, a lookup); lists, searches, counts and anything that
// writes or calls another service stay Work::blocking.
#include "portal/db/database.hpp"
#include "portal/http/server.hpp"

namespace portal::service {

// db may be null (routes built only to be listed): blocking.
inline http::Work keyed_read(const db::Database* db) {
  return db != nullptr && db->dialect() == db::Dialect::sqlite ? http::Work::non_blocking
                                                               : http::Work::blocking;
}

}  // namespace portal::service
