#include "client_store.hpp"

#include "sql_values.hpp"

namespace portal::auth::client_store {

std::optional<ClientRecord> find(db::Connection& c, const std::string& client_id) {
  return c.query_one(
      "SELECT c.client_id, c.name, c.secret_hash, c.provider_id, p.nit, c.scopes, c.active, c.created_at "
      "FROM oauth_clients c LEFT JOIN providers p ON p.id = c.provider_id WHERE c.client_id = ?",
      {client_id}, [](const db::Row& r) {
        return ClientRecord{r.text(0),           r.text(1),          r.text(2),
                            r.optional_int64(3), r.optional_text(4), sql::split_codes(r.text(5)),
                            r.boolean(6),        r.text(7)};
      });
}

void insert(db::Connection& c, const ClientRecord& client) {
  c.exec(
      "INSERT INTO oauth_clients (client_id, name, secret_hash, provider_id, scopes, active, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {client.client_id, client.name, client.secret_hash, client.provider_id, sql::join_codes(client.scopes),
       client.active, client.created_at});
}

}  // namespace portal::auth::client_store
