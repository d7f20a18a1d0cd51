// Issue 19, XLSX reader: files written by libxlsxwriter (shared strings, the 1900 date system, inline strings
// in its constant-memory mode) and by openpyxl (an independent writer: inline strings, the 1904 system),
// with an empty middle column, several sheets, and 50,000 rows read as a stream.
#include "portal/documents/xlsx_reader.hpp"

#include <xlsxwriter.h>

#include <catch2/catch.hpp>
#include <cstdlib>

#include "xlsx_test_files.hpp"

using namespace portal::documents::xlsx;

namespace {

// Two sheets: "Cartera" with a header, text, numbers, a date, a boolean and an empty column C; "Notas".
std::string write_with_libxlsxwriter(const std::string& name, bool constant_memory, int rows = 3) {
  const std::string path = xlsx_test::temp_path(name);
  lxw_workbook_options options = {};
  options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Cartera");
  lxw_worksheet* notes = workbook_add_worksheet(workbook, "Notas");
  lxw_format* date = workbook_add_format(workbook);
  format_set_num_format(date, "dd/mm/yyyy");
  worksheet_write_string(sheet, 0, 0, "Numero_factura", nullptr);
  worksheet_write_string(sheet, 0, 1, "Prefijo", nullptr);
  worksheet_write_string(sheet, 0, 3, "Fecha_factura", nullptr);
  worksheet_write_string(sheet, 0, 4, "Valor", nullptr);
  worksheet_write_string(sheet, 0, 5, "Pagada", nullptr);
  for (int r = 1; r < rows; ++r) {
    worksheet_write_string(sheet, r, 0, ("FE-" + std::to_string(1000 + r)).c_str(), nullptr);
    worksheet_write_string(sheet, r, 1, "Bogotá ñ", nullptr);
    lxw_datetime when = {2026, 12, 5, 0, 0, 0};
    worksheet_write_datetime(sheet, r, 3, &when, date);
    worksheet_write_number(sheet, r, 4, 1500000.5 + r, nullptr);
    worksheet_write_boolean(sheet, r, 5, r % 2, nullptr);
  }
  worksheet_write_string(notes, 1, 2, "nota", nullptr);
  REQUIRE(workbook_close(workbook) == LXW_NO_ERROR);
  return xlsx_test::slurp(path);
}

std::vector<Row> read_all(Workbook& workbook, std::string_view sheet = {}) {
  std::vector<Row> rows;
  const auto error = workbook.read_rows(sheet, [&](const Row& row) {
    rows.push_back(row);
    return true;
  });
  if (error) FAIL(error->code + ": " + error->message.en);
  return rows;
}

}  // namespace

TEST_CASE("libxlsxwriter workbook: shared strings, 1900 dates, an empty middle column, two sheets") {
  for (const bool constant_memory : {false, true}) {
    CAPTURE(constant_memory);  // constant memory writes inline strings instead of the shared table
    const std::string bytes = write_with_libxlsxwriter("lxw.xlsx", constant_memory);
    auto workbook = Workbook::open(bytes);
    REQUIRE_FALSE(workbook->error().has_value());
    CHECK(workbook->sheet_names() == std::vector<std::string>{"Cartera", "Notas"});
    CHECK_FALSE(workbook->date1904());
    const auto rows = read_all(*workbook);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].number == 1);
    CHECK(rows[0].at(0)->text == "Numero_factura");
    CHECK(rows[0].at(2) == nullptr);  // column C is empty
    CHECK(rows[0].at(3)->text == "Fecha_factura");
    const Row& data = rows[1];
    CHECK(data.number == 2);
    CHECK(data.at(0)->text == "FE-1001");
    CHECK(data.at(1)->text == "Bogotá ñ");
    CHECK(data.at(2) == nullptr);
    REQUIRE(data.at(3)->type == CellType::date);
    CHECK(data.at(3)->date == DateTime{2026, 12, 5});
    CHECK(data.at(3)->number == 46361);
    CHECK(data.at(4)->type == CellType::number);
    CHECK(data.at(4)->number == 1500001.5);
    CHECK(data.at(5)->type == CellType::boolean);
    CHECK(data.at(5)->number == 1);
    const auto notes = read_all(*workbook, "Notas");
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].number == 2);
    CHECK(notes[0].cells.size() == 1);
    CHECK(notes[0].cells[0].column == 2);
    CHECK(notes[0].cells[0].text == "nota");
    const auto missing = workbook->read_rows("Glosas", [](const Row&) { return true; });
    REQUIRE(missing.has_value());
    CHECK(missing->code == "sheet_not_found");
  }
}

TEST_CASE("openpyxl workbook: inline strings, the 1904 date system, character references, a sparse sheet") {
  const std::string path = xlsx_test::temp_path("openpyxl.xlsx");
  const std::string command =
      "/usr/bin/python3 " + std::string(PORTAL_DOCUMENTS_TESTS_DIR) + "/write_workbook.py " + path;
  REQUIRE(std::system(command.c_str()) == 0);
  const std::string bytes = xlsx_test::slurp(path);  // the Workbook reads these bytes: they must outlive it
  auto workbook = Workbook::open(bytes);
  REQUIRE_FALSE(workbook->error().has_value());
  CHECK(workbook->date1904());
  CHECK(workbook->sheet_names() == std::vector<std::string>{"Respuesta", "Otra"});
  const auto rows = read_all(*workbook, "Respuesta");
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].at(0)->text == "Factura");
  CHECK(rows[0].at(1) == nullptr);
  CHECK(rows[0].at(4)->text == "Activo");
  CHECK(rows[1].at(0)->text == "FE-1001");
  REQUIRE(rows[1].at(2)->type == CellType::date);
  CHECK(rows[1].at(2)->date == DateTime{2026, 12, 5});
  CHECK(rows[1].at(3)->number == 1500000);
  CHECK(rows[1].at(4)->type == CellType::boolean);
  CHECK(rows[2].at(0)->text == "Cañón ñandú");
  CHECK(rows[2].at(2)->date == DateTime{2023, 4, 1, 10, 30});
  CHECK(rows[2].at(3)->number == 12.25);
  const auto other = read_all(*workbook, "Otra");
  REQUIRE(other.size() == 1);
  CHECK(other[0].number == 3);
  CHECK(other[0].cells[0].column == 2);
}

TEST_CASE("50,000 rows stream to the callback in order, and the callback can stop the reading") {
  const std::string bytes = write_with_libxlsxwriter("big.xlsx", true, 50001);
  auto workbook = Workbook::open(bytes);
  REQUIRE_FALSE(workbook->error().has_value());
  std::uint32_t count = 0, last = 0;
  const auto error = workbook->read_rows({}, [&](const Row& row) {
    ++count;
    if (row.number != last + 1) return false;
    last = row.number;
    return true;
  });
  CHECK_FALSE(error.has_value());
  CHECK(count == 50001);
  CHECK(last == 50001);
  count = 0;
  CHECK_FALSE(workbook->read_rows({}, [&](const Row&) { return ++count < 10; }).has_value());
  CHECK(count == 10);
}
