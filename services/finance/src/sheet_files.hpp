#pragma once
// FIN-3 files from a Table (payment_sheet.hpp):
//   CSV   RFC 4180, UTF-8 with a BOM (so Excel opens the accents right), `;` or `,`, CRLF; dates dd/MM/yyyy;
//         money as plain integers (a thousands separator would clash with `,` and with Excel's decimals);
//   XLSX  libxlsxwriter: dates as real spreadsheet dates shown dd/mm/yyyy, money as numbers shown #,##0
//         (integer pesos, exact in a double up to 2^53), never text; a bold, frozen header row.
#include <string>

#include "payment_sheet.hpp"

namespace portal::finance {

std::string to_csv(const Table& table, char separator);

// Writes the workbook to a temporary file in `tmp_dir`, reads it back and deletes it (libxlsxwriter 1.1.4
// writes files only). Throws std::runtime_error when libxlsxwriter fails.
std::string to_xlsx(const Table& table, const std::string& sheet_name, const std::string& tmp_dir);

}  // namespace portal::finance
