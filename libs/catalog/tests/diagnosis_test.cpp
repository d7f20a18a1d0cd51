// URG-2 / AUT-1: CIE-10 existence and the reviewed sex/age limits (data/cie10_limits.csv).
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "portal/catalog/catalogs.hpp"
#include "shared_catalogs.hpp"

using portal::catalog::Age;
using portal::catalog::age_from_years;
using portal::catalog::Sex;

namespace {


std::optional<std::string> problem(const char* code, Sex sex, Age age) {
  auto p = catalogs().check_diagnosis(code, sex, age);
  return p ? std::optional<std::string>(p->code) : std::nullopt;
}

}  // namespace

TEST_CASE("check_diagnosis: existence, sex and age limits") {
  const auto F = Sex::female;
  const auto M = Sex::male;
  struct Row {
    const char* code;
    Sex sex;
    Age age;
    std::optional<std::string> expected;
  };
  const Age newborn{0, 5};
  const Age infant{0, 200};
  for (const auto& [code, sex, age, expected] : {
           // Pregnancy chapter O00-O99: female, 10-54 years.
           Row{"O800", F, age_from_years(25), std::nullopt},
           Row{"O800", M, age_from_years(25), "sex_mismatch"},
           Row{"O800", F, age_from_years(9), "age_out_of_range"},
           Row{"O800", F, age_from_years(10), std::nullopt},
           Row{"O800", F, age_from_years(54), std::nullopt},
           Row{"O800", F, age_from_years(55), "age_out_of_range"},
           Row{"o80.0", M, age_from_years(30), "sex_mismatch"},
           // Male only: N40-N51, C60-C63, plus the other WHO male categories.
           Row{"N40X", F, age_from_years(60), "sex_mismatch"},
           Row{"N40X", M, age_from_years(60), std::nullopt},
           Row{"C61X", F, age_from_years(70), "sex_mismatch"},
           Row{"N509", F, age_from_years(30), "sex_mismatch"},
           Row{"E290", F, age_from_years(30), "sex_mismatch"},
           Row{"B260", F, age_from_years(8), "sex_mismatch"},
           Row{"B269", F, age_from_years(8), std::nullopt},  // only B26.0 (orchitis) is male
           Row{"Q539", F, age_from_years(1), "sex_mismatch"},
           Row{"Z125", F, age_from_years(50), "sex_mismatch"},
           // Female only: C51-C58, N70-N98, D06, D25-D28, E28, N99.2-N99.3, B37.3, R87, Z12.4, Z32-Z39.
           Row{"C530", M, age_from_years(40), "sex_mismatch"},
           Row{"C509", M, age_from_years(60), std::nullopt},  // breast cancer exists in men
           Row{"N760", M, age_from_years(30), "sex_mismatch"},
           Row{"N979", F, age_from_years(30), std::nullopt},
           Row{"N993", M, age_from_years(50), "sex_mismatch"},
           Row{"N991", M, age_from_years(50), std::nullopt},
           Row{"D069", M, age_from_years(40), "sex_mismatch"},
           Row{"D259", M, age_from_years(40), "sex_mismatch"},
           Row{"E282", M, age_from_years(25), "sex_mismatch"},
           Row{"B373", M, age_from_years(25), "sex_mismatch"},
           Row{"R870", M, age_from_years(25), "sex_mismatch"},
           Row{"Z124", M, age_from_years(25), "sex_mismatch"},
           Row{"Z349", M, age_from_years(25), "sex_mismatch"},
           Row{"Z349", F, age_from_years(60), "age_out_of_range"},
           Row{"Z390", F, age_from_years(28), std::nullopt},
           // Perinatal P00-P96: newborns / infants under one year, either sex.
           Row{"P070", M, newborn, std::nullopt},
           Row{"P073", F, infant, std::nullopt},
           Row{"P073", F, age_from_years(30), "age_out_of_range"},
           Row{"P599", M, age_from_years(1), "age_out_of_range"},
           Row{"P546", M, newborn, "sex_mismatch"},
           Row{"Z380", F, age_from_years(3), "age_out_of_range"},
           // Senility R54: 60 years or more.
           Row{"R54X", F, age_from_years(59), "age_out_of_range"},
           Row{"R54X", F, age_from_years(60), std::nullopt},
           // Unrestricted codes.
           Row{"J189", F, newborn, std::nullopt},
           Row{"J189", M, age_from_years(99), std::nullopt},
           Row{"A90", M, age_from_years(20), std::nullopt},  // padded to A90X as RIPS writes it
           // Unknown codes.
           Row{"J999", M, age_from_years(20), "unknown_code"},
           Row{"ZZZZ", M, age_from_years(20), "unknown_code"},
           Row{"", M, age_from_years(20), "unknown_code"},
       }) {
    CAPTURE(code, static_cast<int>(sex), age.years, age.days);
    CHECK(problem(code, sex, age) == expected);
  }
}

TEST_CASE("diagnosis problems carry both languages and name the code") {
  auto p = catalogs().check_diagnosis("O800", Sex::male, age_from_years(30));
  REQUIRE(p);
  CHECK(p->diagnosis == "O800");
  CHECK(p->message.es.find("O800") != std::string::npos);
  CHECK(p->message.en.find("O800") != std::string::npos);
}

TEST_CASE("age_on counts completed years and days") {
  using namespace std::chrono;
  auto a = portal::catalog::age_on(2000y / March / 15, 2026y / March / 14);
  CHECK(a.years == 25);
  a = portal::catalog::age_on(2000y / March / 15, 2026y / March / 15);
  CHECK(a.years == 26);
  a = portal::catalog::age_on(2026y / January / 1, 2026y / January / 29);
  CHECK(a.years == 0);
  CHECK(a.days == 28);
}

TEST_CASE("every limit row covers codes that exist") {
  const auto* cie10 = catalogs().get("cie10");
  REQUIRE(cie10);
  REQUIRE(catalogs().cie10_limits().size() >= 50);
  for (const auto& rule : catalogs().cie10_limits()) {
    CAPTURE(rule.from, rule.to);
    bool any = false;
    for (const auto& item : cie10->items()) {
      if (rule.covers(item.code)) {
        any = true;
        break;
      }
    }
    CHECK(any);
    CHECK(!rule.source.empty());
  }
}

TEST_CASE("newborn records only need the code to exist; sex parsing") {
  CHECK_FALSE(catalogs().check_diagnosis_exists("O800"));  // limits not applied
  CHECK(catalogs().check_diagnosis_exists("J999")->code == "unknown_code");
  CHECK(portal::catalog::parse_sex("F") == Sex::female);
  CHECK(portal::catalog::parse_sex("m") == Sex::male);
  CHECK_FALSE(portal::catalog::parse_sex("X"));
  CHECK_FALSE(portal::catalog::parse_sex(""));
}
