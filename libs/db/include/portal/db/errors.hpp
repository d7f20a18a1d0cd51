#pragma once
// Typed storage errors (issue 8): each backend maps its driver's errors to these, so stores and routes
// handle them the same way on SQLite and PostgreSQL. libs/http answers an escaping UniqueViolation with
// 409, and Unavailable / SerializationFailure with 503 and Retry-After: never 500.
//
//   UniqueViolation       SQLite SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY; PostgreSQL 23505
//   SerializationFailure  SQLite SQLITE_BUSY / SQLITE_LOCKED (busy timeout spent); PostgreSQL 40001, 40P01
//   Unavailable           SQLite SQLITE_FULL, SQLITE_IOERR*, SQLITE_READONLY*, SQLITE_CANTOPEN, SQLITE_NOMEM,
//                         SQLITE_CORRUPT, SQLITE_NOTADB; PostgreSQL lost or refused connection, commit in
//                         doubt, classes 08, 53, 57P, 58 and 25006 (read-only)
//   Error                 anything else: a bug in the SQL (a 500, logged)
//
// what() is for logs only: it may quote SQL or driver text and is never sent to a client.
#include <stdexcept>
#include <string>

namespace portal::db {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class UniqueViolation : public Error {
 public:
  using Error::Error;
};

class SerializationFailure : public Error {
 public:
  using Error::Error;
};

class Unavailable : public Error {
 public:
  using Error::Error;
};

}  // namespace portal::db
