// Issue 18 "Tests that fail without the feature": auth, finance and the gateway as real processes. The demo
// ERP client (demo-erp, client credentials) loads vouchers through the gateway; the demo provider's admin
// finds them by number, period and invoice, reads the detail 21 per page, and downloads the voucher as XLSX
// (a zip openpyxl reads, checked by finance's own tests) and CSV; another provider gets 404. Every answer is
// checked against api/openapi.yaml by the suite.
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "e2e_suite.hpp"
#include "support/json_fields.hpp"
#include "support/sse_client.hpp"

using namespace portal;
using namespace portal::e2e;

namespace {

std::string erp_token(Suite& s) {
  auto r = s.gateway().post_form(
      "/api/v1/auth/token",
      "grant_type=client_credentials&client_id=demo-erp&client_secret=demo-erp-secret-2026");
  INFO(r.body);
  REQUIRE(r.status == 200);
  return test::json_string(r.body, "/access_token").value_or("");
}

std::string load_body(const std::string& number) {
  std::string lines;
  for (int i = 1; i <= 22; ++i) {
    if (i > 1) lines += ",";
    lines +=
        R"({"document_type":"FV","invoice_prefix":"E2E","invoice_suffix":")" + number + "-" +
        std::to_string(i) +
        R"(","invoice_date":"2026-01-15","invoice_value":1200000,"net_value":1100000,"paid_value":1000000,)"
        R"("garnishments":1000,"retefuente":22000,"copay":3500,"company":"Compañía"})";
  }
  return R"({"vouchers":[{"voucher_number":")" + number +
         R"(","provider_nit":"900000001","payment_date":"2026-03-22","payment_form":"transfer",)"
         R"("bank":"Banco de Bogotá","account_type":"savings","account_number":"4044236941","document_number":"CE-E2E",)"
         R"("amount_paid":22000000,"support_email":"pagos@eps.example","support_at":"2026-03-22T20:30:00Z",)"
         R"("invoices":[)" +
         lines + "]}]}";
}

}  // namespace

TEST_CASE("the ERP loads payments; the provider queries and downloads them", "[e2e][finance]") {
  auto& s = Suite::get();
  const std::string number = "E2E" + std::to_string(now_unix());
  auto loaded =
      s.gateway().post_json("/api/v1/payments/imports", load_body(number), test::bearer(erp_token(s)));
  INFO(loaded.body);
  REQUIRE(loaded.status == 200);
  CHECK(test::json_string(loaded.body, "/errors/0/code") == std::nullopt);

  const auto token = s.provider_tokens(kDemoNit, "admin").access;
  auto by_number = s.gateway().get("/api/v1/payments?number=" + number, test::bearer(token));
  INFO(by_number.body);
  REQUIRE(by_number.status == 200);
  CHECK(test::json_string(by_number.body, "/items/0/support_time") == std::optional<std::string>("15:30"));
  const auto id = test::json_int(by_number.body, "/items/0/id");
  REQUIRE(id.has_value());
  const std::string base = "/api/v1/payments/" + std::to_string(*id);

  auto period = s.gateway().get("/api/v1/payments?from=2016-01-01&to=2026-12-31", test::bearer(token));
  CHECK(period.status == 200);
  auto invoice =
      s.gateway().get("/api/v1/payments/by-invoice?prefix=E2E&suffix=" + number + "-3", test::bearer(token));
  CHECK(test::json_string(invoice.body, "/items/0/payment/voucher_number") ==
        std::optional<std::string>(number));
  auto missing = s.gateway().get("/api/v1/payments/by-invoice", test::bearer(token));
  CHECK(missing.status == 422);

  auto detail = s.gateway().get(base + "/invoices", test::bearer(token));
  CHECK(test::json_int(detail.body, "/per_page") == std::optional<long long>(21));
  CHECK(test::json_int(detail.body, "/total") == std::optional<long long>(22));

  auto xlsx = s.gateway().get(base + "/invoices.xlsx?layout=sos", test::bearer(token));
  REQUIRE(xlsx.status == 200);
  CHECK(xlsx.body.rfind("PK", 0) == 0);  // a zip, as every .xlsx is
  CHECK(xlsx.header("Content-Disposition").value_or("").find("Resumen-Facturas-Pagas_") != std::string::npos);
  auto csv = s.gateway().get(base + "/invoices.csv?separator=%3B", test::bearer(token));
  REQUIRE(csv.status == 200);
  CHECK(csv.body.rfind("\xEF\xBB\xBF", 0) == 0);
  auto year = s.gateway().get("/api/v1/payments.xlsx?from=2026-01-01&to=2026-12-31", test::bearer(token));
  CHECK(year.status == 200);

  const auto other = s.provider_tokens("900000002", "admin2").access;
  CHECK(s.gateway().get(base, test::bearer(other)).status == 404);
  CHECK(s.gateway().get(base + "/invoices.xlsx", test::bearer(other)).status == 404);
}

