// INC-1..INC-5 through HTTP (issue 17): the inconsistencies service in-process on port 0 next to real auth
// and affiliates, once per database backend. The upload matrix checks, for every refused case, that
// nothing was stored: no row and no file.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "inconsistencies_app.hpp"
#include "portal/documents/testing/pdf_tools.hpp"
#include "sample_files.hpp"
#include "support/service_fixture.hpp"

using namespace portal;
using namespace portal::inconsistencies::testing;

namespace {

constexpr const char* kBase = "/api/v1/inconsistency-reports";
constexpr const char* kBoundary = "----portal-test-boundary-7MA4YWxk";

struct Part {
  std::string name;
  std::string content;
  std::optional<std::string> filename;
  std::string content_type;
};

std::string multipart(const std::vector<Part>& parts, bool close = true) {
  std::string body;
  for (const auto& p : parts) {
    body += std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + p.name + "\"";
    if (p.filename) body += "; filename=\"" + *p.filename + "\"";
    body += "\r\n";
    if (!p.content_type.empty()) body += "Content-Type: " + p.content_type + "\r\n";
    body += "\r\n" + p.content + "\r\n";
  }
  if (close) body += std::string("--") + kBoundary + "--\r\n";
  return body;
}

// A not_in_database report (the document is not in the demo registry) unless `document` names one.
std::string report_json(
    const std::string& document = "1098765432", const std::string& variables = "[]",
    const std::string& contact =
        R"({"address":"Calle 1 # 2-3","municipality_code":"08001",)"
        R"("phone":"6051234","email":"sofia@example.com",)"
        R"("emergency_contact_name":"Ana Díaz","emergency_contact_phone":"3001112233"})") {
  return R"({"affiliate":{"document_type":"CC","document_number":")" + document + R"("},"variables":)" +
         variables +
         R"(,"document_data":{"first_surname":"Peñaranda","second_surname":"Díaz","first_name":"Sofía","second_name":"Inés",)"
         R"("document_type":"CC","document_number":")" +
         document + R"(","birth_date":"1994-08-21"},"contact":)" + contact +
         R"(,"reporter":{"document_number":"1001001001","name":"María Gómez","phone":"6053601000","position":"Coordinadora"},)"
         R"("observation":"Cédula vigente"})";
}

class InconsistenciesFixture : public portal::test::ServiceFixture<inconsistencies::InconsistenciesApp> {
 public:
  InconsistenciesFixture()
      : ServiceFixture("2026-05-04T15:00:00Z",
                       {"inconsistencies",
                        "PORTAL_INCONSISTENCIES_",
                        "4",
                        {{"PORTAL_INCONSISTENCIES_CLIENT_SECRET", "demo-inconsistencies-secret-2026"},
                         {"PORTAL_PAYER_NAME", "Mutual Ejemplo"}}},
                       {}) {}

  HttpResult upload(const std::string& body, const std::string& token = "") {
    return service::testing::request(app->port(), "POST", kBase, body,
                                     token.empty() ? provider_admin() : token,
                                     std::string("multipart/form-data; boundary=") + kBoundary);
  }
  HttpResult file(const std::string& bytes, const std::string& name = "cedula.pdf",
                  const std::string& report = report_json(), const std::string& token = "") {
    return upload(multipart({{"report", report, std::nullopt, "application/json"},
                             {"attachment", bytes, name, "application/octet-stream"}}),
                  token);
  }
  std::filesystem::path attachments() const { return dir() / "data" / "inconsistencies" / "attachments"; }
  std::size_t stored_files() const {
    std::size_t n = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(attachments()))
      if (e.is_regular_file()) ++n;
    return n;
  }
  long long rows() { return count("SELECT COUNT(*) FROM inconsistency_reports"); }
  std::string auditor() const { return employee("auditor"); }
  HttpResult process(long long id, const std::string& body, const std::string& token = "") {
    return post(std::string(kBase) + "/" + std::to_string(id) + "/processing", body,
                token.empty() ? auditor() : token);
  }
  // The affiliate as the registry answers it now (asked of the affiliates service directly).
  HttpResult registry(const std::string& type, const std::string& number) {
    return service::testing::request(
        affiliates->port(), "GET", "/api/v1/affiliates?document_type=" + type + "&document_number=" + number,
        "", employee("agent"));
  }
};

}  // namespace

