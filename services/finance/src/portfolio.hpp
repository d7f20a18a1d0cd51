#pragma once
// FIN-4 (issue 19): a provider's portfolio request (an asynchronous job over its uploaded .xlsx) and the
// EPS's view of an invoice that answers it.
#include <optional>
#include <string>
#include <string_view>

namespace portal::finance {

struct PortfolioRequest {
  long long id = 0;
  std::string provider_nit;
  std::string requested_by;
  std::optional<std::string> notify_email;
  std::string bogota_day;
  long long created_at = 0;                       // UTC milliseconds
  std::string file_name;                          // the stored upload's server-made name
  std::optional<std::string> uploaded_file_name;  // the provider's own name for it, when sent
  std::string content_sha256;
  long long row_count = 0;
  std::string status = "queued";  // queued | running | completed | failed
  long long processed_rows = 0;
  long long rows_with_errors = 0;
  long long attempts = 0;
  std::optional<long long> started_at;
  std::optional<long long> finished_at;
  std::optional<std::string> error;

  // 0-100, whole percent of the rows processed; 100 only once completed.
  int progress() const;
};

// The invoice states the ERP loads, with the labels the result file shows.
inline constexpr std::string_view kInvoiceStatuses[] = {"filed", "in_audit",       "glosa",
                                                        "paid",  "partially_paid", "returned"};
std::string_view invoice_status_label(std::string_view status);  // "Radicada", "En auditoría", ...

struct PortfolioInvoice {
  std::string provider_nit;
  std::string invoice_prefix;
  std::string invoice_suffix;
  std::string invoice_number;
  std::optional<std::string> filed_on;
  std::string status;
  long long invoice_value = 0;
  long long glosa_value = 0;
  long long paid_value = 0;
  long long balance = 0;
  std::optional<std::string> cuv;
};

}  // namespace portal::finance
