#include "audit_store.hpp"

namespace portal::auth::audit_store {

long long count_actions(db::Connection& c, const std::string& action) {
  return c.query_int64("SELECT count(*) FROM audit_trail WHERE action = ?", {action}).value_or(0);
}

}  // namespace portal::auth::audit_store
