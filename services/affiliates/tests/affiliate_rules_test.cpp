#include <catch2/catch.hpp>

#include "affiliate_rules.hpp"
#include "portal/core/clock.hpp"
#include "test_reference_data.hpp"

using namespace portal::affiliates;
using namespace std::chrono;

namespace {

std::optional<std::string> code_of(const std::optional<portal::core::FieldError>& e) {
  return e ? std::optional{e->code} : std::nullopt;
}

year_month_day date(const char* s) { return *portal::core::parse_date(s); }

Affiliate valid_affiliate() {
  Affiliate a;
  a.document_type = "CC";
  a.document_number = "1000000001";
  a.first_name = "María";
  a.first_surname = "Gómez";
  a.birth_date = "1990-05-10";
  a.sex = "F";
  a.regime = "subsidized";
  a.affiliation_status = "active";
  a.data_quality = "ok";
  a.municipality_code = "08001";
  return a;
}

std::vector<std::string> fields_of(const portal::core::FieldErrors& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field + ":" + e.code);
  return out;
}

}  // namespace

TEST_CASE("AFF-1 names hold letters, accents and spaces only") {
  struct Row {
    const char* name;
    std::optional<std::string> code;
  };
  for (auto [name, code] : {Row{"María José", {}}, Row{"ÑÚÑEZ", {}}, Row{"Gómez de la Hoz", {}}, Row{"Müller", {}},
                            Row{"Juan2", "invalid_characters"}, Row{"O'Neil", "invalid_characters"},
                            Row{"Ana-María", "invalid_characters"}, Row{"   ", "required"}, Row{"", "required"},
                            Row{"AbcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijX", "too_long"}}) {
    CAPTURE(name);
    CHECK(code_of(check_name("first_name", name)) == code);
  }
}

TEST_CASE("AFF-1 document type from the catalog, numeric types need digits") {
  const auto& ref = test::reference_data();
  struct Row {
    const char* type;
    const char* number;
    std::optional<std::string> code;
    const char* field;
  };
  for (auto [type, number, code, field] :
       {Row{"CC", "1000000001", {}, ""}, Row{"TI", "1098765432", {}, ""}, Row{"PA", "AB123456", {}, ""},
        Row{"CE", "E2000010", {}, ""}, Row{"XX", "123", "unknown_document_type", "document_type"},
        Row{"", "123", "required", "document_type"}, Row{"CC", "12A45", "not_numeric", "document_number"},
        Row{"CC", "", "required", "document_number"}, Row{"PA", "AB-12", "invalid_characters", "document_number"},
        Row{"CC", "123456789012345678901", "too_long", "document_number"}}) {
    CAPTURE(type, number);
    auto e = check_document("document_type", "document_number", type, number, ref);
    CHECK(code_of(e) == code);
    if (e) CHECK(e->field == field);
  }
}

TEST_CASE("AFF-1 document type vs age is a warning with the catalog's hints") {
  const auto& ref = test::reference_data();
  struct Row {
    const char* type;
    int age;
    bool warns;
  };
  for (auto [type, age, warns] : {Row{"RC", 0, false}, Row{"RC", 6, false}, Row{"RC", 7, true}, Row{"RC", 30, true},
                                  Row{"TI", 6, true}, Row{"TI", 7, false}, Row{"TI", 17, false}, Row{"TI", 18, true},
                                  Row{"CC", 17, true}, Row{"CC", 18, false}, Row{"CC", 90, false}, Row{"MS", 17, false},
                                  Row{"MS", 18, true}, Row{"AS", 17, true}, Row{"AS", 18, false}, Row{"CN", 0, false},
                                  Row{"CN", 1, true}, Row{"PA", 40, false}}) {
    CAPTURE(type, age);
    auto w = document_type_warning(*ref.document_type(type), age);
    CHECK(w.has_value() == warns);
    if (w) CHECK(w->code == "document_type_age_mismatch");
  }
}

TEST_CASE("Age in completed years on the Bogotá date") {
  struct Row {
    const char* birth;
    const char* today;
    int age;
  };
  for (auto [birth, today, age] : {Row{"2000-03-02", "2026-03-02", 26}, Row{"2000-03-03", "2026-03-02", 25},
                                   Row{"2026-03-02", "2026-03-02", 0}, Row{"2004-02-29", "2026-02-28", 21},
                                   Row{"2004-02-29", "2026-03-01", 22}, Row{"1930-12-31", "2026-01-01", 95}}) {
    CAPTURE(birth, today);
    CHECK(age_in_years(date(birth), date(today)) == age);
  }
}

