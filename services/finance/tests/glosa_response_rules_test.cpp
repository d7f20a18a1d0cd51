// FIN-6 (issue 19): each row rule and each response-code rule of a glosa response upload, as tables.
#include "glosa_response_rules.hpp"

#include <xlsxwriter.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "glosa_response_file.hpp"

using namespace portal::finance;
using namespace std::chrono;

namespace {
constexpr auto g2284 = GlosaGeneration::res2284;
constexpr auto g3047 = GlosaGeneration::res3047;
constexpr year_month_day kDeadline = 2026y / April / 8;
constexpr year_month_day kToday = 2026y / April / 1;
}  // namespace

TEST_CASE("FIN-6: the row rules and the response codes of each generation") {
  struct Case {
    const char* name;
    GlosaGeneration generation;
    bool answered;
    const char* code;
    long long accepted, sustained;
    year_month_day today;
    RowStatus status;
    const char* reason;
    const char* stored_code;
  };
  const long long glosa = 1000;
  for (const auto& c : std::vector<Case>{
           {"fully accepted, 2284", g2284, false, "RE9702", 1000, 0, kToday, RowStatus::loaded, "ok",
            "RE9702"},
           {"fully accepted, 3047", g3047, false, "997", 1000, 0, kToday, RowStatus::loaded, "ok", "997"},
           {"RE97 with less than the glosa", g2284, false, "RE9702", 400, 600, kToday, RowStatus::refused,
            "inconsistent_values", ""},
           {"997 with less than the glosa", g3047, false, "997", 0, 1000, kToday, RowStatus::refused,
            "inconsistent_values", ""},
           {"not accepted, 2284", g2284, false, "RE9901", 0, 1000, kToday, RowStatus::loaded, "ok", "RE9901"},
           {"RE99 accepting something", g2284, false, "RE9901", 10, 990, kToday, RowStatus::refused,
            "inconsistent_values", ""},
           {"999 accepting something", g3047, false, "999", 10, 0, kToday, RowStatus::refused,
            "inconsistent_values", ""},
           {"partially accepted", g2284, false, "RE9801", 300, 700, kToday, RowStatus::loaded, "ok",
            "RE9801"},
           {"998 with everything accepted", g3047, false, "998", 1000, 0, kToday, RowStatus::refused,
            "inconsistent_values", ""},
           {"unjustified, 100 % lifted", g2284, false, "RE9602", 0, 1000, kToday, RowStatus::loaded, "ok",
            "RE9602"},
           {"a 4-character group is not a response", g2284, false, "RE97", 1000, 0, kToday,
            RowStatus::refused, "invalid_response_code", ""},
           {"a 3047 code under 2284", g2284, false, "997", 1000, 0, kToday, RowStatus::refused,
            "invalid_response_code", ""},
           {"a 2284 code under 3047", g3047, false, "RE9702", 1000, 0, kToday, RowStatus::refused,
            "invalid_response_code", ""},
           {"RE22 is the EPS's, not the provider's", g2284, false, "RE2202", 0, 0, kToday, RowStatus::refused,
            "invalid_response_code", ""},
           {"accepted + sustained over the glosa", g2284, false, "RE9801", 600, 500, kToday,
            RowStatus::refused, "over_glosa_value", ""},
           {"already answered", g2284, true, "RE9702", 1000, 0, kToday, RowStatus::refused,
            "already_answered", ""},
           {"past the deadline: loaded, flagged", g2284, false, "RE9702", 1000, 0, 2026y / April / 9,
            RowStatus::loaded_late, "late", "RE9702"},
           {"on the deadline day: on time", g2284, false, "RE9702", 1000, 0, kDeadline, RowStatus::loaded,
            "ok", "RE9702"},
           {"no code, all accepted → RE9702", g2284, false, "", 1000, 0, kToday, RowStatus::loaded, "ok",
            "RE9702"},
           {"no code, nothing accepted → 999", g3047, false, "", 0, 1000, kToday, RowStatus::loaded, "ok",
            "999"},
           {"no code, part accepted → RE9801", g2284, false, "", 200, 800, kToday, RowStatus::loaded, "ok",
            "RE9801"},
       }) {
    CAPTURE(c.name);
    AnsweredLine line{glosa, c.generation, kDeadline, c.answered};
    const auto out = check_response_row({"FE|1", c.code, c.accepted, c.sustained}, &line, c.today);
    CHECK(out.status == c.status);
    CHECK(out.code == c.reason);
    if (out.status != RowStatus::refused) CHECK(out.response_code == c.stored_code);
  }
  const auto unknown = check_response_row({"FE|1", "RE9702", 1, 0}, nullptr, kToday);
  CHECK(unknown.status == RowStatus::refused);
  AnsweredLine line{glosa, g2284, kDeadline, false};
  CHECK(check_response_row({"FE|1", "RE9801", 600, 500}, &line, kToday).message == kOverValueText);
  line.already_answered = true;
  CHECK(check_response_row({"FE|1", "RE9702", 1000, 0}, &line, kToday).message == kAlreadyAnsweredText);
  line.already_answered = false;
  CHECK(check_response_row({"FE|1", "RE9702", 1000, 0}, &line, 2026y / May / 4).message == kLateText);
}

