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
namespace portal::directory {
class ProviderDirectory;
}

namespace portal::finance {

class FinanceMetrics;
class PortfolioRunner;

struct FinanceContext {
  const core::Clock& clock;
  core::Logger& logger;
  db::Database* db = nullptr;
  http::IdempotencyStore* idempotency = nullptr;
  FinanceMetrics* metrics = nullptr;
  std::string tmp_dir = "/tmp";  // where libxlsxwriter writes a workbook before it is sent (FIN-3)
  // FIN-4 (issue 19): stored uploads and results, the job runner, the providers' registered e-mail addresses
  // and the public URL the e-mails link to.
  std::string portfolio_dir = "var/portfolio";
  PortfolioRunner* portfolio_runner = nullptr;
  directory::ProviderDirectory* providers = nullptr;
  std::string public_url = "http://localhost:8080";
};

}  // namespace portal::finance
