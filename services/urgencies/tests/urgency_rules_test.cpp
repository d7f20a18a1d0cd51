// URG-2 rules with an injected instant and the real embedded catalogs (CIE-10 and its sex/age limits).
#include "urgency_rules.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>

using namespace portal;
using namespace portal::urgencies;
using namespace std::chrono;

namespace {

const catalog::Catalogs& catalogs() {
  static const auto c = catalog::Catalogs::embedded();
  return *c;
}

core::Instant at(const char* rfc3339) { return *core::parse_rfc3339(rfc3339); }

// 2026-03-10 09:00 in Bogotá.
const core::Instant kNow = at("2026-03-10T14:00:00Z");
constexpr std::string_view kPhone = "601 555 0100";

AffiliateFacts adult_man() {
  AffiliateFacts a;
  a.id = 7;
  a.document_type = "CC";
  a.document_number = "1000000001";
  a.first_name = "Carlos";
  a.first_surname = "Pérez";
  a.birth_date = "1980-06-15";
  a.sex = "M";
  a.regime = "subsidized";
  a.affiliation_status = "active";
  a.data_quality = "ok";
  a.municipality_code = "08001";
  return a;
}

AffiliateFacts adult_woman() {
  auto a = adult_man();
  a.first_name = "María";
  a.sex = "F";
  a.birth_date = "1995-02-01";
  return a;
}

AffiliateFacts newborn_boy() {
  auto a = adult_woman();  // the mother's document identifies the newborn
  a.child_number = 1;
  a.first_name = "Hijo de María";
  a.sex = "M";
  a.birth_date = "2026-03-09";
  return a;
}

NotificationDraft valid_draft() {
  NotificationDraft d;
  d.attention_number = "A123";
  d.affiliate = {"CC", "1000000001", std::nullopt};
  d.attention_origin = "general_illness";
  d.triage = 3;
  d.admitted_at = kNow - hours{2};
  d.consultation_reason = "Dolor abdominal";
  d.destination = "observation";
  d.diagnoses = {"r10.0", {"J18.9"}};
  return d;
}

std::vector<std::string> fields_codes(const core::FieldErrors& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field + ":" + e.code);
  return out;
}

using Codes = std::vector<std::string>;

}  // namespace

TEST_CASE("URG-2 a valid notification passes with normalised diagnoses") {
  const auto r = validate_notification(valid_draft(), adult_man(), kNow, catalogs(), kPhone);
  CHECK(r.ok());
  CHECK(r.warnings.empty());
  CHECK(r.diagnoses.principal == "R100");
  CHECK(r.diagnoses.related == std::vector<std::string>{"J189"});
}

TEST_CASE("URG-2 admission at most 24 hours (inclusive) before the notification, never after") {
  struct Row {
    const char* name;
    core::Instant admitted;
    Codes expected;
  };
  const Row rows[] = {
      {"just now", kNow, {}},
      {"one hour ago", kNow - hours{1}, {}},
      {"exactly 24 h ago (inclusive)", kNow - hours{24}, {}},
      {"24 h and 1 ms ago", kNow - hours{24} - milliseconds{1}, {"admitted_at:admitted_too_early"}},
      {"24 h and 1 s ago", kNow - hours{24} - seconds{1}, {"admitted_at:admitted_too_early"}},
      {"three days ago", kNow - days{3}, {"admitted_at:admitted_too_early"}},
      {"1 s in the future", kNow + seconds{1}, {"admitted_at:admitted_in_future"}},
      {"1 ms in the future", kNow + milliseconds{1}, {"admitted_at:admitted_in_future"}},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    auto d = valid_draft();
    d.admitted_at = row.admitted;
    CHECK(fields_codes(validate_notification(d, adult_man(), kNow, catalogs(), kPhone).errors) ==
          row.expected);
  }
}

TEST_CASE("URG-2 every diagnosis exists in CIE-10 and fits the affiliate's sex and age") {
  struct Row {
    const char* name;
    AffiliateFacts affiliate;
    std::string principal;
    std::vector<std::string> related;
    Codes expected;
  };
  const Row rows[] = {
      {"pregnancy code for a man", adult_man(), "O800", {}, {"diagnoses.principal:sex_mismatch"}},
      {"pregnancy code for a woman of 31", adult_woman(), "o80.0", {}, {}},
      {"prostate for a woman", adult_woman(), "N40", {}, {"diagnoses.principal:sex_mismatch"}},
      {"prostate for a man", adult_man(), "N40X", {}, {}},
      {"perinatal code for an adult", adult_man(), "P070", {}, {"diagnoses.principal:age_out_of_range"}},
      {"unknown code", adult_man(), "ZZZ9", {}, {"diagnoses.principal:unknown_code"}},
      {"errors in related name the index",
       adult_man(),
       "R100",
       {"J189", "O800", "P071"},
       {"diagnoses.related[1]:sex_mismatch", "diagnoses.related[2]:age_out_of_range"}},
      {"unknown related", adult_woman(), "R100", {"XX1"}, {"diagnoses.related[0]:unknown_code"}},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    auto d = valid_draft();
    d.diagnoses = {row.principal, row.related};
    CHECK(fields_codes(validate_notification(d, row.affiliate, kNow, catalogs(), kPhone).errors) ==
          row.expected);
  }
}