TEST_CASE("make run's demo: a provider's year of payments, and a demo voucher as XLSX", "[e2e][finance]") {
  auto& s = Suite::get();
  const auto token = s.provider_tokens(kDemoNit, "admin").access;
  auto year =
      s.gateway().get("/api/v1/payments?from=2016-01-01&to=2099-12-31&per_page=200", test::bearer(token));
  INFO(year.body);
  REQUIRE(year.status == 200);
  CHECK(test::json_int(year.body, "/total").value_or(0) >= 24);  // a voucher every 15 days for a year
  CHECK(test::json_int(year.body, "/total_paid").value_or(0) > 0);
  CHECK(year.body.find("\"Giro Directo/Cesión\"") != std::string::npos);
  CHECK(year.body.find("100009999") == std::string::npos);  // the 2016 demo voucher is never shown
  const auto first = test::json_int(year.body, "/items/0/id");
  REQUIRE(first.has_value());
  auto xlsx =
      s.gateway().get("/api/v1/payments/" + std::to_string(*first) + "/invoices.xlsx", test::bearer(token));
  CHECK(xlsx.status == 200);
  CHECK(xlsx.body.rfind("PK", 0) == 0);
}

TEST_CASE("FIN-4 a provider fills the template in openpyxl, uploads it and downloads the result",
          "[e2e][finance]") {
  auto& s = Suite::get();
  const auto token = s.provider_tokens(kDemoNit, "admin").access;
  auto tpl = s.gateway().get("/api/v1/portfolio-requests/template.xlsx", test::bearer(token));
  REQUIRE(tpl.status == 200);
  const auto dir =
      std::filesystem::temp_directory_path() / ("portal-e2e-portfolio-" + std::to_string(now_unix()));
  std::filesystem::create_directories(dir);
  std::ofstream((dir / "template.xlsx").string(), std::ios::binary) << tpl.body;
  const std::string script = test::source_dir() + "/tests/e2e/portfolio_workbook.py";
  REQUIRE(std::system(("/usr/bin/python3 " + script + " fill " + (dir / "template.xlsx").string() + " " +
                       (dir / "filled.xlsx").string())
                          .c_str()) == 0);
  std::ifstream in((dir / "filled.xlsx").string(), std::ios::binary);
  const std::string filled((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

  test::HttpRequest upload;
  upload.method = "POST";
  upload.path = "/api/v1/portfolio-requests";
  upload.headers = test::bearer(token);
  upload.body = filled;
  upload.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  auto created = s.gateway().send(upload);
  INFO(created.body);
  REQUIRE(created.status == 202);
  const auto id = test::json_int(created.body, "/id");
  REQUIRE(id.has_value());
  const std::string path = "/api/v1/portfolio-requests/" + std::to_string(*id);
  std::optional<std::string> status;
  for (int i = 0; i < 100; ++i) {
    status = test::json_string(s.gateway().get(path, test::bearer(token)).body, "/status");
    if (status == std::optional<std::string>("completed")) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  REQUIRE(status == std::optional<std::string>("completed"));
  auto result = s.gateway().get(path + "/result.xlsx", test::bearer(token));
  REQUIRE(result.status == 200);
  std::ofstream((dir / "result.xlsx").string(), std::ios::binary) << result.body;
  const std::string read = "/usr/bin/python3 " + script + " read " + (dir / "result.xlsx").string() + " > " +
                           (dir / "result.tsv").string();
  REQUIRE(std::system(read.c_str()) == 0);
  std::ifstream tsv((dir / "result.tsv").string());
  std::vector<std::string> lines;
  for (std::string line; std::getline(tsv, line);) lines.push_back(line);
  REQUIRE(lines.size() == 5);
  CHECK(lines[0].find("Estado EPS") != std::string::npos);
  // Demo invoice FE1 is "in_audit" (the demo cycles through the states), FE2 "glosa".
  CHECK(lines[1].find("En auditoría") != std::string::npos);
  CHECK(lines[2].find("Glosada") != std::string::npos);
  CHECK(lines[4].find("Sufijo") != std::string::npos);
  std::filesystem::remove_all(dir);
  // Another provider: 404.
  const auto other = s.provider_tokens(kOtherNit, "admin2").access;
  CHECK(s.gateway().get(path, test::bearer(other)).status == 404);
}

TEST_CASE("FIN-5 the ERP loads glosas; the provider finds them and downloads the 50 columns",
          "[e2e][finance]") {
  auto& s = Suite::get();
  const std::string number = std::to_string(700000000 + now_unix() % 100000000);
  const std::string body =
      R"({"conciliations":[{"number":)" + number +
      R"(,"provider_nit":"900000001","provider_name":"IPS Demo Salud","notified_on":"2026-03-13","lines":[)"
      R"({"invoice_prefix":"GE","invoice_suffix":"1","debit_note":"ND-E2E","detail_id":"1","glosa_value":50000,)"
      R"("concept_code":"FA0701","cuv":"cuv-e2e"},)"
      R"({"invoice_prefix":"GE","invoice_suffix":"1","debit_note":"ND-E2E","detail_id":"2","glosa_value":7000,)"
      R"("concept_code":"SO3401"}]}]})";
  auto loaded = s.gateway().post_json("/api/v1/glosas/imports", body, test::bearer(erp_token(s)));
  INFO(loaded.body);
  REQUIRE(loaded.status == 200);
  const auto token = s.provider_tokens(kDemoNit, "admin").access;
  auto found = s.gateway().get("/api/v1/glosas?conciliation=" + number, test::bearer(token));
  INFO(found.body);
  REQUIRE(found.status == 200);
  CHECK(test::json_int(found.body, "/items/0/invoices") == std::optional<long long>(1));
  CHECK(test::json_string(found.body, "/items/0/response_deadline") ==
        std::optional<std::string>("2026-04-08"));
  // The demo's 2284 and 3047 conciliations (make run).
  auto demo = s.gateway().get("/api/v1/glosas?from=2024-01-01&to=2099-12-31", test::bearer(token));
  CHECK(demo.body.find("\"conciliation\":2053") != std::string::npos);
  CHECK(demo.body.find("\"conciliation\":1017") != std::string::npos);
  auto xlsx = s.gateway().get("/api/v1/glosas/conciliations/" + number + ".xlsx", test::bearer(token));
  REQUIRE(xlsx.status == 200);
  const auto dir =
      std::filesystem::temp_directory_path() / ("portal-e2e-glosas-" + std::to_string(now_unix()));
  std::filesystem::create_directories(dir);
  std::ofstream((dir / "glosas.xlsx").string(), std::ios::binary) << xlsx.body;
  const std::string script = test::source_dir() + "/tests/e2e/portfolio_workbook.py";
  REQUIRE(std::system(("/usr/bin/python3 " + script + " read " + (dir / "glosas.xlsx").string() + " > " +
                       (dir / "glosas.tsv").string())
                          .c_str()) == 0);
  std::ifstream tsv((dir / "glosas.tsv").string());
  std::vector<std::string> lines;
  for (std::string line; std::getline(tsv, line);) lines.push_back(line);
  REQUIRE(lines.size() == 3);
  CHECK(std::count(lines[0].begin(), lines[0].end(), '\t') == 49);  // 50 columns
  CHECK(lines[0].rfind("Nit\tRazon_Social\tSucursal\t", 0) == 0);
  CHECK(lines[0].find("\tValor_aceptado_IPS\tValor_sustentado_IPS\tNumero_nota_credito_IPS\t"
                      "Observaciones_IPS_respuesta_a_glosa\t") != std::string::npos);
  CHECK(lines[1].find("FA0701") != std::string::npos);

  // FIN-6: the provider accepts both glosas in openpyxl and uploads the file.
  REQUIRE(std::system(("/usr/bin/python3 " + test::source_dir() + "/tests/e2e/glosa_workbook.py accept " +
                       (dir / "glosas.xlsx").string() + " " + (dir / "answered.xlsx").string())
                          .c_str()) == 0);
  std::ifstream answered_in((dir / "answered.xlsx").string(), std::ios::binary);
  const std::string answered((std::istreambuf_iterator<char>(answered_in)), std::istreambuf_iterator<char>());
  test::HttpRequest upload;
  upload.method = "POST";
  upload.path = "/api/v1/glosa-responses";
  upload.headers = test::bearer(token);
  upload.body = answered;
  upload.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  // The job's end comes as an event on the provider's SSE stream, through the gateway (issue 19, FIN-6).
  test::SseClient stream("127.0.0.1", s.system().gateway_port(), token);
  REQUIRE(stream.wait_for("retry:", std::chrono::seconds{5}));
  // The provider's own name for the file (RFC 8187, through the gateway): shown in the job and its e-mail.
  upload.headers.emplace("Content-Disposition",
                         "attachment; filename*=UTF-8''Respuesta%20glosas%20%C3%B1-" + number + ".xlsx");
  auto created = s.gateway().send(upload);
  INFO(created.body);
  REQUIRE(created.status == 202);
  const std::string job =
      "/api/v1/glosa-responses/" + std::to_string(test::json_int(created.body, "/id").value_or(0));
  std::optional<std::string> status;
  for (int i = 0; i < 100; ++i) {
    status = test::json_string(s.gateway().get(job, test::bearer(token)).body, "/status");
    if (status != std::optional<std::string>("in_process")) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  // Notified 2026-03-13: answered after its deadline, loaded but flagged, so the job succeeds.
  REQUIRE(status == std::optional<std::string>("Ejecutado Exitosamente"));
  REQUIRE(stream.wait_for("event: glosa_response.finished", std::chrono::seconds{10}));
  CHECK(stream.text().find("\"response_id\":" + job.substr(job.rfind('/') + 1) + ",") != std::string::npos);
  const auto summary = s.gateway().get(job, test::bearer(token));
  CHECK(test::json_int(summary.body, "/credit_note_amount") == std::optional<long long>(57000));
  auto result = s.gateway().get(job + "/result.xlsx", test::bearer(token));
  REQUIRE(result.status == 200);
  std::ofstream((dir / "result.xlsx").string(), std::ios::binary) << result.body;
  CHECK(test::json_string(summary.body, "/file_name") ==
        std::optional<std::string>("Respuesta glosas ñ-" + number + ".xlsx"));
  // Manual 003 §8.4: the summary e-mail attaches the result file, named as the provider named its upload.
  const auto data_root = std::filesystem::path(s.system().data_dir()).parent_path().string();
  const std::string find_mail = "/usr/bin/python3 " + test::source_dir() + "/tests/e2e/mail_attachment.py " +
                                data_root + " 'Resultado Proceso Cargar Respuestas Glosas - Nro proceso " +
                                job.substr(job.rfind('/') + 1) + " ' " + (dir / "mailed.xlsx").string() +
                                " > " + (dir / "mailed.name").string();
  bool mailed = false;
  for (int i = 0; i < 200 && !mailed; ++i) {
    mailed = std::system(find_mail.c_str()) == 0;
    if (!mailed) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  REQUIRE(mailed);
  std::ifstream mailed_in((dir / "mailed.xlsx").string(), std::ios::binary);
  CHECK(std::string((std::istreambuf_iterator<char>(mailed_in)), std::istreambuf_iterator<char>()) ==
        result.body);
  std::ifstream name_in((dir / "mailed.name").string());
  std::string mailed_name;
  std::getline(name_in, mailed_name);
  CHECK(mailed_name == "Respuesta glosas ñ-" + number + ".xlsx");
  REQUIRE(std::system(("/usr/bin/python3 " + script + " read " + (dir / "result.xlsx").string() + " > " +
                       (dir / "result.tsv").string())
                          .c_str()) == 0);
  std::ifstream result_tsv((dir / "result.tsv").string());
  std::vector<std::string> result_lines;
  for (std::string line; std::getline(result_tsv, line);) result_lines.push_back(line);
  std::filesystem::remove_all(dir);
  REQUIRE(result_lines.size() == 3);
  CHECK(result_lines[0].ends_with("\tResultado del Cargue"));
  CHECK(result_lines[1].find("la respuesta fue cargada al sistema de la EPS") != std::string::npos);
  CHECK(result_lines[2].find("la respuesta fue cargada al sistema de la EPS") != std::string::npos);
  // Another provider: not listed, and its download is 404.
  const auto other = s.provider_tokens(kOtherNit, "admin2").access;
  CHECK(s.gateway()
            .get("/api/v1/glosas?conciliation=" + number, test::bearer(other))
            .body.find("\"items\":[]") != std::string::npos);
  CHECK(s.gateway().get("/api/v1/glosas/conciliations/" + number + ".xlsx", test::bearer(other)).status ==
        404);
}
