#pragma once
// SPEC §1 audit trail: who, when, from where, what changed. SQL only (SQLite and PostgreSQL).
#include <string>

#include "portal/db/connection.hpp"

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

void record(db::Connection& c, const AuditEntry& entry);
long long count_actions(db::Connection& c, const std::string& action);

}  // namespace portal::auth::audit_store