TEST_CASE("URG-2 diagnosis errors name the code in both languages") {
  auto d = valid_draft();
  d.diagnoses = {"o80.0", {}};
  const auto r = validate_notification(d, adult_man(), kNow, catalogs(), kPhone);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].message.es.find("O800") != std::string::npos);
  CHECK(r.errors[0].message.en.find("O800") != std::string::npos);
}

TEST_CASE("URG-2 the same diagnosis twice is rejected, after normalisation") {
  auto d = valid_draft();
  d.diagnoses = {"R10.0", {"j18.9", "r100", "J189"}};
  const auto r = validate_notification(d, adult_man(), kNow, catalogs(), kPhone);
  CHECK(fields_codes(r.errors) ==
        Codes{"diagnoses.related[1]:duplicate_diagnosis", "diagnoses.related[2]:duplicate_diagnosis"});
}

TEST_CASE("URG-2 the age is taken on the Bogotá date of the notification") {
  // Born 2016-03-10: 10 on 2026-03-10, 9 the day before; O00-O99 allows 10..54. At 03:00Z on the 10th it
  // is still the 9th in Bogotá.
  auto a = adult_woman();
  a.birth_date = "2016-03-10";
  auto d = valid_draft();
  d.diagnoses = {"O800", {}};
  const core::Instant before = at("2026-03-10T03:00:00Z");  // 2026-03-09 22:00 Bogotá
  const core::Instant after = at("2026-03-10T05:00:00Z");   // 2026-03-10 00:00 Bogotá
  d.admitted_at = before;
  CHECK(fields_codes(validate_notification(d, a, before, catalogs(), kPhone).errors) ==
        Codes{"diagnoses.principal:age_out_of_range"});
  d.admitted_at = after;
  CHECK(validate_notification(d, a, after, catalogs(), kPhone).ok());
}

TEST_CASE("URG-2 newborn (hijo de) records: diagnoses only need to exist, with a warning") {
  auto d = valid_draft();
  d.affiliate.child_number = 1;
  SECTION("a code that would fail sex/age is accepted with the warning") {
    d.diagnoses = {"O800", {"N40X"}};  // a boy, a day old: would be sex and age errors for anyone else
    const auto r = validate_notification(d, newborn_boy(), kNow, catalogs(), kPhone);
    CHECK(r.ok());
    CHECK(r.warnings == std::vector<std::string>{std::string(kNewbornDiagnosesNotChecked)});
    CHECK(r.diagnoses.principal == "O800");
  }
  SECTION("an unknown code is still rejected") {
    d.diagnoses = {"P07.0", {"QQQ1"}};
    const auto r = validate_notification(d, newborn_boy(), kNow, catalogs(), kPhone);
    CHECK(fields_codes(r.errors) == Codes{"diagnoses.related[0]:unknown_code"});
  }
  SECTION("the warning has a message in both languages") {
    const auto text = warning_message(kNewbornDiagnosesNotChecked);
    CHECK(text.es.find("hijo de") != std::string::npos);
    CHECK_FALSE(text.en.empty());
  }
}

TEST_CASE("URG-2 referred patients name the referring provider, department and municipality") {
  struct Row {
    const char* name;
    Referral referral;
    Codes expected;
  };
  const Row rows[] = {
      {"not referred needs nothing", Referral{}, {}},
      {"referred with everything",
       Referral{true, "Hospital Niño Jesús", std::nullopt, std::nullopt, "08", "08001"},
       {}},
      {"referred with nothing",
       Referral{true, {}, {}, {}, {}, {}},
       {"referral.provider_name:required", "referral.department_code:required",
        "referral.municipality_code:required"}},
      {"referred, empty name",
       Referral{true, "", "900123456", {}, "08", "08001"},
       {"referral.provider_name:required"}},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    auto d = valid_draft();
    d.referral = row.referral;
    CHECK(fields_codes(validate_notification(d, adult_man(), kNow, catalogs(), kPhone).errors) ==
          row.expected);
  }
}

