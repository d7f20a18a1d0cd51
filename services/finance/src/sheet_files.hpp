#pragma once
// FIN-3 files from a Table (payment_sheet.hpp):
//   CSV   RFC 4180, UTF-8 with a BOM (so Excel opens the accents right), `;` or `,`, CRLF; dates dd/MM/yyyy;
//         money as plain integers (a thousands separator would clash with `,` and with Excel's decimals);
//   XLSX  libxlsxwriter: dates as real spreadsheet dates shown dd/mm/yyyy, money as numbers shown #,##0
//         (integer pesos, exact in a double up to 2^53), never text; a bold, frozen header row.
#include <string>
#include <vector>

#include "payment_sheet.hpp"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace portal::finance {

inline constexpr const char* kXlsxContentType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

std::string to_csv(const Table& table, char separator);

// Writes the workbook to a temporary file in `tmp_dir`, reads it back and deletes it (libxlsxwriter 1.1.4
// writes files only). Throws std::runtime_error when libxlsxwriter fails.
// One sheet written row by row to `path` (libxlsxwriter's constant-memory mode: rows go to disk as they
// are added), with the header row bold and frozen; the FIN-4 result files are written this way.
class XlsxTableWriter {
 public:
  XlsxTableWriter(const std::string& path, const std::string& sheet_name,
                  const std::vector<std::string>& headers, const std::string& tmp_dir);
  ~XlsxTableWriter();
  XlsxTableWriter(const XlsxTableWriter&) = delete;
  XlsxTableWriter& operator=(const XlsxTableWriter&) = delete;
  void add_row(const Row& row);
  void close();  // throws std::runtime_error when the file cannot be written

 private:
  std::string tmp_dir_;
  lxw_workbook* workbook_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
  lxw_format* date_ = nullptr;
  lxw_format* money_ = nullptr;
  unsigned next_row_ = 1;
};

std::string to_xlsx(const Table& table, const std::string& sheet_name, const std::string& tmp_dir);

}  // namespace portal::finance
