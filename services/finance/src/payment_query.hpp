#pragma once
// FIN-2 query parameters read into plain structs, every bad one named at once (SPEC §2). Pure.
#include <optional>
#include <string>

#include "portal/core/errors.hpp"
#include "portal/http/query_reader.hpp"

namespace portal::finance {

// GET /api/v1/payments: `number` alone, or `from` and `to` (YYYY-MM-DD, from ≤ to). A period starting
// before 2017 starts on 2017-01-01 (FIN-1). EPS callers may narrow to one `provider_nit`.
struct PaymentsQuery {
  std::optional<std::string> number;
  std::string from;
  std::string to;
  std::optional<std::string> provider_nit;
};
PaymentsQuery read_payments_query(const http::QueryParams& query, core::FieldErrors& errors);

// GET /api/v1/payments/by-invoice: prefix and suffix both required, each with the manual's own message
// (manual 003 §5.3), both in one answer when both are missing.
struct InvoiceQuery {
  std::string prefix;
  std::string suffix;
};
InvoiceQuery read_invoice_query(const http::QueryParams& query, core::FieldErrors& errors);

}  // namespace portal::finance