TEST_CASE_METHOD(InconsistenciesFixture, "INC-2 every allowed type is accepted, typed by content",
                 "[integration]") {
  const std::vector<std::tuple<std::string, std::string, std::string>> accepted{
      {tiny_png(), "scan.pdf", "png"},  // a PNG renamed .pdf is stored as PNG
      {tiny_gif(), "scan.gif", "gif"},
      {tiny_jpeg(), "scan.jpg", "jpeg"},
      {tiny_pdf(), "scan.png", "pdf"},
      {make_zip({{"frente.pdf", tiny_pdf()}, {"reverso.png", tiny_png(), false}}), "scans.zip", "zip"}};
  for (const auto& [bytes, name, kind] : accepted) {
    CAPTURE(kind);
    const auto res = file(bytes, name);
    REQUIRE(res.status == 201);
    CHECK(res.json["attachment"]["type"].GetString() == kind);
    CHECK(res.json["type"].GetString() == std::string("not_in_database"));
    CHECK(res.json["status"].GetString() == std::string("pending"));
    CHECK(res.json["variables"].Size() == 3);
    const auto id = res.json["id"].GetInt64();
    CHECK(res.header("Location") == std::string(kBase) + "/" + std::to_string(id));
    const auto download =
        get(std::string(kBase) + "/" + std::to_string(id) + "/attachment", provider_admin());
    REQUIRE(download.status == 200);
    CHECK(download.body == bytes);
    CHECK(download.header("X-Content-Type-Options") == "nosniff");
    CHECK(download.header("Content-Disposition").rfind("attachment;", 0) == 0);
    CHECK(download.header("Content-Disposition").find(name) == std::string::npos);  // never the client's name
    CHECK(download.content_type.find(kind == "jpeg"  ? "image/jpeg"
                                     : kind == "pdf" ? "application/pdf"
                                     : kind == "zip" ? "application/zip"
                                                     : "image/" + kind) != std::string::npos);
  }
  CHECK(rows() == 5);
  CHECK(stored_files() == 5);
  CHECK(count("SELECT COUNT(*) FROM event_outbox WHERE type = 'inconsistency_report.filed'") == 5);
}

TEST_CASE_METHOD(InconsistenciesFixture, "INC-2 refused uploads store nothing", "[integration]") {
  const std::string report = report_json();
  std::string bomb_entry(1024 * 1024, '\0');
  struct Row {
    const char* what;
    std::string body;
    int status;
    std::string error;  // "field:code" expected among the errors ("" when the status says it all)
  };
  const std::vector<Row> cases{
      {"html renamed .png",
       multipart(
           {{"report", report, std::nullopt, ""}, {"attachment", html_page(), "scan.png", "image/png"}}),
       422, "attachment:unsupported_type"},
      {"gif/js polyglot",
       multipart({{"report", report, std::nullopt, ""}, {"attachment", gif_js_polyglot(), "a.gif", ""}}), 422,
       "attachment:trailing_data"},
      {"zip bomb 1000:1",
       multipart({{"report", report, std::nullopt, ""}, {"attachment", zero_bomb(1), "a.zip", ""}}), 422,
       "attachment:zip_ratio"},
      {"zip nesting (42.zip)",
       multipart({{"report", report, std::nullopt, ""},
                  {"attachment", make_zip({{"inner.zip", make_zip({{"a.pdf", tiny_pdf()}})}}), "a.zip", ""}}),
       422, "attachment:zip_nested"},
      {"zip slip",
       multipart({{"report", report, std::nullopt, ""},
                  {"attachment", make_zip({{"../../etc/passwd", tiny_pdf()}}), "a.zip", ""}}),
       422, "attachment:zip_unsafe_path"},
      {"encrypted zip",
       multipart({{"report", report, std::nullopt, ""},
                  {"attachment", make_zip({{"a.pdf", tiny_pdf(), false, 0x0001}}), "a.zip", ""}}),
       422, "attachment:zip_encrypted"},
      {"2,097,153 bytes",
       multipart({{"report", report, std::nullopt, ""},
                  {"attachment", tiny_pdf() + std::string(2097153 - tiny_pdf().size(), ' '), "a.pdf", ""}}),
       413, ""},
      {"two file parts",
       multipart({{"report", report, std::nullopt, ""},
                  {"attachment", tiny_pdf(), "a.pdf", ""},
                  {"attachment", tiny_png(), "b.png", ""}}),
       422, "attachment:too_many_files"},
      {"no file", multipart({{"report", report, std::nullopt, ""}}), 422, "attachment:required"},
      {"truncated multipart",
       multipart({{"report", report, std::nullopt, ""}, {"attachment", tiny_pdf(), "a.pdf", ""}}, false), 400,
       "body:malformed_multipart"},
      {"a bad report and a bad file: both named",
       multipart(
           {{"report", R"({"affiliate":{}})", std::nullopt, ""}, {"attachment", html_page(), "a.png", ""}}),
       422, "attachment:unsupported_type"},
  };
  for (const auto& row : cases) {
    CAPTURE(row.what);
    const auto res = upload(row.body);
    CHECK(res.status == row.status);
    CHECK(res.content_type.find("application/problem+json") != std::string::npos);
    if (!row.error.empty()) {
      const auto fields = res.error_fields();
      CHECK(std::find(fields.begin(), fields.end(), row.error) != fields.end());
    }
    CHECK(rows() == 0);
    CHECK(stored_files() == 0);
  }
  // OPS-4: the refusals are counted by reason.
  const auto metrics = get("/metrics", "").body;
  bool counted = false;
  for (std::size_t at = metrics.find("inconsistency_attachments_refused_total{"); at != std::string::npos;
       at = metrics.find("inconsistency_attachments_refused_total{", at + 1)) {
    const auto line = metrics.substr(at, metrics.find('\n', at) - at);
    if (line.find("reason=\"zip_ratio\"") != std::string::npos) counted = line.ends_with(" 1");
  }
  CHECK(counted);
  // Exactly 2,097,152 bytes is accepted.
  const auto limit = file(tiny_pdf() + std::string(2097152 - tiny_pdf().size() - 6, ' ') + "%%EOF\n");
  CHECK(limit.status == 201);
  // Not multipart at all: 415.
  CHECK(post(kBase, report, provider_admin()).status == 415);
}

