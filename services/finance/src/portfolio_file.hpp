#pragma once
// FIN-4: the provider's .xlsx read with libs/documents' streaming reader. The file-level checks (an .xlsx,
// exactly one sheet, the template's header, 1 to 50,000 invoices) decide whether a request is accepted
// (422 otherwise); the rows are read again by the job, one at a time.
#include <cstddef>
#include <functional>
#include <optional>
#include <string_view>

#include "portfolio_rules.hpp"

namespace portal::finance {

struct PortfolioFileCheck {
  std::size_t rows = 0;                   // invoices (rows after the header)
  std::optional<core::FieldError> error;  // field "file"
};

PortfolioFileCheck check_portfolio_file(std::string_view bytes);

// Every invoice row after the header, in order; false from on_row stops. An error only if the file can no
// longer be read (it was checked when the request was accepted).
std::optional<core::FieldError> read_portfolio_rows(std::string_view bytes,
                                                    const std::function<bool(const PortfolioRow&)>& on_row);

// The reader's error as the field error of the upload.
core::FieldError file_error(const documents::xlsx::Error& e);

}  // namespace portal::finance
