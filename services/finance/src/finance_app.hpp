#pragma once
// The finance service as one object (SPEC §9, issue 18): database (<data>/finance.db), auth's public keys
// and the HTTP server with every route, on libs/service's DataService. Integration tests run it in-process
// on port 0.
#include <memory>
#include <string>
#include <vector>

#include "finance_context.hpp"
#include "finance_metrics.hpp"
#include "portal/directory/provider_directory.hpp"
#include "portal/service/data_service.hpp"
#include "portfolio_runner.hpp"

namespace portal::finance {

class FinanceApp : public service::DataService {
 public:
  // Opens (and migrates) the database; seeds demo payments when PORTAL_DEMO=true.
  FinanceApp(core::Config config, const core::Clock& clock);
  ~FinanceApp();

  // The server and, unless PORTAL_FINANCE_JOBS=false, the FIN-4 job runner.
  void start();
  void stop();
  PortfolioRunner& portfolio_runner() { return *portfolio_runner_; }

  static std::vector<std::string> list_routes(const core::Config& config);

 private:
  FinanceMetrics business_metrics_;
  std::unique_ptr<directory::ProviderDirectory> providers_;
  std::unique_ptr<FinanceContext> ctx_;
  std::unique_ptr<PortfolioRunner> portfolio_runner_;
  bool run_jobs_ = true;
};

db::Migrations finance_migrations();

}  // namespace portal::finance
