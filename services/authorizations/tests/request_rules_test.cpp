// AUT-1: the request rules (bed number, service for the location, priority, lines, the URG-2 affiliate and
// diagnosis rules, newborn exception) and the request year across the Bogotá New Year.
#include "request_rules.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <functional>

#include "portal/json/json.hpp"
#include "request_json.hpp"
#include "test_facts.hpp"

using namespace portal;
using namespace portal::authorizations;
using namespace portal::authorizations::testing;

namespace {

std::vector<std::string> codes_of(const core::FieldErrors& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field + ":" + e.code);
  return out;
}

}  // namespace

TEST_CASE("AUT-1 request rules, one case per row") {
  const auto now = at("2026-06-01T15:00:00Z");
  struct Row {
    const char* name;
    std::function<void(RequestDraft&)> change;
    std::vector<std::string> errors;
  };
  const std::vector<Row> rows = {
      {"valid outpatient request", [](RequestDraft&) {}, {}},
      {"hospitalization needs a bed",
       [](RequestDraft& d) {
         d.patient_location = "hospitalization";
         d.service = "general_adult_ward";
       },
       {"bed_number:required"}},
      {"hospitalization with a bed",
       [](RequestDraft& d) {
         d.patient_location = "hospitalization";
         d.service = "general_adult_ward";
         d.bed_number = "304-B";
       },
       {}},
      {"a bed outside hospitalization",
       [](RequestDraft& d) { d.bed_number = "12"; },
       {"bed_number:not_allowed"}},
      {"service of another location",
       [](RequestDraft& d) { d.service = "emergency_general"; },
       {"service:service_not_in_location"}},
      {"unknown service", [](RequestDraft& d) { d.service = "astrology"; }, {"service:unknown_service"}},
      {"unknown location",
       [](RequestDraft& d) { d.patient_location = "moon"; },
       {"patient_location:unknown_location"}},
      {"elective needs a priority", [](RequestDraft& d) { d.priority.reset(); }, {"priority:required"}},
      {"post-emergency takes no priority",
       [](RequestDraft& d) {
         d.service_type = "post_emergency";
         d.patient_location = "emergency";
         d.service = "emergency_general";
       },
       {"priority:not_allowed"}},
      {"post-emergency without priority",
       [](RequestDraft& d) {
         d.service_type = "post_emergency";
         d.priority.reset();
         d.patient_location = "emergency";
         d.service = "emergency_general";
       },
       {}},
      {"unknown catalog values",
       [](RequestDraft& d) {
         d.attention_origin = "magic";
         d.service_type = "urgent";
         d.priority = "vip";
         d.service_group = "99";
       },
       {"attention_origin:invalid_value", "service_type:invalid_value", "priority:invalid_value",
        "service_group:invalid_value"}},
      {"unknown CUPS",
       [](RequestDraft& d) { d.lines = {procedure("999999")}; },
       {"procedures[0].cups_code:unknown_code"}},
      {"duplicate procedure",
       [](RequestDraft& d) {
         d.lines = {procedure("902045"), procedure("902045", 2)};
       },
       {"procedures[1].cups_code:duplicate_procedure"}},
      {"duplicate medicine, after a procedure",
       [](RequestDraft& d) {
         d.lines = {procedure("902045"), medicine("A1"), medicine("A1")};
       },
       {"medicines[1].code:duplicate_line"}},
      {"a code with several classifications means its general entry",
       [](RequestDraft& d) { d.lines = {procedure("579400")}; },
       {}},
      {"the classification named must exist",
       [](RequestDraft& d) { d.lines = {procedure("902045", 1, "home")}; },
       {"procedures[0].classification:unknown_classification"}},
      {"the classification named",
       [](RequestDraft& d) { d.lines = {procedure("579400", 1, "emergency")}; },
       {}},
      {"purpose and modality from their catalogs",
       [](RequestDraft& d) {
         d.lines[0].purpose = "99";
         d.lines[0].modality = "05";
       },
       {"procedures[0].purpose:invalid_value", "procedures[0].modality:invalid_value"}},
      {"diagnoses against sex and age",
       [](RequestDraft& d) {
         d.diagnoses.related = {"N40X", "J189"};
       },
       {"diagnoses.related[0]:sex_mismatch", "diagnoses.related[1]:duplicate_diagnosis"}},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    auto draft = outpatient_draft();
    row.change(draft);
    const auto affiliate = adult();
    const auto check = validate_request(draft, &affiliate, now, catalogs(), "601 555 0000");
    CHECK(codes_of(check.errors) == row.errors);
  }
}

