#pragma once
// What every finance route needs, passed in (no globals). The pointers are null only when the routes are
// built to be listed (--list-routes).
#include <string>

#include "portal/core/clock.hpp"
#include "portal/core/log.hpp"
#include "portal/db/database.hpp"
#include "portal/db/group_commit.hpp"

namespace portal::http {
class IdempotencyStore;
}

namespace portal::finance {

class FinanceMetrics;

struct FinanceContext {
  const core::Clock& clock;
  core::Logger& logger;
  db::Database* db = nullptr;
  http::IdempotencyStore* idempotency = nullptr;
  FinanceMetrics* metrics = nullptr;
  std::string tmp_dir = "/tmp";  // where libxlsxwriter writes a workbook before it is sent (FIN-3)
};

}  // namespace portal::finance
