// Issue 19, XLSX reader: cell references, date formats and date serials (ECMA-376 §18.8.30, §18.17.4).
#include <catch2/catch.hpp>

#include "portal/documents/xlsx_reader.hpp"
#include "xlsx/cell_values.hpp"

using namespace portal::documents::xlsx;

TEST_CASE("column letters and indexes round-trip, AL..AO as in manual 003 §8.2") {
  struct Row {
    std::uint32_t index;
    const char* letters;
  };
  for (auto [index, letters] :
       {Row{0, "A"}, Row{25, "Z"}, Row{26, "AA"}, Row{37, "AL"}, Row{38, "AM"}, Row{39, "AN"}, Row{40, "AO"},
        Row{49, "AX"}, Row{701, "ZZ"}, Row{702, "AAA"}, Row{16383, "XFD"}}) {
    CAPTURE(letters);
    CHECK(column_letters(index) == letters);
    CHECK(column_index(letters) == index);
  }
  for (const char* bad : {"", "a", "XFE", "AAAA", "A1", "ZZZZ"}) {
    CAPTURE(bad);
    CHECK_FALSE(column_index(bad).has_value());
  }
}

TEST_CASE("cell references") {
  CHECK(parse_reference("A1")->column == 0);
  CHECK(parse_reference("AO12")->column == 40);
  CHECK(parse_reference("AO12")->row == 12);
  CHECK(parse_reference("XFD1048576")->row == 1048576);
  for (const char* bad : {"", "A", "1", "A0", "A01", "a1", "A1048577", "XFE1", "A1B", "A-1"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_reference(bad).has_value());
  }
}

TEST_CASE("which number formats are dates") {
  struct Row {
    std::uint32_t id;
    const char* code;
    bool date;
  };
  for (auto [id, code, date] :
       {Row{0, "", false}, Row{1, "", false}, Row{14, "", true}, Row{22, "", true}, Row{45, "", true},
        Row{49, "", false}, Row{164, "dd/mm/yyyy", true}, Row{164, "yyyy-mm-dd hh:mm:ss", true},
        Row{164, "0.00", false}, Row{164, "#,##0", false}, Row{164, "\"day\" 0", false},
        Row{164, "[Red]0.00", false}, Row{164, "[$-409]0", false}, Row{164, "[h]:mm", true},
        Row{164, "General", false}, Row{164, "\\d0", false}, Row{164, "0;[Red]-0;\"d\"", false},
        Row{164, "@", false}}) {
    CAPTURE(id, code);
    CHECK(is_date_format(id, code) == date);
  }
}

TEST_CASE("date serials in the 1900 and 1904 systems") {
  struct Row {
    double serial;
    bool d1904;
    DateTime expected;
  };
  for (auto [serial, d1904, expected] :
       {Row{1, false, {1900, 1, 1}}, Row{59, false, {1900, 2, 28}}, Row{60, false, {1900, 2, 29}},
        Row{61, false, {1900, 3, 1}}, Row{46361, false, {2026, 12, 5}},
        Row{46361.5, false, {2026, 12, 5, 12}}, Row{46361.75, false, {2026, 12, 5, 18}},
        Row{45017 + 1.0 / 86400, false, {2023, 4, 1, 0, 0, 1}}, Row{0, true, {1904, 1, 1}},
        Row{44899, true, {2026, 12, 5}}, Row{1, true, {1904, 1, 2}}}) {
    CAPTURE(serial, d1904);
    CHECK(date_from_serial(serial, d1904) == expected);
  }
}

TEST_CASE("ISO 8601 cells (t=\"d\")") {
  CHECK(parse_iso_date("2026-12-05") == DateTime{2026, 12, 5});
  CHECK(parse_iso_date("2026-12-05T10:30:15") == DateTime{2026, 12, 5, 10, 30, 15});
  for (const char* bad : {"", "2026-13-01", "2026/12/05", "26-12-05", "2026-12-05T25:00:00", "abcd-ef-gh"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_iso_date(bad).has_value());
  }
}
