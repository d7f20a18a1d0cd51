#include "revocation_store.hpp"

namespace portal::auth::revocation_store {

void revoke(db::Connection& c, const std::string& subject, long long not_before, const std::string& reason,
            const std::string& now) {
  c.exec(
      "INSERT INTO access_revocations (subject, not_before, reason, updated_at) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (subject) DO UPDATE SET not_before = excluded.not_before, reason = excluded.reason, "
      "updated_at = excluded.updated_at WHERE access_revocations.not_before < excluded.not_before",
      {subject, not_before, reason, now});
}

http::Revocations live(db::Connection& c, long long since) {
  http::Revocations out;
  for (const auto& [subject, not_before] :
       c.query_all("SELECT subject, not_before FROM access_revocations WHERE not_before > ?", {since},
                   [](const db::Row& r) {
                     return std::pair{r.text(0), r.int64(1)};
                   }))
    out.emplace(subject, not_before);
  return out;
}

}  // namespace portal::auth::revocation_store
