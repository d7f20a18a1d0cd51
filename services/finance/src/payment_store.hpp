#pragma once
// SQL for the finance tables (migrations/0001_payments.sql), on either backend through libs/db.
#include <optional>
#include <string>
#include <vector>

#include "payment.hpp"
#include "portal/core/clock.hpp"
#include "portal/db/connection.hpp"

namespace portal::finance::payment_store {

// Writes a voucher and its lines: a new number is inserted; a known one is updated and its lines replaced
// (FIN-1: a reload never duplicates). Returns true when it replaced an earlier load. Runs inside the
// caller's transaction.
bool upsert(db::Connection& c, Voucher& v, core::Instant loaded_at, const std::string& loaded_by);

// Who may see a list: one provider (provider users, bound integrators) or every provider (nullopt).
struct PeriodQuery {
  std::optional<std::string> provider_nit;
  std::string from;  // YYYY-MM-DD, inclusive
  std::string to;    // YYYY-MM-DD, inclusive
  long long limit = 20;
  long long offset = 0;
};
// FIN-2 by period: newest first (payment date, then id), without lines (line_count set).
std::vector<Voucher> list_period(db::Connection& c, const PeriodQuery& q);
struct PeriodTotals {
  long long count = 0;
  long long total_paid = 0;
};
PeriodTotals period_totals(db::Connection& c, const PeriodQuery& q);

// FIN-2 by payment number, within the caller's provider when set.
std::optional<Voucher> find_by_number(db::Connection& c, const std::string& number,
                                      const std::optional<std::string>& provider_nit);
// A voucher by id; another provider's is nullopt (→ 404).
std::optional<Voucher> find(db::Connection& c, long long id, const std::optional<std::string>& provider_nit);

// A voucher's invoice lines in line order, `limit` from `offset` (limit < 0: all).
std::vector<InvoiceLine> lines(db::Connection& c, long long voucher_id, long long limit, long long offset);

// FIN-2 by invoice: every line paying the invoice prefix + suffix, with its voucher.
struct InvoicePayment {
  Voucher voucher;  // without lines
  InvoiceLine line;
};
std::vector<InvoicePayment> by_invoice(db::Connection& c, const std::string& prefix,
                                       const std::string& suffix,
                                       const std::optional<std::string>& provider_nit, long long limit,
                                       long long offset);
long long count_by_invoice(db::Connection& c, const std::string& prefix, const std::string& suffix,
                           const std::optional<std::string>& provider_nit);

long long count_vouchers(db::Connection& c);

}  // namespace portal::finance::payment_store
