#pragma once
// FIN-3 (issue 18): the payment downloads as a table of typed cells, one model for XLSX and CSV. Pure.
// Every file is one header row and one row per invoice line, the voucher's columns repeated on each, so a
// provider can filter and sum it in their own spreadsheet:
//   zonaser  the voucher (Zona Ser "Comprobantes de Egreso": payment date, bank, account type and number,
//            document number, amount paid, pending to apply, pending to apply (advance)) and the invoice
//            detail's visible columns plus IVA, retefuente, reteICA, reteIVA, stamp tax, payment form,
//            crossing date, document and value, copay and moderating fee (manual 004 §4, "Nota");
//   sos      the 19 columns of manual 003 §5.1, in that order.
// Headers are Spanish, as the portals' files are (SPEC §2).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "payment.hpp"
#include "portal/core/clock.hpp"

namespace portal::finance {

enum class Layout { zonaser, sos };
std::optional<Layout> parse_layout(std::string_view code);

struct Cell {
  enum class Kind { text, money, date };
  Kind kind = Kind::text;
  std::string text;  // text; date as YYYY-MM-DD (empty: no date)
  long long money = 0;
};
using Row = std::vector<Cell>;

struct Table {
  std::vector<std::string> headers;
  std::vector<Row> rows;
};

std::vector<std::string> headers(Layout layout);
// Appends a voucher's lines (the voucher's columns repeated) to `table`.
void append_voucher(Table& table, Layout layout, const Voucher& voucher,
                    const std::vector<InvoiceLine>& lines);

// "Resumen-Facturas-Pagas_<yyyyMMddHHmmss>.<extension>" at the Bogotá time of `at`, as the portals name it.
std::string download_name(core::Instant at, std::string_view extension);
// dd/MM/yyyy, as the manuals show dates; "" stays "".
std::string display_date(std::string_view iso_date);

}  // namespace portal::finance
