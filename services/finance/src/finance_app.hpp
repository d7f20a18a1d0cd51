#pragma once
// The finance service as one object (SPEC §9, issue 18): database (<data>/finance.db), auth's public keys
// and the HTTP server with every route, on libs/service's DataService. Integration tests run it in-process
// on port 0.
#include <memory>
#include <string>
#include <vector>

#include "finance_context.hpp"
#include "finance_metrics.hpp"
#include "portal/service/data_service.hpp"

namespace portal::finance {

class FinanceApp : public service::DataService {
 public:
  // Opens (and migrates) the database; seeds demo payments when PORTAL_DEMO=true.
  FinanceApp(core::Config config, const core::Clock& clock);
  ~FinanceApp();

  static std::vector<std::string> list_routes(const core::Config& config);

 private:
  FinanceMetrics business_metrics_;
  std::unique_ptr<FinanceContext> ctx_;
};

db::Migrations finance_migrations();

}  // namespace portal::finance