TEST_CASE_METHOD(InconsistenciesFixture, "INC-1 the type comes from the registry; every error at once",
                 "[integration]") {
  // CC 1000000003 is in the demo registry (Luis Eduardo Barrios Orozco, Barranquilla, flagged inconsistent).
  const auto mismatch =
      file(tiny_png(), "a.png",
           report_json("1000000003", R"(["names"])", R"({"phone":"6051234","mobile":"3001234567"})"));
  REQUIRE(mismatch.status == 201);
  CHECK(mismatch.json["type"].GetString() == std::string("data_mismatch"));
  CHECK(mismatch.json["type_label"].GetString() ==
        std::string("Datos del Usuario NO Corresponden con el Documento Vigente"));
  CHECK(mismatch.json["contact"]["municipality_code"].GetString() == std::string("08001"));  // the registry's
  CHECK(mismatch.json["document_data"]["first_surname"].IsNull());  // surnames not chosen: not the report's
  CHECK(mismatch.json["regional"].GetString() == std::string("atlantico"));
  const auto missing = file(tiny_png(), "a.png");
  CHECK(missing.json["type_label"].GetString() ==
        std::string("Usuario no existe en Base de Datos de Mutual Ejemplo"));

  const auto bad =
      file(tiny_png(), "a.png", report_json("1000000003", "[]", R"({"address":"Otra 1","phone":"12"})"));
  CHECK(bad.status == 422);
  const auto fields = bad.error_fields();
  for (const char* expected :
       {"variables:required", "contact.address:not_editable", "contact.phone:invalid_phone"}) {
    CAPTURE(expected);
    CHECK(std::find(fields.begin(), fields.end(), expected) != fields.end());
  }
  CHECK(rows() == 2);
  // The language of the messages.
  const auto en = service::testing::request(
      app->port(), "POST", kBase, multipart({{"report", report_json(), std::nullopt, ""}}), provider_admin(),
      std::string("multipart/form-data; boundary=") + kBoundary, {{"Accept-Language", "en"}});
  CHECK(en.body.find("Attach the identity document") != std::string::npos);
}

