#pragma once
// SPEC §1 audit trail: who, when, from where, what changed. SQL only.
#include <SQLiteCpp/SQLiteCpp.h>

#include <string>

namespace portal::auth::audit_store {

struct AuditEntry {
  std::string at;      // RFC 3339
  std::string actor;   // "user:12", "client:demo-his", "anonymous", or the attempted account on failures
  std::string action;  // login_succeeded, login_failed, user_created, ...
  std::string target;  // "user:15", "provider:900000001", ...
  std::string client_ip;
  std::string request_id;
  std::string details = "{}";  // JSON object; never passwords or tokens
};

void record(SQLite::Database& db, const AuditEntry& entry);
long long count_actions(SQLite::Database& db, const std::string& action);

}  // namespace portal::auth::audit_store
