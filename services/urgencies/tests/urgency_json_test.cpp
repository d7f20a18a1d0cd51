// URG-1 JSON mapping: every field error of a POST body at once, with JSON paths; the response shape.
#include "urgency_json.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "portal/json/json.hpp"
#include "urgency_rules.hpp"

using namespace portal;
using namespace portal::urgencies;

namespace {

const catalog::Catalogs& catalogs() {
  static const auto c = catalog::Catalogs::embedded();
  return *c;
}

const char* kValid = R"({
  "attention_number": " a123 ",
  "affiliate": {"document_type": "CC", "document_number": "1000000001"},
  "attention_origin": "traffic_accident",
  "triage": 2,
  "referral": {"is_referred": true, "provider_name": "Hospital Niño Jesús", "nit": "900123456-1",
               "habilitation_code": "080010001201", "department_code": "8", "municipality_code": "8001"},
  "admitted_at": "2026-03-10T08:15:00-05:00",
  "consultation_reason": "Accidente de moto; dolor en pierna",
  "destination": "counter_referral",
  "diagnoses": {"principal": "S82.2", "related": ["R52.9", "V234"]},
  "unknown_member": {"ignored": true}
})";

struct Parsed {
  NotificationDraft draft;
  core::FieldErrors errors;
};

Parsed parse(const std::string& body) {
  auto doc = json::parse(body);
  REQUIRE(doc.ok());
  Parsed p;
  p.draft = parse_notification(doc.doc, catalogs(), p.errors);
  return p;
}

std::vector<std::string> fields_codes(const core::FieldErrors& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field + ":" + e.code);
  return out;
}

using Codes = std::vector<std::string>;

// kValid with one member replaced (or removed when value is empty).
std::string with(const std::string& member, const std::string& value) {
  auto doc = json::parse(kValid);
  auto& d = doc.doc;
  rapidjson::Value key(member.c_str(), d.GetAllocator());
  d.RemoveMember(member.c_str());
  if (!value.empty()) {
    rapidjson::Document v;
    v.Parse(value.c_str());
    REQUIRE_FALSE(v.HasParseError());
    rapidjson::Value copy(v, d.GetAllocator());
    d.AddMember(key, copy, d.GetAllocator());
  }
  return json::to_string(d);
}

}  // namespace

TEST_CASE("URG-1 a complete body maps to the draft") {
  const auto p = parse(kValid);
  REQUIRE(p.errors.empty());
  const auto& d = p.draft;
  CHECK(d.attention_number == "A123");  // trimmed, upper-cased (URG-2 uniqueness)
  CHECK(d.affiliate.document_type == "CC");
  CHECK(d.affiliate.document_number == "1000000001");
  CHECK_FALSE(d.affiliate.child_number);
  CHECK(d.attention_origin == "traffic_accident");
  CHECK(d.triage == 2);
  CHECK(d.referral.is_referred);
  CHECK(d.referral.provider_name == "Hospital Niño Jesús");
  CHECK(d.referral.nit == "900123456-1");
  CHECK(d.referral.department_code == "08");  // DIVIPOLA codes padded
  CHECK(d.referral.municipality_code == "08001");
  CHECK(core::to_rfc3339(d.admitted_at) == "2026-03-10T13:15:00Z");
  CHECK(d.consultation_reason == "Accidente de moto; dolor en pierna");
  CHECK(d.destination == "counter_referral");
  CHECK(d.diagnoses.principal == "S82.2");  // normalised by the rules, not here
  CHECK(d.diagnoses.related == std::vector<std::string>{"R52.9", "V234"});
  CHECK_FALSE(d.provider_nit);
}