TEST_CASE_METHOD(InconsistenciesFixture, "INC-4 filters, the no-filter empty list and tenant isolation",
                 "[integration]") {
  REQUIRE(file(tiny_pdf()).status == 201);
  REQUIRE(file(tiny_png(), "a.png", report_json("1000000003", R"(["surnames"])", "{}")).status == 201);
  const auto other = provider_admin("900000002", "080010000201");
  REQUIRE(file(tiny_pdf(), "a.pdf", report_json("1077000111"), other).status == 201);

  auto list = get(kBase, auditor());
  REQUIRE(list.status == 200);
  CHECK(list.json["items"].Size() == 0);
  CHECK(list.json["total"].GetInt() == 0);
  CHECK(get(std::string(kBase) + "?date_from=2026-05-04", auditor()).json["total"].GetInt() == 3);
  CHECK(get(std::string(kBase) + "?date_from=2026-05-03", auditor()).json["total"].GetInt() ==
        0);  // that day only
  CHECK(get(std::string(kBase) + "?date_from=2026-05-01&date_to=2026-05-31", auditor())
            .json["total"]
            .GetInt() == 3);
  CHECK(get(std::string(kBase) + "?provider=900000002", auditor()).json["total"].GetInt() == 1);
  CHECK(get(std::string(kBase) + "?provider=clinica%20ejemplo", auditor()).json["total"].GetInt() == 1);
  CHECK(get(std::string(kBase) + "?provider_location=barranquilla", auditor()).json["total"].GetInt() == 3);
  CHECK(get(std::string(kBase) + "?provider_location=08", auditor()).json["total"].GetInt() == 3);
  CHECK(get(std::string(kBase) + "?type=data_mismatch", auditor()).json["total"].GetInt() == 1);
  CHECK(get(std::string(kBase) + "?status=pending", auditor()).json["total"].GetInt() == 3);
  CHECK(get(std::string(kBase) + "?document_type=CC&document_number=1000000003", auditor())
            .json["total"]
            .GetInt() == 1);
  CHECK(get(std::string(kBase) + "?regional=atlantico", auditor()).json["total"].GetInt() == 3);
  CHECK(get(std::string(kBase) + "?regional=cordoba", auditor()).json["total"].GetInt() == 0);
  CHECK(get(std::string(kBase) + "?status=done&regional=x", auditor()).status == 422);

  // Tenant isolation: the demo provider sees its two, never the other's, which is 404 by id.
  CHECK(get(std::string(kBase) + "?date_from=2026-05-04", provider_admin()).json["total"].GetInt() == 2);
  const auto others = get(std::string(kBase) + "?provider=900000002", auditor());
  const auto other_id = std::to_string(others.json["items"][0]["id"].GetInt64());
  for (const char* suffix : {"", "/attachment", "/report.pdf", "/annex1.pdf"}) {
    CAPTURE(suffix);
    CHECK(get(std::string(kBase) + "/" + other_id + suffix, provider_admin()).status == 404);
    CHECK(get(std::string(kBase) + "/" + other_id + suffix, other).status == 200);
  }
  CHECK(get(std::string(kBase) + "/999999", auditor()).status == 404);
  // A delegate without the module: 403.
  CHECK(get(std::string(kBase) + "?date_from=2026-05-04", delegate({"urgencies"})).status == 403);
  CHECK(file(tiny_pdf(), "a.pdf", report_json(), delegate({"urgencies"})).status == 403);
}

