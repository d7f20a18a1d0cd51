#include "audit_store.hpp"

namespace portal::auth::audit_store {

void record(SQLite::Database& db, const AuditEntry& e) {
  SQLite::Statement st(db,
                       "INSERT INTO audit_log (at, actor, action, target, client_ip, request_id, details) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, e.at);
  st.bind(2, e.actor);
  st.bind(3, e.action);
  st.bind(4, e.target);
  st.bind(5, e.client_ip);
  st.bind(6, e.request_id);
  st.bind(7, e.details);
  st.exec();
}

long long count_actions(SQLite::Database& db, const std::string& action) {
  SQLite::Statement st(db, "SELECT count(*) FROM audit_log WHERE action = ?");
  st.bind(1, action);
  st.executeStep();
  return st.getColumn(0).getInt64();
}

}  // namespace portal::auth::audit_store
