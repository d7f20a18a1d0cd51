#include "portfolio_file.hpp"

namespace portal::finance {

core::FieldError file_error(const documents::xlsx::Error& e) {
  return core::FieldError{"file", e.code, e.message};
}

PortfolioFileCheck check_portfolio_file(std::string_view bytes) {
  PortfolioFileCheck out;
  auto workbook = documents::xlsx::Workbook::open(bytes);
  if (workbook->error()) {
    out.error = file_error(*workbook->error());
    return out;
  }
  if (workbook->sheet_names().size() != 1) {
    out.error = core::FieldError{
        "file",
        "portfolio_sheets",
        {"El archivo debe tener una sola hoja; tiene " + std::to_string(workbook->sheet_names().size()),
         "The file must have exactly one sheet; it has " + std::to_string(workbook->sheet_names().size())}};
    return out;
  }
  bool header = true;
  const auto read_error = workbook->read_rows({}, [&](const documents::xlsx::Row& row) {
    if (header) {
      header = false;
      out.error = check_portfolio_header(row);
      return !out.error;
    }
    if (++out.rows > kPortfolioMaxRows) {
      out.error = core::FieldError{"file",
                                   "too_many_rows",
                                   {"El archivo supera la cantidad máxima de registros por archivo (50000)",
                                    "The file has more than the maximum of 50000 records"}};
      return false;
    }
    return true;
  });
  if (read_error) out.error = file_error(*read_error);
  if (!out.error && header)
    out.error = core::FieldError{"file",
                                 "portfolio_columns",
                                 {"El archivo está vacío: debe tener la fila de títulos de la plantilla",
                                  "The file is empty: it must have the template's header row"}};
  else if (!out.error && out.rows == 0)
    out.error =
        core::FieldError{"file", "empty_file", {"El archivo no tiene facturas", "The file has no invoices"}};
  return out;
}

std::optional<core::FieldError> read_portfolio_rows(std::string_view bytes,
                                                    const std::function<bool(const PortfolioRow&)>& on_row) {
  auto workbook = documents::xlsx::Workbook::open(bytes);
  if (workbook->error()) return file_error(*workbook->error());
  bool header = true;
  const auto error = workbook->read_rows({}, [&](const documents::xlsx::Row& row) {
    if (header) {
      header = false;
      return true;
    }
    return on_row(read_portfolio_row(row));
  });
  if (error) return file_error(*error);
  return std::nullopt;
}

}  // namespace portal::finance
