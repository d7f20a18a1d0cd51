#include <catch2/catch.hpp>

#include "affiliate_rules.hpp"
#include "portal/core/clock.hpp"
#include "csv_row.hpp"
#include "test_reference_data.hpp"

using namespace portal::affiliates;

TEST_CASE("AFF-4 CSV line parsing (RFC 4180 fields on one line)") {
  struct Row {
    const char* line;
    std::vector<std::string> fields;
    std::optional<std::string> error;
  };
  for (const auto& row : {Row{"a,b,c", {"a", "b", "c"}, {}},
                          Row{"a,,c", {"a", "", "c"}, {}},
                          Row{"a,b,", {"a", "b", ""}, {}},
                          Row{"", {""}, {}},
                          Row{"\"Calle 5, # 3\",x", {"Calle 5, # 3", "x"}, {}},
                          Row{"\"dice \"\"hola\"\"\",y", {"dice \"hola\"", "y"}, {}},
                          Row{"a,b\r", {"a", "b"}, {}},
                          Row{"\"Peña\",\"\"", {"Peña", ""}, {}},
                          Row{"\"open,b", {}, "unterminated_quote"},
                          Row{"\"x\"y,b", {}, "text_after_quote"},
                          Row{"ab\"c,d", {}, "unexpected_quote"}}) {
    CAPTURE(row.line);
    auto parsed = parse_csv_line(row.line);
    CHECK((parsed.error ? std::optional{parsed.error->code} : std::nullopt) == row.error);
    if (!row.error) CHECK(parsed.fields == row.fields);
  }
}

TEST_CASE("AFF-4 CSV header: required columns, any order, BOM and case tolerated") {
  auto ok = read_csv_header(
      "\xEF\xBB\xBF" "Document_Type,document_number,first_name,first_surname,birth_date,sex,regime,affiliation_status,"
      "municipality_code,extra");
  CHECK(ok.errors.empty());
  CHECK(ok.layout.width == 10);
  CHECK(ok.layout.index.at("document_type") == 0);
  auto missing = read_csv_header("document_type,document_number,first_name");
  std::vector<std::string> fields;
  for (const auto& e : missing.errors) fields.push_back(e.field + ":" + e.code);
  CHECK(fields == std::vector<std::string>{"first_surname:missing_column", "birth_date:missing_column",
                                           "sex:missing_column", "regime:missing_column",
                                           "affiliation_status:missing_column", "municipality_code:missing_column"});
}

TEST_CASE("AFF-4 CSV rows to affiliates, malformed lines reported with the rule codes") {
  const auto header = read_csv_header(
      "document_type,document_number,first_name,second_name,first_surname,second_surname,birth_date,sex,regime,"
      "affiliation_status,data_quality,municipality_code,newborn_of_type,newborn_of_number,child_number");
  REQUIRE(header.errors.empty());
  const auto today = *portal::core::parse_date("2026-03-02");
  struct Row {
    const char* line;
    std::vector<std::string> errors;
  };
  for (const auto& row :
       {Row{"CC,1000000001,María,,Gómez,Pérez,1990-05-10,F,subsidized,active,,08001,,,", {}},
        Row{",,Hijo de María,,Gómez,,2026-02-28,M,subsidized,active,ok,08001,CC,1000000001,1", {}},
        Row{"CC,1000000001,María", {"line:column_count"}},
        Row{"CC,12AB,Mar1a,,Gómez,,1990-05-10,F,subsidized,active,,08001,,,",
            {"document_number:not_numeric", "first_name:invalid_characters"}},
        Row{"XX,1,Ana,,Ruiz,,1990-05-10,F,subsidized,active,,08001,,,", {"document_type:unknown_document_type"}},
        Row{"CC,5,Ana,,Ruiz,,2099-01-01,Z,subsidized,active,,00000,,,",
            {"birth_date:in_future", "sex:invalid_value", "municipality_code:unknown_municipality"}},
        Row{",,Bebé,,Ruiz,,2026-02-28,M,subsidized,active,,08001,CC,1000000001,uno", {"child_number:not_numeric"}}}) {
    CAPTURE(row.line);
    auto parsed = parse_csv_line(row.line);
    REQUIRE_FALSE(parsed.error);
    auto csv = affiliate_from_csv(header.layout, parsed.fields);
    if (csv.errors.empty()) csv.errors = validate_affiliate(csv.affiliate, test::reference_data(), today);
    std::vector<std::string> got;
    for (const auto& e : csv.errors) got.push_back(e.field + ":" + e.code);
    CHECK(got == row.errors);
  }
}
