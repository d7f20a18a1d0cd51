// Issue 11 through HTTP, on SQLite and PostgreSQL: 2335 bodies with their procedure-2 fields, old 3047
// bodies mapped, the document in force at report.pdf (annex2.pdf its alias) and the numbered matrix export.
#include <rapidjson/document.h>

#include <catch2/catch.hpp>

#include "portal/documents/testing/pdf_tools.hpp"
#include "urgencies_test_support.hpp"

using namespace portal::urgencies::test;
using portal::documents::testing::pdf_text;

namespace {

const char* kUrl = "/api/v1/urgencies";
const char* kMatrix = "application/vnd.portal.res2335+json";

// The 2335 members, replacing the 3047 ones of notification_body.
std::map<std::string, std::string> res2335(std::map<std::string, std::string> more = {}) {
  std::map<std::string, std::string> m = {
      {"attention_origin", ""},
      {"destination", ""},
      {"care_cause", R"("38")"},
      {"admission_route", R"("01")"},
      {"condition_destination", R"("03")"},
      {"care_address", R"j("Carrera 50 # 80-12, apto 3 (casa de la mamá)")j"}};
  for (auto& [k, v] : more) m[k] = v;
  return m;
}

}  // namespace

TEST_CASE("issue 11: a 2335 body is stored with its procedure-2 fields; every error of one at once") {
  UrgenciesFixture f("2026-12-03T15:00:00Z");  // 10:00 in Bogotá, Res. 2335 in force
  const auto token = f.provider_admin();
  auto r = f.post(kUrl, notification_body("C1", "2026-12-03T14:00:00Z", res2335()), token);
  INFO(r.body);
  REQUIRE(r.status == 201);
  CHECK(r.str("care_cause") == "38");
  CHECK(r.str("attention_origin") == "general_illness");  // the way back exists for 38
  CHECK(r.str("admission_route") == "01");
  CHECK(r.str("condition_destination") == "03");
  CHECK(r.json["destination"].IsNull());  // 03 is observation or internment: not guessed
  CHECK(r.str("care_address") == "Carrera 50 # 80-12, apto 3 (casa de la mamá)");
  CHECK(r.str("format_in_force") == "res2335");
  CHECK(r.str("submitted_format") == "res2335");
  CHECK(r.json["warnings"].GetArray().Size() == 0);
  CHECK(f.get(r.header("Location"), token).body == r.body);

  auto bad = f.post(
      kUrl,
      notification_body("C2", "2026-12-03T14:00:00Z",
                        res2335({{"care_cause", R"("99")"},
                                 {"admission_route", R"("13")"},
                                 {"condition_destination", ""},
                                 {"care_address", "\"" + std::string(201, 'x') + "\""},
                                 {"referral", R"({"is_referred":true,"provider_name":"Hospital",)"
                                              R"("department_code":"08","municipality_code":"08001"})"}})),
      token);
  INFO(bad.body);
  REQUIRE(bad.status == 422);
  std::vector<std::string> fields;
  for (const auto& e : bad.json["errors"].GetArray())
    fields.push_back(std::string(e["field"].GetString()) + ":" + e["code"].GetString());
  CHECK(fields == std::vector<std::string>{"care_cause:invalid_value", "care_address:too_long",
                                           "condition_destination:required",
                                           "referral.habilitation_code:required"});
  CHECK(f.count("SELECT COUNT(*) FROM notifications") == 1);
}

TEST_CASE("issue 11: a 3047-shaped body of an old client is stored with its mapped 2335 values") {
  UrgenciesFixture f("2026-12-03T15:00:00Z");
  const auto token = f.provider_admin();
  auto r =
      f.post(kUrl,
             notification_body("D1", "2026-12-03T14:00:00Z",
                               {{"attention_origin", R"("work_accident")"}, {"destination", R"("home")"}}),
             token);
  INFO(r.body);
  REQUIRE(r.status == 201);
  CHECK(r.str("submitted_format") == "res3047");
  CHECK(r.str("format_in_force") == "res2335");
  CHECK(f.count("SELECT COUNT(*) FROM notifications WHERE care_cause = '21' AND condition_destination = '01' "
                "AND admission_route = '01' AND submitted_format = 'res3047'") == 1);
  CHECK(std::string(r.json["warnings"][0]["code"].GetString()) == "res3047_body_mapped");
  // Its document is the 2335 report: the record is dated after 1 April 2026.
  auto pdf = f.get(r.header("Location") + "/report.pdf", token);
  REQUIRE(pdf.status == 200);
  CHECK(pdf.header("Content-Disposition") == "attachment; filename=\"InformeUrgencias-D1-20261203.pdf\"");
  const auto text = pdf_text(pdf.body);
  CHECK(text.find("21 - Accidente de trabajo") != std::string::npos);
  CHECK(text.find("01 - Paciente con destino a su domicilio") != std::string::npos);

  // Retired after the configured last day: the same body names the 2335 codes it lacks.
  f.restart({{"PORTAL_URGENCIES_RES3047_BODIES_UNTIL", "2026-12-02"}});
  auto refused = f.post(kUrl, notification_body("D2", "2026-12-03T14:00:00Z"), f.provider_admin());
  REQUIRE(refused.status == 422);
  CHECK(refused.body.find("\"care_cause\"") != std::string::npos);
  CHECK(refused.body.find("\"admission_route\"") != std::string::npos);
}

TEST_CASE(
    "issue 11: report.pdf is the Anexo 2 before 1 April 2026 and the 2335 report from then; annex2.pdf "
    "is its alias") {
  UrgenciesFixture f("2026-04-01T04:30:00Z");  // 31/03/2026 23:30 in Bogotá
  const auto token = f.provider_admin();
  auto before = f.post(kUrl, notification_body("E1", "2026-04-01T04:00:00Z"), token);
  REQUIRE(before.status == 201);
  f.clock.set(*portal::core::parse_rfc3339("2026-04-01T05:00:00Z"));  // 01/04/2026 00:00 in Bogotá
  const auto token2 = f.provider_admin();
  auto after = f.post(kUrl, notification_body("E2", "2026-04-01T04:45:00Z", res2335()), token2);
  REQUIRE(after.status == 201);
  CHECK(before.str("format_in_force") == "res3047");
  CHECK(after.str("format_in_force") == "res2335");

  for (const char* path : {"/report.pdf", "/annex2.pdf"}) {
    CAPTURE(path);
    auto old_pdf = f.get(before.header("Location") + path, token2);
    REQUIRE(old_pdf.status == 200);
    CHECK(old_pdf.header("Content-Disposition") == "attachment; filename=\"Anexo2-E1-20260331.pdf\"");
    const auto old_text = pdf_text(old_pdf.body);
    CHECK(old_text.find("INFORME DE LA ATENCIÓN INICIAL DE URGENCIAS") != std::string::npos);
    CHECK(old_text.find("Anexo técnico 2 · Resolución 3047 de 2008") != std::string::npos);

    auto new_pdf = f.get(after.header("Location") + path, token2);
    REQUIRE(new_pdf.status == 200);
    CHECK(new_pdf.header("Content-Type") == "application/pdf");
    CHECK(new_pdf.header("Content-Disposition") ==
          "attachment; filename=\"InformeUrgencias-E2-20260401.pdf\"");
    const auto text = pdf_text(new_pdf.body);
    CHECK(text.find("INFORME DE LA ATENCIÓN DE URGENCIAS") != std::string::npos);
    CHECK(text.find("Resolución 2335 de 2023") != std::string::npos);
    CHECK(text.find("20. Dirección alternativa para la atención") != std::string::npos);
    CHECK(text.find("Carrera 50 # 80-12, apto 3 (casa de la mamá)") != std::string::npos);
    CHECK(text.find("38 - Enfermedad general") != std::string::npos);
    CHECK(text.find("IPS Demo Salud S.A.S.") != std::string::npos);
    CHECK(text.find("urgencias@ipsdemo.example") != std::string::npos);  // the provider record's e-mail
  }
  CHECK(f.get(std::string{kUrl} + "/999/report.pdf", token2).status == 404);
  CHECK(
      f.get(after.header("Location") + "/report.pdf", f.provider_admin("900000002", "080010000201")).status ==
      404);
}

TEST_CASE("issue 11: Accept application/vnd.portal.res2335+json gives the numbered matrix fields") {
  UrgenciesFixture f("2026-03-31T15:00:00Z");
  // A record from before 1 April 2026 was never a 2335 report: 406.
  auto old = f.post(kUrl, notification_body("F2", "2026-03-31T14:00:00Z"), f.provider_admin());
  REQUIRE(old.status == 201);
  auto refused = f.get(old.header("Location"), f.provider_admin(), {{"Accept", kMatrix}});
  CHECK(refused.status == 406);
  CHECK(refused.str("code") == "not_under_res2335");

  f.clock.set(*portal::core::parse_rfc3339("2026-12-03T15:00:00Z"));
  const auto token = f.provider_admin();
  auto r = f.post(kUrl, notification_body("F1", "2026-12-03T14:00:00Z", res2335()), token);
  REQUIRE(r.status == 201);
  auto m = f.get(r.header("Location"), token, {{"Accept", kMatrix}});
  INFO(m.body);
  REQUIRE(m.status == 200);
  CHECK(m.header("Content-Type").rfind(kMatrix, 0) == 0);
  CHECK(m.header("Vary").find("Accept") != std::string::npos);
  rapidjson::Document doc;
  doc.Parse(m.body.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(doc["procedure"].GetInt() == 2);
  const auto& fields = doc["fields"];
  CHECK(std::string(fields["2"].GetString()) == "F1");
  CHECK(std::string(fields["6"].GetString()) == kProvider);
  CHECK(std::string(fields["7"].GetString()) == kBranch);
  CHECK(std::string(fields["11"].GetString()) == "María");
  CHECK(std::string(fields["20"].GetString()) == "Carrera 50 # 80-12, apto 3 (casa de la mamá)");
  CHECK(std::string(fields["23"].GetString()) == "38");
  CHECK(std::string(fields["26"].GetString()) == "01");
  CHECK(fields["27"].IsNull());  // not referred
  CHECK(std::string(fields["28"].GetString()) == "R104");
  CHECK(std::string(fields["29"].GetString()) == "A090");
  CHECK(std::string(fields["32"].GetString()) == "03");
  for (const char* absent : {"4", "5", "19", "21", "22", "33", "38", "45", "48"}) {
    CAPTURE(absent);
    CHECK_FALSE(fields.HasMember(absent));
  }
  // Plain JSON is unchanged by the export.
  CHECK(f.get(r.header("Location"), token).body == r.body);
}
