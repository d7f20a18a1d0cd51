// FIN-5 through HTTP (issue 19): the ERP loads conciliations, providers query summaries and download the
// .xlsx with the 50 columns of manual 003 §8.3, read back by openpyxl; another provider's glosas are hidden.
#include <xlsxwriter.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "finance_app.hpp"
#include "glosa.hpp"
#include "glosa_store.hpp"
#include "portal/documents/xlsx_reader.hpp"
#include "portal/json/json.hpp"
#include "support/service_fixture.hpp"

using namespace portal;

namespace {

class GlosaFixture : public portal::test::ServiceFixture<finance::FinanceApp> {
 public:
  GlosaFixture()
      : ServiceFixture("2026-03-25T15:00:00Z",
                       {"finance", "PORTAL_FINANCE_", "4", {{"PORTAL_FINANCE_JOBS", "false"}}}, {}) {}

  HttpResult load(const std::string& conciliations) {
    return post("/api/v1/glosas/imports", R"({"conciliations":[)" + conciliations + "]}",
                employee("finance"));
  }
  // An answered workbook: the download's 50 headers and, per row, {column, value} (digits as numbers).
  std::string answered(const std::vector<std::vector<std::pair<int, std::string>>>& rows) {
    const auto path = (dir() / ("answered-" + std::to_string(++files_) + ".xlsx")).string();
    lxw_workbook* wb = workbook_new(path.c_str());
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Detalle de Glosa");
    const auto headers = finance::glosa_headers();
    for (std::size_t c = 0; c < headers.size(); ++c)
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), headers[c].c_str(), nullptr);
    lxw_row_t r = 1;
    for (const auto& row : rows) {
      for (const auto& [column, value] : row) {
        if (value.find_first_not_of("0123456789") == std::string::npos && !value.empty() && column != 32)
          worksheet_write_number(ws, r, static_cast<lxw_col_t>(column), std::stod(value), nullptr);
        else
          worksheet_write_string(ws, r, static_cast<lxw_col_t>(column), value.c_str(), nullptr);
      }
      ++r;
    }
    REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }
  HttpResult upload(const std::string& bytes, const std::string& token = "", const std::string& key = "",
                    const std::string& disposition = "") {
    std::vector<std::pair<std::string, std::string>> headers;
    if (!key.empty()) headers.emplace_back("Idempotency-Key", key);
    if (!disposition.empty()) headers.emplace_back("Content-Disposition", disposition);
    return service::testing::request(
        app->port(), "POST", "/api/v1/glosa-responses", bytes, token.empty() ? provider_admin() : token,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", headers);
  }
  std::vector<documents::xlsx::Row> rows_of(const std::string& bytes) {
    auto wb = documents::xlsx::Workbook::open(bytes);
    REQUIRE_FALSE(wb->error().has_value());
    std::vector<documents::xlsx::Row> out;
    REQUIRE_FALSE(wb->read_rows({}, [&](const documents::xlsx::Row& r) {
                      out.push_back(r);
                      return true;
                    }).has_value());
    return out;
  }
  int files_ = 0;

  // The .xlsx read back by openpyxl (tests/read_payment_file.py), as JSON.
  rapidjson::Document read_back(const std::string& bytes) {
    const auto path = dir() / "glosas.xlsx";
    std::ofstream(path, std::ios::binary) << bytes;
    const std::string command = "/usr/bin/python3 " + std::string(PORTAL_FINANCE_TESTS_DIR) +
                                "/read_payment_file.py xlsx '" + path.string() + "' ''";
    std::string out;
    if (FILE* p = popen(command.c_str(), "r")) {
      char buffer[4096];
      std::size_t n;
      while ((n = std::fread(buffer, 1, sizeof buffer, p)) > 0) out.append(buffer, n);
      REQUIRE(pclose(p) == 0);
    }
    rapidjson::Document doc;
    doc.Parse(out.c_str());
    REQUIRE_FALSE(doc.HasParseError());
    return doc;
  }
};