TEST_CASE("URG-2 unknown or inconsistent affiliate: the message points to the attention line") {
  SECTION("not found") {
    const auto r = validate_notification(valid_draft(), nullptr, kNow, catalogs(), kPhone);
    REQUIRE(fields_codes(r.errors) == Codes{"affiliate:affiliate_not_found"});
    CHECK(r.errors[0].message.es.find(std::string(kPhone)) != std::string::npos);
    CHECK(r.errors[0].message.en.find(std::string(kPhone)) != std::string::npos);
    CHECK(affiliate_not_found_error(kPhone).message.es == r.errors[0].message.es);
  }
  SECTION("not found still checks diagnoses for existence") {
    auto d = valid_draft();
    d.diagnoses = {"O800", {"ZZZ9"}};
    CHECK(fields_codes(validate_notification(d, nullptr, kNow, catalogs(), kPhone).errors) ==
          Codes{"affiliate:affiliate_not_found", "diagnoses.related[0]:unknown_code"});
  }
  SECTION("an unreadable document was not looked up: no second error on the affiliate") {
    core::FieldErrors parsed{{"affiliate.document_type", "invalid_value", {"x", "x"}}};
    CHECK(fields_codes(
              validate_notification(valid_draft(), nullptr, kNow, catalogs(), kPhone, parsed).errors) ==
          Codes{"affiliate.document_type:invalid_value"});
  }
  SECTION("inconsistent") {
    auto a = adult_man();
    a.data_quality = "inconsistent";
    const auto r = validate_notification(valid_draft(), a, kNow, catalogs(), kPhone);
    REQUIRE(fields_codes(r.errors) == Codes{"affiliate:affiliate_inconsistent"});
    CHECK(r.errors[0].message.es.find(std::string(kPhone)) != std::string::npos);
  }
  SECTION("an unreadable sex or birth date is inconsistent too") {
    auto a = adult_man();
    a.sex = "X";
    CHECK(fields_codes(validate_notification(valid_draft(), a, kNow, catalogs(), kPhone).errors) ==
          Codes{"affiliate:affiliate_inconsistent"});
    a = adult_man();
    a.birth_date = "2027-01-01";
    CHECK(fields_codes(validate_notification(valid_draft(), a, kNow, catalogs(), kPhone).errors) ==
          Codes{"affiliate:affiliate_inconsistent"});
  }
  SECTION("no phone configured still gives a sentence") {
    CHECK(affiliate_inconsistent_error("").message.es.find("()") == std::string::npos);
  }
}

TEST_CASE("URG-2 suspended and retired affiliates are accepted (Ley 1751 art. 14)") {
  for (const char* status : {"active", "suspended", "retired"}) {
    CAPTURE(status);
    auto a = adult_man();
    a.affiliation_status = status;
    CHECK(validate_notification(valid_draft(), a, kNow, catalogs(), kPhone).ok());
  }
}

TEST_CASE("URG-2 every error is reported together, parse errors first and not repeated") {
  auto d = valid_draft();
  d.admitted_at = kNow + hours{1};
  d.diagnoses = {"O800", {"O800"}};
  d.referral = Referral{true, {}, {}, {}, "08", {}};
  auto a = adult_man();
  a.data_quality = "inconsistent";
  core::FieldErrors parsed{{"referral.municipality_code", "unknown_municipality", {"x", "x"}},
                           {"triage", "out_of_range", {"x", "x"}}};
  const auto r = validate_notification(d, a, kNow, catalogs(), kPhone, parsed);
  CHECK(fields_codes(r.errors) == Codes{"referral.municipality_code:unknown_municipality",
                                        "triage:out_of_range", "affiliate:affiliate_inconsistent",
                                        "admitted_at:admitted_in_future", "diagnoses.principal:sex_mismatch",
                                        "diagnoses.related[0]:duplicate_diagnosis",
                                        "referral.provider_name:required"});
}

TEST_CASE("URG-2 fields the parser rejected are not checked again") {
  auto d = valid_draft();
  d.admitted_at = core::Instant{};  // what the parser leaves for a bad admitted_at
  d.diagnoses = {"", {"", "O800"}};
  core::FieldErrors parsed{{"admitted_at", "invalid_format", {"x", "x"}},
                           {"diagnoses.principal", "required", {"x", "x"}},
                           {"diagnoses.related[0]", "invalid_type", {"x", "x"}}};
  CHECK(fields_codes(validate_notification(d, adult_man(), kNow, catalogs(), kPhone, parsed).errors) ==
        Codes{"admitted_at:invalid_format", "diagnoses.principal:required",
              "diagnoses.related[0]:invalid_type", "diagnoses.related[1]:sex_mismatch"});
}

TEST_CASE("URG-2 uniqueness key: the Bogotá day of the notification, not the UTC day") {
  struct Row {
    const char* instant;
    const char* day;
  };
  for (const auto& row : {
           Row{"2026-03-10T04:30:00Z", "2026-03-09"},  // 23:30 in Bogotá on the 9th
           Row{"2026-03-10T04:59:59.999Z", "2026-03-09"},
           Row{"2026-03-10T05:00:00Z", "2026-03-10"},  // 00:00 in Bogotá
           Row{"2026-03-10T23:59:59Z", "2026-03-10"},  // 18:59 in Bogotá
           Row{"2026-03-11T04:59:59Z", "2026-03-10"},  // next UTC day, same Bogotá day
           Row{"2026-01-01T04:00:00Z", "2025-12-31"},  // new year in UTC only
       }) {
    CAPTURE(row.instant);
    CHECK(notification_day(at(row.instant)) == row.day);
  }
  // The same attention number at 23:30 and at 00:30 Bogotá falls on two different keys; at 23:30 and the
  // next UTC midnight (19:00 Bogotá the same day) on the same key.
  CHECK(notification_day(at("2026-03-10T04:30:00Z")) != notification_day(at("2026-03-10T05:30:00Z")));
  CHECK(notification_day(at("2026-03-10T05:30:00Z")) == notification_day(at("2026-03-11T00:00:00Z")));
}