TEST_CASE("URG-1 each field's shape, length and catalog errors") {
  struct Row {
    const char* member;
    std::string value;  // JSON; "" removes the member
    Codes expected;
  };
  const std::string long_reason = "\"" + std::string(1001, 'x') + "\"";
  const std::string max_reason = "\"" + std::string(1000, 'x') + "\"";
  const std::string long_name = R"({"is_referred": true, "provider_name": ")" + std::string(201, 'n') +
                                R"(", "department_code": "08", "municipality_code": "08001"})";
  const Row rows[] = {
      {"attention_number", "", {"attention_number:required"}},
      {"attention_number", R"("   ")", {"attention_number:required"}},
      {"attention_number", R"("12345678901234567890")", {}},
      {"attention_number", R"("123456789012345678901")", {"attention_number:too_long"}},
      {"attention_number", R"("A-12")", {"attention_number:invalid_characters"}},
      {"attention_number", R"("Ñ12")", {"attention_number:invalid_characters"}},
      {"attention_number", "12", {"attention_number:invalid_type"}},
      {"affiliate", "", {"affiliate:required"}},
      {"affiliate", R"("CC 1")", {"affiliate:invalid_type"}},
      {"affiliate", "{}", {"affiliate.document_type:required", "affiliate.document_number:required"}},
      {"affiliate",
       R"({"document_type": "XX", "document_number": "12.3"})",
       {"affiliate.document_type:invalid_value", "affiliate.document_number:invalid_characters"}},
      {"affiliate",
       R"({"document_type": "RC", "document_number": "1", "child_number": 0})",
       {"affiliate.child_number:out_of_range"}},
      {"affiliate", R"({"document_type": "CC", "document_number": "1", "child_number": 2})", {}},
      {"attention_origin", R"("illness")", {"attention_origin:invalid_value"}},
      {"attention_origin", "", {"attention_origin:required"}},
      {"triage", "0", {"triage:out_of_range"}},
      {"triage", "6", {"triage:out_of_range"}},
      {"triage", "5", {}},
      {"triage", R"("II")", {"triage:invalid_type"}},
      {"triage", "2.5", {"triage:invalid_type"}},
      {"triage", "", {"triage:required"}},
      {"admitted_at", R"("2026-03-10 08:15")", {"admitted_at:invalid_format"}},
      {"admitted_at", R"("2026-02-30T08:15:00Z")", {"admitted_at:invalid_format"}},
      {"admitted_at", "", {"admitted_at:required"}},
      {"consultation_reason", long_reason, {"consultation_reason:too_long"}},
      {"consultation_reason", max_reason, {}},
      {"consultation_reason", "", {"consultation_reason:required"}},
      {"destination", R"("hospitalization")", {}},
      {"destination", R"("morgue")", {"destination:invalid_value"}},
      {"diagnoses", "", {"diagnoses:required"}},
      {"diagnoses", R"({"related": ["R52"]})", {"diagnoses.principal:required"}},
      {"diagnoses",
       R"({"principal": "R52", "related": ["A1", "A2", "A3", "A4"]})",
       {"diagnoses.related:too_many_items"}},
      {"diagnoses",
       R"({"principal": "R52", "related": ["A1", 5, " "]})",
       {"diagnoses.related[1]:invalid_type", "diagnoses.related[2]:required"}},
      {"diagnoses", R"({"principal": "R52", "related": "A1"})", {"diagnoses.related:invalid_type"}},
      {"referral", "", {}},
      {"referral", R"({"is_referred": false})", {}},
      {"referral", R"({"is_referred": "yes"})", {"referral.is_referred:invalid_type"}},
      {"referral", long_name, {"referral.provider_name:too_long"}},
      {"referral",
       R"({"is_referred": true, "nit": "90012A", "habilitation_code": "08-1"})",
       {"referral.nit:invalid_characters", "referral.habilitation_code:invalid_characters"}},
      {"referral",
       R"({"is_referred": true, "department_code": "98", "municipality_code": "99999"})",
       {"referral.department_code:unknown_department", "referral.municipality_code:unknown_municipality"}},
      {"referral",
       R"({"is_referred": true, "department_code": "11", "municipality_code": "08001"})",
       {"referral.municipality_code:municipality_not_in_department"}},
      {"referral", R"({"is_referred": true, "municipality_code": "05001"})", {}},
      {"provider_nit", R"("900123456")", {}},
      {"provider_nit", R"("NIT900")", {"provider_nit:invalid_characters"}},
      {"habilitation_code", R"("080010001201")", {}},
  };
  for (const auto& row : rows) {
    CAPTURE(row.member, row.value);
    CHECK(fields_codes(parse(with(row.member, row.value)).errors) == row.expected);
  }
}

TEST_CASE("URG-1 every field error of a body is reported at once") {
  const auto p = parse(R"({"attention_number": "", "affiliate": {"document_type": 1}, "triage": 9,
    "admitted_at": "ayer", "destination": "x", "diagnoses": {"principal": "", "related": [1]},
    "referral": {"is_referred": true, "municipality_code": "00000"}})");
  CHECK(fields_codes(p.errors) ==
        Codes{"attention_number:required", "affiliate.document_type:invalid_type",
              "affiliate.document_number:required", "attention_origin:required", "triage:out_of_range",
              "referral.municipality_code:unknown_municipality", "admitted_at:invalid_format",
              "consultation_reason:required", "destination:invalid_value", "diagnoses.principal:required",
              "diagnoses.related[0]:invalid_type"});
  for (const auto& e : p.errors) {
    CAPTURE(e.field);
    CHECK_FALSE(e.message.es.empty());
    CHECK_FALSE(e.message.en.empty());
  }
}

