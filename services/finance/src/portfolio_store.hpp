#pragma once
// SQL for FIN-4: portfolio requests (jobs claimed with a lease, as the affiliates import does, so a job
// interrupted by a restart or a dead replica is taken again and finishes exactly once: every write after
// the claim checks the claim is still the caller's) and the ERP's invoice view.
#include <optional>
#include <string>
#include <vector>

#include "portal/db/connection.hpp"
#include "portfolio.hpp"

namespace portal::finance::portfolio_store {

// Accepted requests of a provider on one Bogotá day (the daily quota).
int accepted_on(db::Connection& c, const std::string& provider_nit, const std::string& bogota_day);
long long create(db::Connection& c, const PortfolioRequest& r);
std::optional<PortfolioRequest> find(db::Connection& c, long long id);
// Jobs claim() could take now: queued, or running without a live claim; oldest first.
std::vector<long long> claimable(db::Connection& c, long long now_ms);
bool claim(db::Connection& c, long long id, const std::string& runner, long long lease_until_ms,
           long long now_ms);
bool progress(db::Connection& c, long long id, const std::string& runner, long long processed_rows,
              long long lease_until_ms);
bool complete(db::Connection& c, long long id, const std::string& runner, long long processed_rows,
              long long rows_with_errors, long long now_ms);
bool fail(db::Connection& c, long long id, const std::string& runner, const std::string& error,
          long long now_ms);
void release(db::Connection& c, long long id, const std::string& runner);
// Every stored upload a request still names (the start-up sweep deletes the others).
std::vector<std::string> file_names(db::Connection& c);

// The ERP's invoice view: insert or replace by (provider, prefix, suffix); true when it was new.
bool upsert_invoice(db::Connection& c, const PortfolioInvoice& invoice, long long now_ms,
                    const std::string& by);
std::optional<PortfolioInvoice> find_invoice(db::Connection& c, const std::string& provider_nit,
                                             const std::string& prefix, const std::string& suffix);
long long count_invoices(db::Connection& c);

}  // namespace portal::finance::portfolio_store