const char* k2284 =
    R"({"number":2053,"provider_nit":"900000001","provider_name":"IPS Demo","branch":"Barranquilla",
  "notified_on":"2026-03-13","lines":[
  {"invoice_prefix":"FE","invoice_suffix":"1001","debit_note":"ND-1","detail_id":"1","glosa_value":120000,
   "debit_note_iva":0,"concept_code":"FA0701","service_code":"890201","rips_consecutivo":"1","cuv":"cuv-1001"},
  {"invoice_prefix":"FE","invoice_suffix":"1001","debit_note":"ND-1","detail_id":"2","glosa_value":30000,
   "concept_code":"SO3401"},
  {"invoice_prefix":"FE","invoice_suffix":"1002","debit_note":"ND-2","detail_id":"1","glosa_value":5000,
   "concept_code":"FA0701"}]})";
const char* k3047 = R"({"number":17,"provider_nit":"900000001","notified_on":"2024-06-03","lines":[
  {"invoice_suffix":"77","debit_note":"ND-9","detail_id":"1","glosa_value":800,"concept_code":"117"}]})";
const char* kOther = R"({"number":900,"provider_nit":"800000002","notified_on":"2026-03-13","lines":[
  {"invoice_prefix":"FE","invoice_suffix":"1001","debit_note":"ND-5","detail_id":"1","glosa_value":1,
   "concept_code":"FA0701"}]})";

}  // namespace

TEST_CASE_METHOD(GlosaFixture,
                 "FIN-5 the ERP loads conciliations; codes checked per generation, every bad field named") {
  auto res = load(std::string(k2284) + "," + k3047 + "," + kOther);
  REQUIRE(res.status == 200);
  auto& body = res.json;
  CHECK(body["created"].GetInt64() == 3);
  CHECK(body["lines"].GetInt64() == 5);
  // A 2284 code on a glosa notified before the start date, and a 3047 code after it: refused, named.
  res = load(R"({"number":5,"provider_nit":"900000001","notified_on":"2024-06-03","lines":[
    {"invoice_suffix":"1","debit_note":"N","detail_id":"1","glosa_value":1,"concept_code":"FA0701"}]},
    {"number":6,"provider_nit":"900000001","notified_on":"2026-01-05","lines":[
    {"invoice_suffix":"1","debit_note":"N","detail_id":"1","glosa_value":1,"concept_code":"117"},
    {"invoice_suffix":"1","debit_note":"N","detail_id":"2","concept_code":"FA0701"}]})");
  REQUIRE(res.status == 422);
  const auto text = res.body;
  CHECK(text.find("conciliations[0].lines[0].concept_code") != std::string::npos);
  CHECK(text.find("conciliations[1].lines[0].concept_code") != std::string::npos);
  CHECK(text.find("conciliations[1].lines[1].glosa_value") != std::string::npos);
  CHECK(post("/api/v1/glosas/imports", R"({"conciliations":[]})", provider_admin()).status == 403);
}

TEST_CASE_METHOD(GlosaFixture,
                 "FIN-5 summaries by conciliation, date range and invoice; other providers' hidden") {
  REQUIRE(load(std::string(k2284) + "," + k3047 + "," + kOther).status == 200);
  auto res = get("/api/v1/glosas?conciliation=2053", provider_admin());
  REQUIRE(res.status == 200);
  auto& body = res.json;
  REQUIRE(body["items"].Size() == 1);
  const auto& s = body["items"][0];
  CHECK(s["conciliation"].GetInt64() == 2053);
  CHECK(std::string(s["notified_on"].GetString()) == "2026-03-13");
  CHECK(std::string(s["generation"].GetString()) == "2284");
  CHECK(std::string(s["response_deadline"].GetString()) == "2026-04-08");  // across San José and Holy Week
  CHECK(s["invoices"].GetInt64() == 2);
  CHECK(s["debit_notes"].GetInt64() == 2);
  res = get("/api/v1/glosas?from=2024-01-01&to=2024-12-31", provider_admin());
  REQUIRE(body["items"].Size() == 1);
  CHECK(std::string(body["items"][0]["generation"].GetString()) == "3047");
  res = get("/api/v1/glosas?invoice_prefix=FE&invoice_suffix=1001", provider_admin());
  REQUIRE(body["items"].Size() == 1);  // not conciliation 900: another provider's
  CHECK(body["items"][0]["conciliation"].GetInt64() == 2053);
  CHECK((get("/api/v1/glosas?conciliation=900", provider_admin())).json["items"].Size() == 0);
  CHECK(get("/api/v1/glosas/conciliations/900.xlsx", provider_admin()).status == 404);
  CHECK(get("/api/v1/glosas?conciliation=abc&from=x", provider_admin()).status == 422);
  CHECK(get("/api/v1/glosas", provider_admin()).status == 422);
  CHECK(get("/api/v1/glosas?conciliation=2053", delegate({"payments"})).status == 403);
  CHECK((get("/api/v1/glosas?conciliation=900", employee("finance"))).json["items"].Size() == 1);
}

