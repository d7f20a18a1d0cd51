#include "portfolio_result.hpp"

namespace portal::finance {
namespace {

Cell text(std::string value) { return Cell{Cell::Kind::text, std::move(value), 0}; }
Cell money(long long value) { return Cell{Cell::Kind::money, {}, value}; }
Cell date(std::string iso) { return Cell{Cell::Kind::date, std::move(iso), 0}; }

}  // namespace

std::vector<std::string> portfolio_template_headers() {
  return {kPortfolioColumns.begin(), kPortfolioColumns.end()};
}

std::vector<std::string> portfolio_result_headers() {
  auto headers = portfolio_template_headers();
  for (const char* h : {"Estado EPS", "Fecha radicación EPS", "Valor glosado EPS", "Valor pagado EPS",
                        "Saldo EPS", "Diferencia saldo", "Errores"})
    headers.emplace_back(h);
  return headers;
}

Row portfolio_result_row(const PortfolioRow& row, const std::optional<PortfolioInvoice>& eps) {
  Row out{text(row.invoice_number), text(row.prefix), text(row.suffix), date(row.invoice_date)};
  out.push_back(row.errors.empty() || row.invoice_value != 0 ? money(row.invoice_value) : text(""));
  out.push_back(row.errors.empty() || row.balance != 0 ? money(row.balance) : text(""));
  if (!row.errors.empty()) {
    std::string errors;
    for (const auto& e : row.errors) errors += (errors.empty() ? "" : "; ") + e.message.es;
    for (int i = 0; i < 6; ++i) out.push_back(text(""));
    out.push_back(text(errors));
    return out;
  }
  if (!eps) {
    out.push_back(text("No registrada en la EPS"));
    for (int i = 0; i < 5; ++i) out.push_back(text(""));
    out.push_back(text(""));
    return out;
  }
  out.push_back(text(std::string(invoice_status_label(eps->status))));
  out.push_back(date(eps->filed_on.value_or("")));
  out.push_back(money(eps->glosa_value));
  out.push_back(money(eps->paid_value));
  out.push_back(money(eps->balance));
  out.push_back(money(row.balance - eps->balance));
  out.push_back(text(""));
  return out;
}

}  // namespace portal::finance
