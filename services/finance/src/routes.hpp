#pragma once
// The finance service's route table (SPEC §9, issue 18). Handlers translate HTTP to the rules and the
// store, and back.
#include "finance_context.hpp"
#include "portal/http/server.hpp"

namespace portal::finance {

inline constexpr const char* kPayments = "/api/v1/payments";
inline constexpr const char* kPortfolioRequests = "/api/v1/portfolio-requests";  // FIN-4 (issue 19)
inline constexpr const char* kPortfolioInvoices = "/api/v1/portfolio-invoices";  // the ERP's invoice view

void register_load_routes(http::Server& server, FinanceContext& ctx);       // FIN-1 loading by the ERP
void register_query_routes(http::Server& server, FinanceContext& ctx);      // FIN-1, FIN-2 queries
void register_download_routes(http::Server& server, FinanceContext& ctx);   // FIN-3 XLSX and CSV
void register_portfolio_routes(http::Server& server, FinanceContext& ctx);  // FIN-4 portfolio requests

inline void register_all_routes(http::Server& server, FinanceContext& ctx) {
  register_load_routes(server, ctx);
  register_query_routes(server, ctx);
  register_download_routes(server, ctx);
  register_portfolio_routes(server, ctx);
}

}  // namespace portal::finance