TEST_CASE_METHOD(GlosaFixture,
                 "FIN-5 the download has the 50 headers of manual 003 §8.3 in order (openpyxl)") {
  REQUIRE(load(k2284).status == 200);
  const auto res = get("/api/v1/glosas/conciliations/2053.xlsx", provider_admin());
  REQUIRE(res.status == 200);
  const auto doc = read_back(res.body);
  const auto& rows = doc["rows"];
  REQUIRE(rows.Size() == 4);
  const auto expected = finance::glosa_headers();
  REQUIRE(rows[0].Size() == 50);
  for (rapidjson::SizeType c = 0; c < 50; ++c) CHECK(std::string(rows[0][c]["v"].GetString()) == expected[c]);
  CHECK(std::string(rows[0][37]["v"].GetString()) == "Valor_aceptado_IPS");                   // AL
  CHECK(std::string(rows[0][40]["v"].GetString()) == "Observaciones_IPS_respuesta_a_glosa");  // AO
  CHECK(std::string(rows[1][0]["v"].GetString()) == "900000001");
  CHECK(rows[1][20]["v"].GetInt64() == 120000);  // Valor_glosa_aplicada
  CHECK(std::string(rows[1][23]["v"].GetString()) == "FA0701");
  CHECK(std::string(rows[1][48]["v"].GetString()) == "2026-03-13");
  CHECK(std::string(rows[1][49]["v"].GetString()) == "2053");
  CHECK(get("/api/v1/glosas/conciliations/abc.xlsx", provider_admin()).status == 400);
  CHECK(get("/api/v1/glosas/conciliations/4.xlsx", provider_admin()).status == 404);
}

namespace {
// One answer row: conciliation AX, invoice F, detail AG, code AJ, accepted AL, sustained AM, notes AO.
std::vector<std::pair<int, std::string>> answer(const std::string& invoice, const std::string& detail,
                                                const std::string& code, const std::string& accepted,
                                                const std::string& sustained) {
  return {{49, "2053"},
          {5, invoice},
          {32, detail},
          {35, code},
          {37, accepted},
          {38, sustained},
          {40, "respuesta de prueba"}};
}
}  // namespace

