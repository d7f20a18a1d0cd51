#pragma once
// FIN-1 loading (issue 18): the ERP's body read into vouchers, each voucher whole or refused with every one
// of its errors, so one bad invoice line never half-loads a voucher and never stops the others. Pure: the
// store writes what this accepted.
#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <vector>

#include "payment.hpp"

namespace portal::finance {

// One entry of the per-line error report.
struct LoadError {
  std::string voucher_number;  // as sent (may be empty when that was the error)
  std::optional<int> line;     // the invoice's line: 1.. in the voucher (JSON), the file's line (CSV)
  core::FieldError error;
};

struct ReadLoad {
  std::vector<Voucher> accepted;  // every rule passed
  std::size_t received = 0;       // vouchers in the body
  std::size_t rejected = 0;       // vouchers refused (their errors are in `errors`)
  std::vector<LoadError> errors;
};

// {"vouchers":[{...voucher, "invoices":[{...line}]}]}. A body without a `vouchers` array is a body error
// (`body_errors`, answered 422 as a whole); everything else is per voucher. A voucher number sent twice in
// one body: the second is refused ("duplicate_in_load").
ReadLoad read_load_json(const rapidjson::Value& root, core::FieldErrors& body_errors);

// Text CSV (RFC 4180, `,` or `;` found from the header line, an optional UTF-8 BOM): one row per invoice
// line with its voucher's columns repeated; rows of one voucher number form that voucher. The header names
// are the JSON field names. Missing required columns are body errors.
ReadLoad read_load_csv(std::string_view text, core::FieldErrors& body_errors);

}  // namespace portal::finance