TEST_CASE("AUT-1 a procedure's classification: named, general by default, or the only one") {
  const auto now = at("2026-06-01T15:00:00Z");
  auto draft = outpatient_draft();
  draft.lines = {procedure("579400"), procedure("109101"), procedure("902045", 1, "hospital")};
  const auto affiliate = adult();
  const auto check = validate_request(draft, &affiliate, now, catalogs(), "");
  REQUIRE(check.ok());
  CHECK(check.lines[0].classification == "general");
  CHECK(check.lines[1].classification == "hospital");
  CHECK(check.lines[2].classification == "hospital");
}

TEST_CASE("AUT-1 the affiliate: not found, inconsistent; a non-active one is accepted; newborns") {
  const auto now = at("2026-06-01T15:00:00Z");
  const auto draft = outpatient_draft();
  CHECK(codes_of(validate_request(draft, nullptr, now, catalogs(), "").errors) ==
        std::vector<std::string>{"affiliate:affiliate_not_found"});
  auto inconsistent = adult();
  inconsistent.data_quality = "inconsistent";
  CHECK(codes_of(validate_request(draft, &inconsistent, now, catalogs(), "").errors) ==
        std::vector<std::string>{"affiliate:affiliate_inconsistent"});
  auto suspended = adult();
  suspended.affiliation_status = "suspended";
  CHECK(validate_request(draft, &suspended, now, catalogs(), "").ok());

  // A newborn "hijo de": diagnoses checked for existence only, with a warning.
  auto newborn = adult();
  newborn.child_number = 1;
  newborn.sex = "M";
  newborn.birth_date = "2026-05-30";
  auto d = draft;
  d.diagnoses.principal = "O800";  // a mother's code on a boy: not judged for a newborn
  const auto check = validate_request(d, &newborn, now, catalogs(), "");
  CHECK(check.ok());
  CHECK(check.warnings == std::vector<std::string>{"newborn_diagnoses_not_checked"});
}

TEST_CASE("AUT-1 request number unique per Bogotá year: 31 Dec 23:30 Bogotá (04:30Z 1 Jan) is the old year") {
  struct Row {
    const char* instant;
    int year;
  };
  for (auto [instant, year] : {Row{"2027-01-01T04:30:00Z", 2026}, Row{"2027-01-01T04:59:59Z", 2026},
                               Row{"2027-01-01T05:00:00Z", 2027}, Row{"2026-12-31T23:30:00-05:00", 2026}}) {
    CAPTURE(instant);
    CHECK(request_year(at(instant)) == year);
  }
}

TEST_CASE("AUT-1 the body: every shape error at once") {
  const auto parsed = json::parse(R"({"request_number":"12-A","affiliate":{"document_type":"XX"},
    "service_type":5,"diagnoses":{"related":["A","B","C","D"]},"procedures":[{"cups_code":"902045","quantity":0},
    {"quantity":1}],"medicines":"x","requester":{"name":"Ana"}})");
  REQUIRE(parsed.ok());
  core::FieldErrors errors;
  const auto draft = parse_request(parsed.doc, catalogs(), errors);
  const auto got = codes_of(errors);
  for (const char* expected :
       {"request_number:invalid_characters", "affiliate.document_type:invalid_value",
        "affiliate.document_number:required", "attention_origin:required", "service_type:invalid_type",
        "patient_location:required", "service:required", "diagnoses.principal:required",
        "diagnoses.related:too_many_items", "clinical_justification:required",
        "procedures[0].quantity:out_of_range", "procedures[1].cups_code:required", "medicines:invalid_type",
        "requester.position:required", "requester.phone:required"}) {
    CAPTURE(expected);
    CHECK(std::find(got.begin(), got.end(), expected) != got.end());
  }
  CHECK(draft.lines.size() == 2);

  core::FieldErrors none;
  const auto empty = json::parse(R"({"procedures":[]})");
  parse_request(empty.doc, catalogs(), none);
  const auto got2 = codes_of(none);
  CHECK(std::find(got2.begin(), got2.end(), "procedures:required") != got2.end());
}