TEST_CASE("URG-1 the catalog error lists the allowed codes") {
  const auto p = parse(with("destination", R"("morgue")"));
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].message.en.find("counter_referral") != std::string::npos);
}

TEST_CASE("URG-1 the parser's errors feed the rules without duplicates") {
  const auto p =
      parse(with("referral", R"({"is_referred": true, "provider_name": 5, "department_code": "08"})"));
  CHECK(fields_codes(p.errors) == Codes{"referral.provider_name:invalid_type"});
  AffiliateFacts a;
  a.sex = "M";
  a.birth_date = "1980-01-01";
  a.data_quality = "ok";
  const auto r = validate_notification(p.draft, a, p.draft.admitted_at, catalogs(), "", p.errors);
  CHECK(fields_codes(r.errors) ==
        Codes{"referral.provider_name:invalid_type", "referral.municipality_code:required"});
}

TEST_CASE("URG-1, issue 11: the response object of a stored notification, with its 2335 fields") {
  Notification n;
  n.id = 42;
  n.provider_nit = "900123456";
  n.provider_name = "Clínica del Caribe";
  n.habilitation_code = "080010001201";
  n.draft = parse(kValid).draft;
  n.draft.diagnoses = {"S822", {"R529"}};
  n.affiliate.document_type = "CC";
  n.affiliate.document_number = "1000000001";
  n.affiliate.child_number = 1;
  n.affiliate.first_name = "Hijo de María";
  n.affiliate.first_surname = "Gómez";
  n.affiliate.birth_date = "2026-03-09";
  n.affiliate.sex = "F";
  n.affiliate.regime = "subsidized";
  n.affiliate.municipality_code = "08001";
  n.notified_at = *core::parse_rfc3339("2026-03-10T04:30:00Z");
  n.notified_day = "2026-03-09";
  n.created_by = "user-17";
  n.warnings = {std::string(kNewbornDiagnosesNotChecked)};

  const std::string message = warning_message(kNewbornDiagnosesNotChecked).es;
  const std::string quoted_message = json::to_string(rapidjson::Value(rapidjson::StringRef(message.c_str())));
  const std::string expected =
      R"({"id":42,"provider":{"nit":"900123456","name":"Clínica del Caribe","habilitation_code":"080010001201"},)"
      R"("attention_number":"A123","affiliate":{"document_type":"CC","document_number":"1000000001","child_number":1,)"
      R"("first_name":"Hijo de María","second_name":null,"first_surname":"Gómez","second_surname":null,)"
      R"("birth_date":"2026-03-09","sex":"F","regime":"subsidized","municipality_code":"08001"},)"
      R"("attention_origin":"traffic_accident","care_cause":"23","triage":2,"referral":{"is_referred":true,)"
      R"("provider_name":"Hospital Niño Jesús","nit":"900123456-1","habilitation_code":"080010001201",)"
      R"("department_code":"08","municipality_code":"08001"},"admitted_at":"2026-03-10T13:15:00Z",)"
      R"("admission_route":"13","care_address":null,)"
      R"("consultation_reason":"Accidente de moto; dolor en pierna","destination":"counter_referral",)"
      R"("condition_destination":"05",)"
      R"("diagnoses":{"principal":"S822","related":["R529"]},"notified_at":"2026-03-10T04:30:00Z",)"
      R"("notified_day":"2026-03-09","format_in_force":"res3047","submitted_format":"res3047",)"
      R"("warnings":[{"code":"newborn_diagnoses_not_checked","message":)" +
      quoted_message + "}]}";
  CHECK(notification_json(n) == expected);
  CHECK(notification_json(n).find("user-17") == std::string::npos);  // created_by is internal

  auto en = json::parse(notification_json(n, core::Lang::en));
  REQUIRE(en.ok());
  CHECK(std::string(en.doc["warnings"][0]["message"].GetString()) ==
        warning_message(kNewbornDiagnosesNotChecked).en);
}

TEST_CASE("URG-1 an adult without referral writes nulls and an empty warning list") {
  Notification n;
  n.draft.attention_number = "7";
  n.affiliate.second_name = "José";
  const auto out = json::parse(notification_json(n));
  REQUIRE(out.ok());
  const auto& d = out.doc;
  CHECK(d["affiliate"]["child_number"].IsNull());
  CHECK(std::string(d["affiliate"]["second_name"].GetString()) == "José");
  CHECK_FALSE(d["referral"]["is_referred"].GetBool());
  CHECK(d["referral"]["provider_name"].IsNull());
  CHECK(d["diagnoses"]["related"].Size() == 0);
  CHECK(d["warnings"].Size() == 0);
}
