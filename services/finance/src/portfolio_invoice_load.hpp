#pragma once
// FIN-4 (issue 19): the EPS's view of invoices, loaded by the ERP like the payments:
// {"invoices":[{provider_nit, invoice_prefix, invoice_suffix, invoice_number, filed_on, status,
// invoice_value, glosa_value, paid_value, balance, cuv}]}. Each invoice is accepted or refused with every
// error; a reload of the same (provider, prefix, suffix) replaces it. Pure.
#include <rapidjson/document.h>

#include <vector>

#include "portal/core/errors.hpp"
#include "portfolio.hpp"

namespace portal::finance {

struct InvoiceLoadRead {
  std::vector<PortfolioInvoice> accepted;
  std::size_t received = 0;
  std::size_t rejected = 0;
  core::FieldErrors errors;  // fields named invoices[i].name
};

// A body without an `invoices` array (or with more than kMaxInvoicesPerLoad) is a body error.
InvoiceLoadRead read_invoice_load(const rapidjson::Value& root, core::FieldErrors& body_errors);
inline constexpr std::size_t kMaxInvoicesPerLoad = 200000;

}  // namespace portal::finance
