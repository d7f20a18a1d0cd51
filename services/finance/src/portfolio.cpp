#include "portfolio.hpp"

namespace portal::finance {

int PortfolioRequest::progress() const {
  if (status == "completed") return 100;
  if (row_count <= 0) return 0;
  // Whole percent of rows done; 99 at most until the result file is stored.
  const long long percent = processed_rows * 100 / row_count;
  return static_cast<int>(percent > 99 ? 99 : percent);
}

std::string_view invoice_status_label(std::string_view status) {
  if (status == "filed") return "Radicada";
  if (status == "in_audit") return "En auditoría";
  if (status == "glosa") return "Glosada";
  if (status == "paid") return "Pagada";
  if (status == "partially_paid") return "Pagada parcialmente";
  if (status == "returned") return "Devuelta";
  return status;
}

}  // namespace portal::finance
