#include "audit_store.hpp"

namespace portal::auth::audit_store {

void record(db::Connection& c, const AuditEntry& e) {
  c.exec(
      "INSERT INTO audit_log (at, actor, action, target, client_ip, request_id, details) VALUES (?, ?, ?, ?, "
      "?, ?, ?)",
      {e.at, e.actor, e.action, e.target, e.client_ip, e.request_id, e.details});
}

long long count_actions(db::Connection& c, const std::string& action) {
  return c.query_int64("SELECT count(*) FROM audit_log WHERE action = ?", {action}).value_or(0);
}

}  // namespace portal::auth::audit_store
