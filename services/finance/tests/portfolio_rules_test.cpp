// FIN-4 (issue 19): the portfolio template's header, each row's rules and the daily quota (manual 003 §6.1).
#include "portfolio_rules.hpp"

#include <catch2/catch.hpp>

using namespace portal::finance;
using portal::documents::xlsx::Cell;
using portal::documents::xlsx::CellType;
using portal::documents::xlsx::DateTime;
using portal::documents::xlsx::Row;

namespace {

Cell text(std::uint32_t column, std::string value) {
  Cell c;
  c.column = column;
  c.text = std::move(value);
  return c;
}
Cell number(std::uint32_t column, double value) {
  Cell c;
  c.column = column;
  c.type = CellType::number;
  c.number = value;
  return c;
}
Cell date(std::uint32_t column, DateTime d) {
  Cell c;
  c.column = column;
  c.type = CellType::date;
  c.date = d;
  return c;
}

Row valid_row() {
  return Row{7,
             {text(0, "FE-1001"), text(1, "FE"), number(2, 1001), date(3, {2026, 11, 30}), number(4, 1500000),
              number(5, 250000)}};
}

std::vector<std::string> codes(const PortfolioRow& r) {
  std::vector<std::string> out;
  for (const auto& e : r.errors) out.push_back(e.field + ":" + e.code);
  return out;
}

}  // namespace

TEST_CASE("FIN-4 header: the template's six columns in order, accents and case aside") {
  Row header{1, {}};
  for (std::uint32_t i = 0; i < kPortfolioColumns.size(); ++i)
    header.cells.push_back(text(i, std::string(kPortfolioColumns[i])));
  CHECK_FALSE(check_portfolio_header(header).has_value());
  header.cells[0].text = "NÚMERO  factura";
  CHECK_FALSE(check_portfolio_header(header).has_value());
  header.cells[3].text = "Fecha";
  const auto error = check_portfolio_header(header);
  REQUIRE(error.has_value());
  CHECK(error->code == "portfolio_columns");
  CHECK(error->message.es.find("columna D") != std::string::npos);
  header.cells.erase(header.cells.begin() + 3);
  CHECK(check_portfolio_header(header).has_value());
}

TEST_CASE("FIN-4 rows: each column's rule, every error of a row at once") {
  const auto ok = read_portfolio_row(valid_row());
  CHECK(ok.errors.empty());
  CHECK(ok.line == 7);
  CHECK(ok.invoice_number == "FE-1001");
  CHECK(ok.prefix == "FE");
  CHECK(ok.suffix == "1001");
  CHECK(ok.invoice_date == "2026-11-30");
  CHECK(ok.invoice_value == 1500000);
  CHECK(ok.balance == 250000);

  struct Case {
    const char* what;
    std::function<void(Row&)> change;
    std::vector<std::string> expected;
  };
  const std::vector<Case> cases{
      {"no prefix is fine", [](Row& r) { r.cells.erase(r.cells.begin() + 1); }, {}},
      {"date as dd/MM/yyyy text", [](Row& r) { r.cells[3] = text(3, "05/12/2026"); }, {}},
      {"date as d/M/yyyy text", [](Row& r) { r.cells[3] = text(3, "5/1/2026"); }, {}},
      {"numbers as digit text",
       [](Row& r) {
         r.cells[4] = text(4, "1500000");
         r.cells[2] = text(2, "0001");
       },
       {}},
      {"invoice number missing", [](Row& r) { r.cells.erase(r.cells.begin()); }, {"Numero Factura:required"}},
      {"invoice number blank text", [](Row& r) { r.cells[0] = text(0, "  "); }, {"Numero Factura:required"}},
      {"invoice number of 21 characters",
       [](Row& r) { r.cells[0] = text(0, std::string(21, 'A')); },
       {"Numero Factura:too_long"}},
      {"prefix of 5", [](Row& r) { r.cells[1] = text(1, "ABCDE"); }, {"Prefijo:too_long"}},
      {"suffix with letters", [](Row& r) { r.cells[2] = text(2, "10A"); }, {"Sufijo:not_numeric"}},
      {"suffix of 5 digits", [](Row& r) { r.cells[2] = number(2, 10001); }, {"Sufijo:not_numeric"}},
      {"suffix with decimals", [](Row& r) { r.cells[2] = number(2, 1.5); }, {"Sufijo:not_numeric"}},
      {"date 31/02/2026", [](Row& r) { r.cells[3] = text(3, "31/02/2026"); }, {"Fecha factura:invalid_date"}},
      {"date yyyy-MM-dd text",
       [](Row& r) { r.cells[3] = text(3, "2026-12-05"); },
       {"Fecha factura:invalid_date"}},
      {"date as a plain number",
       [](Row& r) { r.cells[3] = number(3, 46361); },
       {"Fecha factura:invalid_date"}},
      {"value with decimals", [](Row& r) { r.cells[4] = number(4, 1500.5); }, {"Valor factura:not_numeric"}},
      {"value of 12 digits",
       [](Row& r) { r.cells[4] = number(4, 100000000000); },
       {"Valor factura:not_numeric"}},
      {"value with thousands dots",
       [](Row& r) { r.cells[4] = text(4, "1.500.000"); },
       {"Valor factura:not_numeric"}},
      {"negative balance", [](Row& r) { r.cells[5] = number(5, -1); }, {"Saldo factura:not_numeric"}},
      {"everything missing but the number",
       [](Row& r) { r.cells.erase(r.cells.begin() + 1, r.cells.end()); },
       {"Sufijo:required", "Fecha factura:required", "Valor factura:required", "Saldo factura:required"}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.what);
    Row row = valid_row();
    c.change(row);
    CHECK(codes(read_portfolio_row(row)) == c.expected);
  }
}

TEST_CASE("FIN-4 daily quota: the fourth request of a Bogotá day waits until Bogotá midnight") {
  const auto at = [](const char* s) { return *portal::core::parse_rfc3339(s); };
  struct Case {
    int accepted;
    const char* now;
    std::optional<long long> wait;
  };
  for (auto [accepted, now, wait] :
       {Case{0, "2026-12-05T22:00:00-05:00", std::nullopt},
        Case{2, "2026-12-05T22:00:00-05:00", std::nullopt}, Case{3, "2026-12-05T22:00:00-05:00", 7200},
        Case{3, "2026-12-06T03:00:00Z", 7200},  // 22:00 in Bogotá
        Case{3, "2026-12-05T00:00:00-05:00", 86400}, Case{5, "2026-12-05T23:59:59.500-05:00", 1}}) {
    CAPTURE(accepted, now);
    CHECK(portfolio_quota_wait(accepted, at(now)) == wait);
  }
}
