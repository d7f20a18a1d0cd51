#pragma once
// FIN-4 portfolio requests (manual 003 §6): the template's columns, each row's rules, the file's limits and
// the provider's daily quota, as pure functions (issue 19 item 2).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "portal/core/clock.hpp"
#include "portal/core/errors.hpp"
#include "portal/documents/xlsx_reader.hpp"

namespace portal::finance {

// The template's columns, in order, spelled as manual 003 §6.1 names them.
inline constexpr std::array<std::string_view, 6> kPortfolioColumns = {
    "Numero Factura", "Prefijo", "Sufijo", "Fecha factura", "Valor factura", "Saldo factura"};
inline constexpr std::size_t kPortfolioMaxRows = 50000;  // "Cantidad máxima de registros por archivo 50000"
inline constexpr int kPortfolioDailyRequests =
    3;  // "como máximo 3 consultas diarias para un mismo prestador"

// One invoice of the provider's file, read and checked; `errors` empty when the row is valid.
struct PortfolioRow {
  std::uint32_t line = 0;  // the spreadsheet's row number
  std::string invoice_number;
  std::string prefix;
  std::string suffix;
  std::string invoice_date;  // YYYY-MM-DD
  long long invoice_value = 0;
  long long balance = 0;
  core::FieldErrors errors;
};

// The header row: the six columns in the template's order (accents, case and spacing aside). The error
// names the first column that differs.
std::optional<core::FieldError> check_portfolio_header(const documents::xlsx::Row& header);

// A data row (Carácter 20 obligatorio, Carácter 4, Numérico 4 obligatorio, Fecha DD/MM/AAAA obligatoria,
// Numérico 11 obligatorio twice). A date is a spreadsheet date or the text dd/MM/yyyy.
PortfolioRow read_portfolio_row(const documents::xlsx::Row& row);

// The daily quota: the fourth accepted request of a provider in one Bogotá day is refused until the next
// Bogotá midnight. nullopt when `accepted_today` leaves room; otherwise the seconds to wait (Retry-After).
std::optional<long long> portfolio_quota_wait(int accepted_today, core::Instant now);

}  // namespace portal::finance