TEST_CASE("Birth date: valid, not in the future") {
  const auto today = date("2026-03-02");
  struct Row {
    const char* value;
    std::optional<std::string> code;
  };
  for (auto [value, code] : {Row{"2026-03-02", {}}, Row{"1950-01-01", {}}, Row{"2026-03-03", "in_future"},
                             Row{"2026-02-30", "invalid_date"}, Row{"02/03/2026", "invalid_date"}, Row{"", "required"},
                             Row{"1800-01-01", "out_of_range"}}) {
    CAPTURE(value);
    CHECK(code_of(check_birth_date("birth_date", value, today)) == code);
  }
}

TEST_CASE("E-mail and phone formats") {
  CHECK_FALSE(check_email("email", "ana@example.com"));
  CHECK(code_of(check_email("email", "ana@example")) == "invalid_email");
  CHECK(code_of(check_email("email", "ana example.com")) == "invalid_email");
  CHECK(code_of(check_email("email", "a@b@c.co")) == "invalid_email");
  CHECK_FALSE(check_phone("phone", "3001234567"));
  CHECK(code_of(check_phone("phone", "300-123")) == "invalid_phone");
}

TEST_CASE("AFF-1 validate_affiliate lists every invalid field at once") {
  const auto& ref = test::reference_data();
  const auto today = date("2026-03-02");
  CHECK(validate_affiliate(valid_affiliate(), ref, today).empty());

  auto bad = valid_affiliate();
  bad.first_name = "Mar1a";
  bad.sex = "X";
  bad.regime = "private";
  bad.affiliation_status = "";
  bad.data_quality = "bad";
  bad.municipality_code = "99999";
  bad.birth_date = "2030-01-01";
  bad.email = "nope";
  CHECK(fields_of(validate_affiliate(bad, ref, today)) ==
        std::vector<std::string>{"first_name:invalid_characters", "birth_date:in_future", "sex:invalid_value",
                                 "regime:invalid_value", "affiliation_status:required", "data_quality:invalid_value",
                                 "municipality_code:unknown_municipality", "email:invalid_email"});
}

TEST_CASE("AFF-1 newborns 'hijo de': mother's document with a child number") {
  const auto& ref = test::reference_data();
  const auto today = date("2026-03-02");
  struct Row {
    std::optional<std::string> own_type, mother_type, mother_number;
    std::optional<long long> child;
    std::vector<std::string> errors;
  };
  for (const auto& row : {Row{{}, "CC", "1000000001", 1, {}},
                          Row{"RC", "CC", "1000000001", 2, {}},
                          Row{{}, "CC", "1000000001", {}, {"child_number:required"}},
                          Row{{}, "CC", "1000000001", 0, {"child_number:out_of_range"}},
                          Row{{}, "CC", "10A", 1, {"newborn_of.document_number:not_numeric"}},
                          Row{{}, "ZZ", "1", 1, {"newborn_of.document_type:unknown_document_type"}},
                          Row{{}, {}, {}, 1, {"document_type:required", "newborn_of:required"}}}) {
    auto a = valid_affiliate();
    a.birth_date = "2026-02-27";
    a.document_type = row.own_type;
    a.document_number = row.own_type ? std::optional<std::string>{"1100000001"} : std::nullopt;
    a.newborn_of_type = row.mother_type;
    a.newborn_of_number = row.mother_number;
    a.child_number = row.child;
    CAPTURE(row.errors);
    CHECK(fields_of(validate_affiliate(a, ref, today)) == row.errors);
  }
}

TEST_CASE("AFF-3 search folding: accents, case and spaces") {
  struct Row {
    const char* in;
    const char* out;
  };
  for (auto [in, out] : {Row{"José", "jose"}, Row{"  ÑÚÑEZ  de la   HOZ ", "nunez de la hoz"}, Row{"Müller", "muller"},
                         Row{"ÁÉÍÓÚ", "aeiou"}, Row{"", ""}}) {
    CAPTURE(in);
    CHECK(fold_for_search(in) == out);
  }
}
