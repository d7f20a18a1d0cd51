#pragma once
// What every finance route needs, passed in (no globals). The pointers are null only when the routes are
// built to be listed (--list-routes).
#include <chrono>
#include <memory>
#include <string>

#include "portal/catalog/catalogs.hpp"
#include "portal/core/clock.hpp"
#include "portal/core/log.hpp"
#include "portal/db/database.hpp"
#include "portal/db/group_commit.hpp"

namespace portal::http {
class IdempotencyStore;
class Client;
}  // namespace portal::http
namespace portal::directory {
class ProviderDirectory;
}

namespace portal::finance {

class FinanceMetrics;
class PortfolioRunner;
class GlosaResponseRunner;

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
  // FIN-5 (issue 19): glosa concept codes, and the first notification day whose glosas carry Res. 2284 codes
  // (PORTAL_GLOSA_2284_FROM).
  std::shared_ptr<const catalog::Catalogs> catalogs;
  // FIN-6: stored answered workbooks and their results, and the job runner.
  std::string glosa_dir = "var/glosas";
  http::Client* auth = nullptr;  // auth's API: the uploading user's own e-mail address (GET /api/v1/me)
  GlosaResponseRunner* glosa_runner = nullptr;
  std::chrono::year_month_day res2284_from{std::chrono::year{2025}, std::chrono::January,
                                           std::chrono::day{1}};
};

}  // namespace portal::finance
