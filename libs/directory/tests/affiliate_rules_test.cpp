// The URG-2 affiliate and diagnosis rules that urgencies and authorizations share (issue 12).
#include "portal/directory/affiliate_rules.hpp"

#include <catch2/catch.hpp>

using namespace portal;
using namespace portal::directory;

namespace {

const catalog::Catalogs& catalogs() {
  static const auto c = catalog::Catalogs::embedded();
  return *c;
}

core::Instant at(const char* rfc3339) { return *core::parse_rfc3339(rfc3339); }

AffiliateFacts woman(const char* birth_date) {
  AffiliateFacts a;
  a.id = 1;
  a.document_type = "CC";
  a.document_number = "1000000001";
  a.birth_date = birth_date;
  a.sex = "F";
  a.data_quality = "ok";
  a.affiliation_status = "active";
  return a;
}

}  // namespace

TEST_CASE("age is taken on the Bogotá date: 17 until the eve of the 18th birthday, in Bogotá") {
  const auto a = woman("2008-06-15");
  struct Row {
    const char* now;
    int years;
  };
  for (auto [now, years] : {Row{"2026-06-15T04:59:00Z", 17},  // 14 June 23:59 in Bogotá
                            Row{"2026-06-15T05:00:00Z", 18},  // 15 June 00:00 in Bogotá
                            Row{"2026-06-14T23:00:00Z", 17}}) {
    CAPTURE(now);
    const auto p = person_of(&a, at(now));
    REQUIRE(p.age);
    CHECK(p.age->years == years);
  }
}

TEST_CASE("the affiliate error: not found, inconsistent, unreadable, or none") {
  const auto now = at("2026-06-15T15:00:00Z");
  auto ok = woman("1990-01-01");
  auto inconsistent = ok;
  inconsistent.data_quality = "inconsistent";
  auto no_sex = ok;
  no_sex.sex = "";
  auto newborn = no_sex;  // a newborn's sex and age are not needed
  newborn.child_number = 1;
  struct Row {
    const AffiliateFacts* affiliate;
    std::optional<std::string> code;
  };
  for (auto [affiliate, code] : {Row{&ok, std::nullopt}, Row{nullptr, "affiliate_not_found"},
                                 Row{&inconsistent, "affiliate_inconsistent"},
                                 Row{&no_sex, "affiliate_inconsistent"}, Row{&newborn, std::nullopt}}) {
    const auto error = check_affiliate(affiliate, person_of(affiliate, now), "601 555 0000", {});
    CHECK((error ? std::optional{error->code} : std::nullopt) == code);
    if (error) CHECK(error->message.es.find("601 555 0000") != std::string::npos);
  }
  // A rejected document reference: nobody was looked up, the parse error already says why.
  const core::FieldErrors parsed{{"affiliate.document_number", "required", {"x", "x"}}};
  CHECK_FALSE(check_affiliate(nullptr, person_of(nullptr, now), "", parsed));
}

TEST_CASE("diagnoses: normalised, checked against sex and age, no repeats; newborns for existence only") {
  const auto now = at("2026-06-15T15:00:00Z");
  const auto adult = woman("1990-01-01");
  core::FieldErrors errors;
  const auto codes =
      check_diagnoses("o80.0", {"N40X", "ZZZ9", "O800"}, person_of(&adult, now), catalogs(), {}, errors);
  CHECK(codes.principal == "O800");
  REQUIRE(codes.related.size() == 3);
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].field == "diagnoses.related[0]");
  CHECK(errors[0].code == "sex_mismatch");
  CHECK(errors[1].code == "unknown_code");
  CHECK(errors[2].code == "duplicate_diagnosis");

  auto baby = woman("2026-06-14");
  baby.sex = "M";
  baby.child_number = 1;
  errors.clear();
  check_diagnoses("O800", {}, person_of(&baby, now), catalogs(), {}, errors);
  CHECK(errors.empty());

  // A field the parser rejected is not judged twice.
  errors.clear();
  check_diagnoses("ZZZ9", {}, person_of(&adult, now), catalogs(), {{"diagnoses", "required", {"x", "x"}}},
                  errors);
  CHECK(errors.empty());
}