TEST_CASE_METHOD(InconsistenciesFixture,
                 "INC-3 processing per type, with the registry changed by a service token", "[integration]") {
  const auto filed = file(tiny_pdf());
  REQUIRE(filed.status == 201);
  const auto id = filed.json["id"].GetInt64();
  // Providers do not process: 403, even their own report.
  CHECK(process(id, R"({"status":"processed_not_affiliated"})", provider_admin()).status == 403);
  CHECK(process(id, R"({"status":"processed"})").status == 409);                 // a data_mismatch state
  CHECK(process(id, R"({"status":"processed_pre_affiliated"})").status == 422);  // sex and regime needed
  CHECK(registry("CC", "1098765432").status == 404);

  const auto done =
      process(id, R"({"status":"processed_pre_affiliated","affiliate":{"sex":"F","regime":"subsidized"}})");
  REQUIRE(done.status == 200);
  CHECK(done.json["status"].GetString() == std::string("processed_pre_affiliated"));
  CHECK(done.json["processing"][0]["registry_action"].GetString() == std::string("affiliate_created"));
  CHECK(done.json["processing"][0]["affiliate_id"].IsInt64());
  const auto created = registry("CC", "1098765432");
  REQUIRE(created.status == 200);
  CHECK(created.json["first_name"].GetString() == std::string("Sofía"));
  CHECK(created.json["first_surname"].GetString() == std::string("Peñaranda"));
  CHECK(created.json["email"].GetString() == std::string("sofia@example.com"));
  CHECK(process(id, R"({"status":"annulled","note":"x"})").status == 409);  // final
  CHECK(count("SELECT COUNT(*) FROM event_outbox WHERE type = 'inconsistency_report.processed'") == 1);
  CHECK(count("SELECT COUNT(*) FROM mail_outbox") == 1);  // the provider's registry e-mail

  // data_mismatch: names first (partial), then the rest (processed: the registry is consistent again).
  const auto mismatch =
      file(tiny_png(), "a.png",
           report_json("1000000003", R"(["names","surnames"])", R"({"mobile":"3009998877"})"));
  REQUIRE(mismatch.status == 201);
  const auto mid = mismatch.json["id"].GetInt64();
  CHECK(process(mid, R"({"status":"processed_partial"})").status == 422);
  const auto partial = process(mid, R"({"status":"processed_partial","corrected_variables":["names"]})");
  REQUIRE(partial.status == 200);
  auto now = registry("CC", "1000000003");
  CHECK(now.json["first_name"].GetString() == std::string("Sofía"));
  CHECK(now.json["first_surname"].GetString() == std::string("Barrios"));
  CHECK(now.json["data_quality"].GetString() == std::string("inconsistent"));
  CHECK(now.json["mobile"].GetString() == std::string("3009998877"));
  const auto finished = process(mid, R"({"status":"processed"})");
  REQUIRE(finished.status == 200);
  CHECK(finished.json["processing"].Size() == 2);
  now = registry("CC", "1000000003");
  CHECK(now.json["first_surname"].GetString() == std::string("Peñaranda"));
  CHECK(now.json["data_quality"].GetString() == std::string("ok"));
  CHECK(process(mid, R"({"status":"annulled","note":"x"})").status == 409);
}

TEST_CASE_METHOD(InconsistenciesFixture, "INC-5 the report's PDF by the regulation in force",
                 "[integration]") {
  const auto filed = file(tiny_pdf());
  REQUIRE(filed.status == 201);
  const auto path = std::string(kBase) + "/" + std::to_string(filed.json["id"].GetInt64());
  const auto pdf = get(path + "/report.pdf", provider_admin());
  REQUIRE(pdf.status == 200);
  CHECK(pdf.content_type == "application/pdf");
  const auto text = documents::testing::pdf_text(pdf.body);
  CHECK(text.find("REPORTE DE ACTUALIZACIÓN DE DATOS DE LA PERSONA") != std::string::npos);
  CHECK(text.find("Peñaranda") != std::string::npos);
  CHECK(get(path + "/annex1.pdf", provider_admin()).body.size() > 1000);
}

TEST_CASE_METHOD(InconsistenciesFixture,
                 "Issue 17 item 2: orphans are swept at start-up, committed files completed",
                 "[integration]") {
  const auto filed = file(tiny_pdf());
  REQUIRE(filed.status == 201);
  const auto id = std::to_string(filed.json["id"].GetInt64());
  // A crash after the commit, before the rename: the committed file is back in tmp/ as .part.
  std::filesystem::path stored;
  for (const auto& e : std::filesystem::directory_iterator(attachments()))
    if (e.is_regular_file()) stored = e.path();
  REQUIRE(!stored.empty());
  std::filesystem::rename(stored, attachments() / "tmp" / (stored.filename().string() + ".part"));
  CHECK(get(std::string(kBase) + "/" + id + "/attachment", provider_admin()).body ==
        tiny_pdf());  // served meanwhile
  // A crash before the commit: a .part no row names; and a stray file in the folder.
  std::ofstream(attachments() / "tmp" / "0123456789abcdef-0123456789abcdef.pdf.part") << "orphan";
  std::ofstream(attachments() / "0123456789abcdef-fedcba9876543210.png") << "orphan";
  restart({{"PORTAL_INCONSISTENCIES_ORPHAN_AGE_SECONDS", "0"}});
  CHECK(app->last_sweep().completed == 1);
  CHECK(app->last_sweep().removed == 2);
  CHECK(stored_files() == 1);
  CHECK(std::filesystem::exists(stored));
  CHECK(get(std::string(kBase) + "/" + id + "/attachment", provider_admin()).body == tiny_pdf());
}
