#pragma once
// Vouchers and invoice lines as the API answers them (docs/finance.md). Money as JSON integers (pesos),
// dates YYYY-MM-DD; for "Giro Directo/Cesión" the bank fields read "N/A" (FIN-1).
#include "payment.hpp"
#include "payment_load.hpp"
#include "portal/json/json.hpp"

namespace portal::finance {

// with_support: FIN-1 by payment number adds the support e-mail, date and time (Bogotá).
void write_voucher(json::Writer& w, const Voucher& v, core::Lang lang, bool with_support);
void write_line_members(json::Writer& w, const InvoiceLine& l);
void write_line(json::Writer& w, const InvoiceLine& l);

struct LoadReport {
  std::size_t received = 0;
  std::size_t created = 0;
  std::size_t replaced = 0;
  std::size_t rejected = 0;
  long long lines_loaded = 0;
};
// The load's answer: counts and the per-line error report.
void write_load_report(json::Writer& w, const LoadReport& r, const std::vector<LoadError>& errors,
                       core::Lang lang);

}  // namespace portal::finance
