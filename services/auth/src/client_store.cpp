#include "client_store.hpp"

#include "sql_values.hpp"

namespace portal::auth::client_store {

std::optional<ClientRecord> find(SQLite::Database& db, const std::string& client_id) {
  SQLite::Statement st(db,
                       "SELECT c.client_id, c.name, c.secret_hash, c.provider_id, p.nit, c.scopes, c.active, c.created_at "
                       "FROM oauth_clients c LEFT JOIN providers p ON p.id = c.provider_id WHERE c.client_id = ?");
  st.bind(1, client_id);
  if (!st.executeStep()) return std::nullopt;
  return ClientRecord{st.getColumn(0).getString(), st.getColumn(1).getString(),   st.getColumn(2).getString(),
                      sql::integer(st, 3),         sql::text(st, 4),              sql::split_codes(st.getColumn(5).getString()),
                      st.getColumn(6).getInt() != 0, st.getColumn(7).getString()};
}

void insert(SQLite::Database& db, const ClientRecord& c) {
  SQLite::Statement st(db,
                       "INSERT INTO oauth_clients (client_id, name, secret_hash, provider_id, scopes, active, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, c.client_id);
  st.bind(2, c.name);
  st.bind(3, c.secret_hash);
  sql::bind(st, 4, c.provider_id);
  st.bind(5, sql::join_codes(c.scopes));
  st.bind(6, c.active ? 1 : 0);
  st.bind(7, c.created_at);
  st.exec();
}

}  // namespace portal::auth::client_store
