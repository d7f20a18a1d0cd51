#include "policy_store.hpp"

namespace portal::auth::policy_store {

std::optional<PolicyRecord> current(SQLite::Database& db, const std::string& now) {
  SQLite::Statement st(db,
                       "SELECT version, title, text, published_at FROM policies WHERE published_at <= ? "
                       "ORDER BY published_at DESC LIMIT 1");
  st.bind(1, now);
  if (!st.executeStep()) return std::nullopt;
  return PolicyRecord{st.getColumn(0).getString(), st.getColumn(1).getString(), st.getColumn(2).getString(),
                      st.getColumn(3).getString()};
}

void accept(SQLite::Database& db, long long user_id, const std::string& version, const std::string& at,
            const std::string& client_ip) {
  SQLite::Statement st(db,
                       "INSERT INTO policy_acceptances (user_id, version, accepted_at, client_ip) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT (user_id, version) DO NOTHING");
  st.bind(1, static_cast<int64_t>(user_id));
  st.bind(2, version);
  st.bind(3, at);
  st.bind(4, client_ip);
  st.exec();
}

std::optional<std::string> latest_accepted(SQLite::Database& db, long long user_id) {
  SQLite::Statement st(db,
                       "SELECT a.version FROM policy_acceptances a JOIN policies p ON p.version = a.version "
                       "WHERE a.user_id = ? ORDER BY p.published_at DESC LIMIT 1");
  st.bind(1, static_cast<int64_t>(user_id));
  if (!st.executeStep()) return std::nullopt;
  return st.getColumn(0).getString();
}

}  // namespace portal::auth::policy_store
