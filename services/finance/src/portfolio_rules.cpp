#include "portfolio_rules.hpp"

#include <charconv>
#include <chrono>
#include <cmath>

#include "portal/catalog/text_fold.hpp"
#include "portal/core/text.hpp"

namespace portal::finance {
namespace {

using documents::xlsx::Cell;
using documents::xlsx::CellType;

core::FieldError error(std::string_view column, std::string code, std::string es, std::string en) {
  return core::FieldError{std::string(column), std::move(code), core::Text{std::move(es), std::move(en)}};
}

std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

// The text of a text cell, or of a whole number written as a number (Excel turns 0001 into 1, so a
// numeric cell is read back without decimals). nullopt for a number with decimals, a date or an error.
std::optional<std::string> as_text(const Cell& cell) {
  if (cell.type == CellType::text) return std::string(core::trim_ows(cell.text));
  if (cell.type == CellType::number && std::floor(cell.number) == cell.number && cell.number >= 0 &&
      cell.number < 1e15)
    return std::to_string(static_cast<long long>(cell.number));
  return std::nullopt;
}

bool all_digits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

bool valid_civil(int y, int m, int d) {
  return std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                     std::chrono::day{static_cast<unsigned>(d)}}
      .ok();
}

// dd/MM/yyyy (d and M may have one digit, as Excel writes them when a date is typed as text).
std::optional<std::string> parse_dmy(std::string_view text) {
  int parts[3] = {0, 0, 0};
  std::size_t start = 0;
  for (int i = 0; i < 3; ++i) {
    const auto slash = i < 2 ? text.find('/', start) : text.size();
    if (slash == std::string_view::npos) return std::nullopt;
    const auto piece = text.substr(start, slash - start);
    if (piece.empty() || piece.size() > (i == 2 ? 4u : 2u) || !all_digits(piece)) return std::nullopt;
    std::from_chars(piece.data(), piece.data() + piece.size(), parts[i]);
    start = slash + 1;
  }
  if (text.substr(text.rfind('/') + 1).size() != 4 || !valid_civil(parts[2], parts[1], parts[0]))
    return std::nullopt;
  return std::to_string(parts[2]) + "-" + two(parts[1]) + "-" + two(parts[0]);
}

// Numérico 11: a whole number of at most 11 digits, as a number cell or digits in a text cell.
std::optional<long long> as_money(const Cell& cell) {
  const auto text = as_text(cell);
  if (!text || !all_digits(*text) || text->size() > 11) return std::nullopt;
  return std::stoll(*text);
}

}  // namespace

std::optional<core::FieldError> check_portfolio_header(const documents::xlsx::Row& header) {
  for (std::uint32_t i = 0; i < kPortfolioColumns.size(); ++i) {
    const Cell* cell = header.at(i);
    const std::string found = cell ? catalog::fold(cell->text) : "";
    if (found != catalog::fold(kPortfolioColumns[i])) {
      const std::string letter = documents::xlsx::column_letters(i);
      return error("file", "portfolio_columns",
                   "El archivo no tiene la estructura de la plantilla: la columna " + letter + " debe ser «" +
                       std::string(kPortfolioColumns[i]) + "»",
                   "The file does not follow the template: column " + letter + " must be \"" +
                       std::string(kPortfolioColumns[i]) + "\"");
    }
  }
  return std::nullopt;
}

PortfolioRow read_portfolio_row(const documents::xlsx::Row& row) {
  PortfolioRow out;
  out.line = row.number;
  auto required = [&](std::uint32_t column) -> const Cell* {
    const Cell* cell = row.at(column);
    if (cell == nullptr || (cell->type == CellType::text && core::trim_ows(cell->text).empty())) {
      out.errors.push_back(error(kPortfolioColumns[column], "required",
                                 "El campo «" + std::string(kPortfolioColumns[column]) + "» es obligatorio",
                                 "The field \"" + std::string(kPortfolioColumns[column]) + "\" is required"));
      return nullptr;
    }
    return cell;
  };
  auto bad = [&](std::uint32_t column, std::string code, std::string es_rule, std::string en_rule) {
    out.errors.push_back(error(kPortfolioColumns[column], std::move(code),
                               "El campo «" + std::string(kPortfolioColumns[column]) + "» " + es_rule,
                               "The field \"" + std::string(kPortfolioColumns[column]) + "\" " + en_rule));
  };
  if (const Cell* c = required(0)) {
    const auto text = as_text(*c);
    if (!text || text->size() > 20)
      bad(0, "too_long", "debe ser un texto de máximo 20 caracteres",
          "must be a text of at most 20 characters");
    else
      out.invoice_number = *text;
  }
  if (const Cell* c = row.at(1)) {
    const auto text = as_text(*c);
    if (!text || text->size() > 4)
      bad(1, "too_long", "debe ser un texto de máximo 4 caracteres",
          "must be a text of at most 4 characters");
    else
      out.prefix = *text;
  }
  if (const Cell* c = required(2)) {
    const auto text = as_text(*c);
    if (!text || !all_digits(*text) || text->size() > 4)
      bad(2, "not_numeric", "debe ser numérico de máximo 4 dígitos", "must be numeric with at most 4 digits");
    else
      out.suffix = *text;
  }
  if (const Cell* c = required(3)) {
    std::optional<std::string> date;
    if (c->type == CellType::date && valid_civil(c->date.year, c->date.month, c->date.day))
      date = std::to_string(c->date.year) + "-" + two(c->date.month) + "-" + two(c->date.day);
    else if (c->type == CellType::text)
      date = parse_dmy(core::trim_ows(c->text));
    if (!date)
      bad(3, "invalid_date", "debe ser una fecha con el formato DD/MM/AAAA",
          "must be a date in the format DD/MM/YYYY");
    else
      out.invoice_date = *date;
  }
  for (const auto& [column, target] :
       {std::pair{4u, &PortfolioRow::invoice_value}, std::pair{5u, &PortfolioRow::balance}}) {
    if (const Cell* c = required(column)) {
      const auto money = as_money(*c);
      if (!money)
        bad(column, "not_numeric", "debe ser un valor entero de máximo 11 dígitos",
            "must be a whole value of at most 11 digits");
      else
        out.*target = *money;
    }
  }
  return out;
}

std::optional<long long> portfolio_quota_wait(int accepted_today, core::Instant now) {
  if (accepted_today < kPortfolioDailyRequests) return std::nullopt;
  const auto next_midnight = core::bogota_day_start(now) + std::chrono::hours{24};
  const auto ms = (next_midnight - now).count();
  return (ms + 999) / 1000;
}

}  // namespace portal::finance
