#pragma once
// A streaming reader of .xlsx workbooks (Office Open XML SpreadsheetML) for the files providers upload
// (issue 19: portfolio requests FIN-4, glosa responses FIN-6). No Debian package reads XLSX in C or C++, so
// it is built over libzip and pugixml.
//
// The file is untrusted input. The zip is checked before anything is inflated (entry count, declared
// inflated size, compression ratio, encryption), inflation is counted against the same limits while it
// runs, every XML part is refused if it carries a DTD (so no entity can be declared, let alone expanded)
// or nests deeper than a limit, and a sheet is read as a stream: each row is parsed on its own and handed
// to a callback, so memory does not grow with the number of rows. Every failure is an Error with a stable
// code and a message naming what is wrong; nothing throws out of the reader.
//
// Self-contained on purpose (the standard library, libzip, pugixml and plain structs of libs/core): the
// libFuzzer target compiles it with clang alone (tests/fuzz).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portal/core/errors.hpp"

namespace portal::documents::xlsx {

struct Limits {
  std::size_t max_entries = 1000;                   // zip entries in the archive
  std::uint64_t max_inflated_bytes = 256ull << 20;  // all entries together, declared and actual
  std::uint64_t max_ratio = 100;                    // inflated : compressed, per entry and in total
  std::uint64_t ratio_floor_bytes = 1ull << 20;     // entries smaller than this are not ratio-checked
  std::uint64_t max_part_bytes = 64ull << 20;       // a part read whole (workbook, styles, shared strings)
  int max_xml_depth = 32;                           // nesting of elements in any XML part
  std::size_t max_row_xml_bytes = 1u << 20;         // one <row> element of a sheet
};

enum class CellType { text, number, boolean, date, error };

struct DateTime {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  bool operator==(const DateTime&) const = default;
};

struct Cell {
  std::uint32_t column = 0;  // 0-based: A = 0, B = 1, ... (the letters of the cell's reference)
  CellType type = CellType::text;
  std::string text;   // the text; for numbers, booleans and errors the value as written in the file
  double number = 0;  // number; boolean 0/1; date: the serial number in the workbook's date system
  DateTime date;      // when type == date
};

// A row with at least one cell; cells are sorted by column and absent columns are empty.
struct Row {
  std::uint32_t number = 0;  // 1-based, as in the spreadsheet
  std::vector<Cell> cells;
  const Cell* at(std::uint32_t column) const;
};

struct Error {
  std::string code;  // stable: not_xlsx, zip_corrupt, zip_too_many_entries, zip_too_large, zip_ratio,
                     // zip_encrypted, xml_dtd, xml_too_deep, xml_malformed, row_too_large, sheet_not_found,
                     // bad_cell
  core::Text message;
};

// The column letters of a 0-based column index: 0 → "A", 37 → "AL".
std::string column_letters(std::uint32_t column);
// The 0-based index of column letters ("AL" → 37); nullopt unless 1-3 uppercase letters within XFD.
std::optional<std::uint32_t> column_index(std::string_view letters);
// A date serial of the 1900 (Lotus-compatible, with its 29 Feb 1900) or the 1904 system, to the civil date
// and time, rounded to the second.
DateTime date_from_serial(double serial, bool date1904);

class Workbook {
 public:
  using RowHandler = std::function<bool(const Row&)>;  // false stops the reading early

  // Opens `bytes` (which must outlive the Workbook): the zip checks, the workbook, relationships, styles
  // and shared strings. Check error() before anything else.
  static std::unique_ptr<Workbook> open(std::string_view bytes, const Limits& limits = {});
  // A temporary would die before the rows are read (ASan caught one in a test): refused at compile time.
  static std::unique_ptr<Workbook> open(std::string&& bytes, const Limits& limits = {}) = delete;
  ~Workbook();
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  const std::optional<Error>& error() const;
  const std::vector<std::string>& sheet_names() const;
  bool date1904() const;

  // Streams the rows of the named sheet (the first sheet when `sheet` is empty) to `on_row`.
  std::optional<Error> read_rows(std::string_view sheet, const RowHandler& on_row);

  struct State;

 private:
  explicit Workbook(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace portal::documents::xlsx