TEST_CASE("FIN-6: the rows of an invoice fail together; an invoice must be answered whole") {
  const std::vector<ResponseRow> rows = {
      {"FE|1", "RE9702", 1000, 0}, {"FE|1", "RE9901", 0, 500},    // invoice 1, complete
      {"FE|2", "RE9702", 700, 0},                                 // invoice 2, one detail missing in the file
      {"FE|3", "RE9702", 100, 0},  {"FE|3", "RE9801", 900, 900},  // invoice 3, its second row refused
  };
  std::vector<RowOutcome> outcomes(rows.size(), RowOutcome{RowStatus::loaded, "ok", kLoadedText, ""});
  outcomes[4] = {RowStatus::refused, "over_glosa_value", kOverValueText, ""};
  apply_invoice_rule(rows, outcomes, [](const std::string& invoice) { return invoice == "FE|2" ? 1 : 0; });
  CHECK(outcomes[0].status == RowStatus::loaded);
  CHECK(outcomes[1].status == RowStatus::loaded);
  CHECK(outcomes[2].status == RowStatus::refused);
  CHECK(outcomes[2].message == kIncompleteInvoiceText);
  CHECK(outcomes[3].status == RowStatus::refused);
  CHECK(outcomes[3].message == kIncompleteInvoiceText);
  CHECK(outcomes[4].message == kOverValueText);  // keeps its own reason
  // REG-3: the credit note covers what was accepted in the loaded rows only.
  CHECK(credit_note_amount(rows, outcomes) == 1000);
}

namespace {

// The FIN-5 download's header (or `headers`) and answer rows, written by libxlsxwriter.
std::string answered_workbook(std::vector<std::string> headers,
                              const std::vector<std::vector<std::pair<int, std::string>>>& rows) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("glosa-response-" + std::to_string(std::random_device{}()) + ".xlsx");
  lxw_workbook* wb = workbook_new(path.string().c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Detalle de Glosa");
  for (std::size_t c = 0; c < headers.size(); ++c)
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), headers[c].c_str(), nullptr);
  lxw_row_t r = 1;
  for (const auto& row : rows) {
    for (const auto& [column, value] : row) {
      if (!value.empty() && value.find_first_not_of("0123456789") == std::string::npos)
        worksheet_write_number(ws, r, static_cast<lxw_col_t>(column), std::stod(value), nullptr);
      else
        worksheet_write_string(ws, r, static_cast<lxw_col_t>(column), value.c_str(), nullptr);
    }
    ++r;
  }
  REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  std::filesystem::remove(path);
  return out.str();
}

}  // namespace

TEST_CASE("FIN-6: the answered workbook's columns are found by header and AL/AM/AN/AO checked in place") {
  const auto headers = glosa_headers();
  const auto bytes = answered_workbook(headers, {{{49, "2053"},
                                                  {5, "FE1001"},
                                                  {32, "1"},
                                                  {35, "re9801"},
                                                  {37, "300"},
                                                  {38, "700"},
                                                  {39, "NC-1"},
                                                  {40, "se acepta"}},
                                                 {{49, "2053"}, {5, "FE1001"}, {32, "2"}, {37, "mucho"}}});
  const auto check = check_glosa_response_file(bytes);
  REQUIRE(check.errors.empty());
  CHECK(check.sheet == "Detalle de Glosa");
  CHECK(check.rows == 2);
  REQUIRE(check.columns.has_value());
  CHECK(check.columns->accepted == 37);
  std::vector<ResponseFileRow> rows;
  CHECK_FALSE(read_glosa_response_rows(bytes, *check.columns, [&](const ResponseFileRow& r) {
                rows.push_back(r);
                return true;
              }).has_value());
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].number == 2);
  CHECK(rows[0].conciliation == std::optional<long long>(2053));
  CHECK(rows[0].invoice_number == "FE1001");
  CHECK(rows[0].response_code == "RE9801");
  CHECK(rows[0].accepted == 300);
  CHECK(rows[0].sustained == 700);
  CHECK(rows[0].credit_note == "NC-1");
  CHECK(rows[0].notes == "se acepta");
  CHECK(rows[0].error.empty());
  CHECK_FALSE(rows[1].error.empty());  // "mucho" is not an amount

  // AL and AM swapped: both named, with where they are and where they belong.
  auto swapped = headers;
  std::swap(swapped[37], swapped[38]);
  auto bad = check_glosa_response_file(answered_workbook(swapped, {{{49, "1"}}}));
  REQUIRE(bad.errors.size() == 2);
  CHECK(bad.errors[0].code == "column_out_of_place");
  CHECK(bad.errors[0].message.es == "La columna Valor_aceptado_IPS debe estar en AL y está en AM");
  // AO missing.
  auto missing = headers;
  missing[40] = "Observaciones";
  bad = check_glosa_response_file(answered_workbook(missing, {{{49, "1"}}}));
  REQUIRE(bad.errors.size() == 1);
  CHECK(bad.errors[0].code == "missing_column");
  // Only the header.
  CHECK(check_glosa_response_file(answered_workbook(headers, {})).errors.at(0).code == "no_rows");
  CHECK(check_glosa_response_file("not a zip").errors.at(0).field == "file");
}