TEST_CASE_METHOD(GlosaFixture,
                 "FIN-6 an answered workbook is loaded as a job; rows checked; one upload at a time") {
  REQUIRE(load(k2284).status == 200);
  const auto file =
      answered({answer("FE1001", "1", "", "120000", "0"), answer("FE1001", "2", "RE9901", "0", "30000"),
                answer("FE1002", "1", "RE9801", "4000", "2000")});  // 4000 + 2000 > 5000
  auto res = upload(file, "", "answers-1");
  INFO(res.body);
  REQUIRE(res.status == 202);
  const long long id = res.json["id"].GetInt64();
  // A keyed retry replays the first 202 (one job), not the 409.
  const auto retry = upload(file, "", "answers-1");
  REQUIRE(retry.status == 202);
  CHECK(retry.json["id"].GetInt64() == id);
  CHECK(count("SELECT COUNT(*) FROM glosa_responses") == 1);
  const std::string path = "/api/v1/glosa-responses/" + std::to_string(id);
  CHECK_FALSE(res.header("Location").empty());
  CHECK(std::string(res.json["status"].GetString()) == "in_process");
  // A second upload while the first is in process: 409 with the manual's text.
  auto second = upload(file);
  REQUIRE(second.status == 409);
  CHECK(std::string(second.json["detail"].GetString()) ==
        "En este momento existe en proceso la carga de otro archivo, por favor intente más tarde");
  CHECK(get(path + "/result.xlsx", provider_admin()).status == 409);

  REQUIRE(app->glosa_runner().run_due() == 1);
  const auto done = get(path, provider_admin());
  REQUIRE(done.status == 200);
  CHECK(std::string(done.json["status"].GetString()) == "Error");  // a row was refused
  CHECK(done.json["rows_loaded"].GetInt64() == 2);
  CHECK(done.json["rows_refused"].GetInt64() == 1);
  CHECK(done.json["credit_note_amount"].GetInt64() == 120000);  // REG-3: RE9702 accepted in full
  CHECK(std::string(done.json["sheet"].GetString()) == "Detalle de Glosa");
  CHECK(std::string(done.json["finished_at"].GetString()).size() == 19);  // yyyy-MM-dd HH:mm:ss
  const auto result = get(path + "/result.xlsx", provider_admin());
  REQUIRE(result.status == 200);
  const auto rows = rows_of(result.body);
  REQUIRE(rows.size() == 4);
  REQUIRE(rows[0].at(50) != nullptr);
  CHECK(rows[0].at(50)->text == "Resultado del Cargue");
  CHECK(rows[1].at(50)->text == "Respuesta registrada");
  CHECK(rows[3].at(50)->text ==
        "Respuesta no registrada – La sumatoria del valor aceptado y el valor sustentado, supera el valor de "
        "la glosa");
  CHECK(count("SELECT COUNT(*) FROM glosa_lines WHERE response_code IS NOT NULL") == 2);
  CHECK(
      count("SELECT COUNT(*) FROM glosa_lines WHERE response_code = 'RE9702' AND accepted_value = 120000") ==
      1);
  CHECK(count("SELECT COUNT(*) FROM mail_outbox WHERE subject = 'Resultado Proceso Cargar Respuestas Glosas "
              "- Nro "
              "proceso " +
              std::to_string(id) + " - Error'") == 1);
  // The job's end as an event for the provider's SSE stream and webhooks (issue 19, via portal-events).
  CHECK(
      count(
          "SELECT COUNT(*) FROM event_outbox WHERE type = 'glosa_response.finished' AND provider_nit = "
          "'900000001' AND payload LIKE '%\"status\":\"Error\"%' AND payload LIKE '%\"rows_refused\":1%'") ==
      1);

  // The same detail again: refused as already answered; FE1002 alone, now right, is loaded.
  res = upload(answered(
      {answer("FE1001", "1", "RE9702", "120000", "0"), answer("FE1002", "1", "RE9702", "5000", "0")}));
  REQUIRE(res.status == 202);
  const std::string again = "/api/v1/glosa-responses/" + std::to_string(res.json["id"].GetInt64());
  REQUIRE(app->glosa_runner().run_due() == 1);
  const auto second_rows = rows_of(get(again + "/result.xlsx", provider_admin()).body);
  REQUIRE(second_rows.size() == 3);
  CHECK(second_rows[1].at(50)->text ==
        "Respuesta no registrada – El registro ya cuenta con una respuesta registrada previamente");
  CHECK(second_rows[2].at(50)->text == "Respuesta registrada");
  // The download now shows the answers in AL.
  const auto download = rows_of(get("/api/v1/glosas/conciliations/2053.xlsx", provider_admin()).body);
  REQUIRE(download.size() == 4);
  REQUIRE(download[1].at(37) != nullptr);
  CHECK(download[1].at(37)->number == 120000);

  // Another provider's job is 404; a file without the answer columns is 422 naming them.
  CHECK(get(path, provider_admin("800000002")).status == 404);
  auto bad = upload(std::string("not a workbook"));
  CHECK(bad.status == 422);
  CHECK(upload(file, delegate({"payments"})).status == 403);
}

