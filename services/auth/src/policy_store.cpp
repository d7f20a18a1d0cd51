#include "policy_store.hpp"

namespace portal::auth::policy_store {

std::optional<PolicyRecord> current(db::Connection& c, const std::string& now) {
  return c.query_one(
      "SELECT version, title, text, published_at FROM policies WHERE published_at <= ? "
      "ORDER BY published_at DESC LIMIT 1",
      {now}, [](const db::Row& r) {
        return PolicyRecord{r.text(0), r.text(1), r.text(2), r.text(3)};
      });
}

void accept(db::Connection& c, long long user_id, const std::string& version, const std::string& at,
            const std::string& client_ip) {
  c.exec(
      "INSERT INTO policy_acceptances (user_id, version, accepted_at, client_ip) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (user_id, version) DO NOTHING",
      {user_id, version, at, client_ip});
}

std::optional<std::string> latest_accepted(db::Connection& c, long long user_id) {
  return c.query_text(
      "SELECT a.version FROM policy_acceptances a JOIN policies p ON p.version = a.version "
      "WHERE a.user_id = ? ORDER BY p.published_at DESC LIMIT 1",
      {user_id});
}

}  // namespace portal::auth::policy_store
