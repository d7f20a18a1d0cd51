#pragma once
// FIN-4: the result file of a portfolio request, a row per invoice of the provider's file: its own columns
// as read, the EPS's state and balance of the invoice, and the row's errors (manual 003 §6: "el estado de
// cartera ... y un link para descargarla"). Pure: the job writes these rows with XlsxTableWriter.
#include <optional>
#include <string>
#include <vector>

#include "payment_sheet.hpp"
#include "portfolio.hpp"
#include "portfolio_rules.hpp"

namespace portal::finance {

std::vector<std::string> portfolio_result_headers();
// The row of `row` (read from the file) and the EPS's invoice, if it has one.
Row portfolio_result_row(const PortfolioRow& row, const std::optional<PortfolioInvoice>& eps);
// The published template: the six columns of manual 003 §6.1.
std::vector<std::string> portfolio_template_headers();

}  // namespace portal::finance