TEST_CASE_METHOD(
    GlosaFixture,
    "FIN-6 the result goes to the provider's address and the uploading user's own; orphans are swept") {
  REQUIRE(load(k2284).status == 200);
  // The demo admin of 900000001 as auth knows it (user 1, admin@ipsdemo.example): its profile has an address.
  security::Principal admin;
  admin.subject = "user:1";
  admin.user_type = "provider";
  admin.roles = {"provider_admin"};
  admin.provider_nit = "900000001";
  admin.branch = "080010000101";
  const auto res =
      upload(answered({answer("FE1001", "1", "RE9702", "120000", "0"),
                       answer("FE1001", "2", "RE9901", "0", "30000")}),
             token(admin), "", "attachment; filename=\"C:\\\\fakepath\\\\NI-65697259-20250129.xlsx\"");
  INFO(res.body);
  REQUIRE(res.status == 202);
  // The provider's own name for the file, without the browser's fake path (manual 003 §8.4 «Archivo»).
  CHECK(std::string(res.json["file_name"].GetString()) == "NI-65697259-20250129.xlsx");
  // A file no job names (an upload whose transaction never committed) is swept at start-up; the job's is
  // kept.
  std::ofstream(dir() / "data" / "glosas" / "respuesta-glosas-orphan.xlsx") << "orphan";
  restart({{"PORTAL_FINANCE_JOBS", "false"}});
  CHECK_FALSE(std::filesystem::exists(dir() / "data" / "glosas" / "respuesta-glosas-orphan.xlsx"));
  REQUIRE(app->glosa_runner().run_due() == 1);
  CHECK(
      count(
          "SELECT COUNT(*) FROM mail_outbox WHERE subject LIKE 'Resultado Proceso Cargar Respuestas Glosas%' "
          "AND recipient = 'urgencias@ipsdemo.example'") == 1);
  CHECK(
      count(
          "SELECT COUNT(*) FROM mail_outbox WHERE subject LIKE 'Resultado Proceso Cargar Respuestas Glosas%' "
          "AND recipient = 'admin@ipsdemo.example'") == 1);
  // Both carry «Archivo: <the provider's name> - hoja <sheet>» and the durable result file as an attachment.
  const auto id = res.json["id"].GetInt64();
  const std::string result =
      (dir() / "data" / "glosas").string() + "/response-result-" + std::to_string(id) + ".xlsx";
  REQUIRE(std::filesystem::exists(result));
  app->database().read([&](db::Connection& c) {
    const auto mails = c.query_all(
        "SELECT body, attachments FROM mail_outbox WHERE subject LIKE 'Resultado Proceso Cargar Respuestas "
        "Glosas%'",
        {}, [](const db::Row& r) {
          return std::pair{r.text(0), r.is_null(1) ? std::string{} : r.text(1)};
        });
    REQUIRE(mails.size() == 2);
    for (const auto& [body, attachments] : mails) {
      CHECK_THAT(body, Catch::Contains("Archivo: NI-65697259-20250129.xlsx - hoja Detalle de Glosa"));
      CHECK_THAT(body,
                 Catch::Contains("Se adjunta Archivo de Respuesta a Glosas reportado por el prestador"));
      CHECK(json::parse_string_array(attachments) ==
            std::vector<std::string>{"NI-65697259-20250129.xlsx",
                                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                     std::filesystem::absolute(result).string()});
    }
  });
}

TEST_CASE_METHOD(GlosaFixture,
                 "FIN-6 a response job whose runner died is taken again and finishes exactly once") {
  REQUIRE(load(k2284).status == 200);
  const auto res = upload(answered(
      {answer("FE1001", "1", "RE9702", "120000", "0"), answer("FE1001", "2", "RE9901", "0", "30000")}));
  REQUIRE(res.status == 202);
  const long long id = res.json["id"].GetInt64();
  const long long now_ms = clock.now().time_since_epoch().count();
  // A runner claimed it and died: its lease has run out.
  app->database().write([&](db::Connection& c) {
    REQUIRE(finance::glosa_store::claim_response(c, id, "dead-runner", now_ms - 1, now_ms - 60000));
  });
  restart({{"PORTAL_FINANCE_JOBS", "false"}});
  REQUIRE(app->glosa_runner().run_due() == 1);
  CHECK(app->glosa_runner().run_due() == 0);
  const auto done = get("/api/v1/glosa-responses/" + std::to_string(id), provider_admin());
  CHECK(std::string(done.json["status"].GetString()) == "Ejecutado Exitosamente");
  CHECK(done.json["rows_loaded"].GetInt64() == 2);
  CHECK(count("SELECT COUNT(*) FROM glosa_lines WHERE response_code IS NOT NULL") == 2);
  CHECK(count("SELECT COUNT(*) FROM mail_outbox WHERE subject LIKE 'Resultado Proceso Cargar Respuestas "
              "Glosas%'") == 1);
  // The dead runner can no longer finish it.
  app->database().write([&](db::Connection& c) {
    CHECK_FALSE(
        finance::glosa_store::finish_response(c, id, "dead-runner", "Error", 0, 0, 0, now_ms, std::nullopt));
  });
}
