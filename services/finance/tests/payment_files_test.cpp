// FIN-3 (issue 18): the downloads read back by independent readers — openpyxl (Debian python3-openpyxl) for
// XLSX, Python's csv module for CSV — through read_payment_file.py: headers in order, dates as dates, money
// as integers with a thousands format, accents intact, N/A for Giro Directo, quotes and `;` inside fields.
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>

#include "finance_app.hpp"
#include "portal/json/json.hpp"
#include "support/service_fixture.hpp"

using namespace portal;

namespace {

class FilesFixture : public portal::test::ServiceFixture<finance::FinanceApp> {
 public:
  FilesFixture() : ServiceFixture("2026-03-25T15:00:00Z", {"finance", "PORTAL_FINANCE_", "4", {}}, {}) {}

  // The file read back by the independent reader, as JSON.
  rapidjson::Document read_back(const std::string& bytes, const std::string& kind,
                                const std::string& separator = "") {
    const auto path = dir() / ("download." + kind);
    std::ofstream(path, std::ios::binary) << bytes;
    const std::string command = "/usr/bin/python3 " + std::string(PORTAL_FINANCE_TESTS_DIR) +
                                "/read_payment_file.py " + kind + " '" + path.string() + "' '" + separator +
                                "'";
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

const char* kVouchers = R"({"vouchers":[
  {"voucher_number":"F-1","provider_nit":"900000001","payment_date":"2026-03-22","payment_form":"transfer",
   "bank":"Banco; \"Popular\" de Bogotá","account_type":"savings","account_number":"4044236941",
   "document_number":"CE-1","amount_paid":1234567,"pending_to_apply":0,"pending_to_apply_advance":500000,
   "invoices":[
     {"document_type":"FV","invoice_prefix":"FE","invoice_suffix":"1001","invoice_date":"2026-01-15",
      "invoice_value":1300000,"net_value":1250000,"paid_value":1234567,"garnishments":15433,"iva":0,
      "retefuente":26000,"reteica":9100,"crossing_date":"2026-03-20","crossing_document":"ANT-7",
      "crossing_value":1000,"copay":4600,"moderating_fee":3500,"company":"Compañía Ñandú",
      "filing_number":"RAD-1"}]},
  {"voucher_number":"F-2","provider_nit":"900000001","payment_date":"2026-03-23","payment_form":"direct_transfer",
   "document_number":"CE-2","amount_paid":800000,
   "invoices":[{"document_type":"FV","invoice_prefix":"FE","invoice_suffix":"1002","invoice_date":"2026-02-01",
                "invoice_value":800000,"paid_value":800000}]}]})";

const std::vector<std::string> kZonaSer = {"Fecha de Pago",
                                           "Nombre del Banco",
                                           "Tipo de Cuenta",
                                           "Número de Cuenta",
                                           "N° Documento",
                                           "Valor Pago",
                                           "Valor Pendiente por Aplicar",
                                           "Valor Pendiente por Aplicar Anticipo",
                                           "N° Comprobante de Pago / Anticipo",
                                           "Tipo Documento",
                                           "Número de Factura",
                                           "Valor Factura",
                                           "Valor Neto",
                                           "Valor Pagado",
                                           "Descuento Financiero",
                                           "Saldo",
                                           "Embargos",
                                           "IVA",
                                           "Retefuente",
                                           "ReteICA",
                                           "ReteIVA",
                                           "Impuesto Timbre",
                                           "Forma de Pago",
                                           "Fecha Cruce",
                                           "Documento Cruce",
                                           "Valor Cruce",
                                           "Copago",
                                           "Cuota Moderadora"};
const std::vector<std::string> kSos = {"NIT",
                                       "TIPO DE PAGO",
                                       "NÚMERO CUENTA BANCO",
                                       "NÚMERO PAGO",
                                       "FECHA DE PAGO",
                                       "VALOR PAGADO",
                                       "TIPO DOCUMENTO",
                                       "PREFIJO FACTURA",
                                       "SUFIJO FACTURA",
                                       "SUFIJO FACTURA APLICADO",
                                       "FECHA FACTURA",
                                       "VALOR FACTURA",
                                       "IVA",
                                       "RETEFUENTE",
                                       "RETEICA",
                                       "RETEIVA",
                                       "OTROS",
                                       "COMPAÑÍA",
                                       "NO_RADICADO"};

std::vector<std::string> header_texts(const rapidjson::Value& row) {
  std::vector<std::string> out;
  for (const auto& c : row.GetArray()) out.emplace_back(c["v"].GetString());
  return out;
}
std::string type_of(const rapidjson::Value& cell) { return cell["t"].GetString(); }

}  // namespace

TEST_CASE_METHOD(FilesFixture,
                 "FIN-3 voucher XLSX, Zona Ser layout: real dates, integer money, accents, N/A") {
  REQUIRE(post("/api/v1/payments/imports", kVouchers, employee("finance")).status == 200);
  const auto id = std::to_string(count("SELECT id FROM payment_vouchers WHERE voucher_number = 'F-1'"));
  auto r = get("/api/v1/payments/" + id + "/invoices.xlsx", provider_admin());
  REQUIRE(r.status == 200);
  CHECK(r.content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const auto disposition = r.header("Content-Disposition");
  CHECK(disposition == "attachment; filename=\"Resumen-Facturas-Pagas_20260325100000.xlsx\"");  // Bogotá time
  auto doc = read_back(r.body, "xlsx");
  const auto& rows = doc["rows"];
  REQUIRE(rows.Size() == 2);
  CHECK(header_texts(rows[0]) == kZonaSer);
  const auto& line = rows[1];
  CHECK(type_of(line[0]) == "date");
  CHECK(std::string(line[0]["v"].GetString()) == "2026-03-22");
  CHECK(std::string(line[0]["f"].GetString()) == "dd/mm/yyyy");
  CHECK(std::string(line[1]["v"].GetString()) == "Banco; \"Popular\" de Bogotá");
  CHECK(std::string(line[2]["v"].GetString()) == "Ahorros");
  CHECK(type_of(line[5]) == "int");
  CHECK(line[5]["v"].GetInt64() == 1234567);
  CHECK(std::string(line[5]["f"].GetString()) == "#,##0");
  CHECK(line[16]["v"].GetInt64() == 15433);  // Embargos
  CHECK(std::string(line[22]["v"].GetString()) == "Transferencia Electrónica");
  CHECK(type_of(line[23]) == "date");  // Fecha Cruce

  const auto giro = std::to_string(count("SELECT id FROM payment_vouchers WHERE voucher_number = 'F-2'"));
  auto g = read_back(get("/api/v1/payments/" + giro + "/invoices.xlsx", provider_admin()).body, "xlsx");
  for (int c : {1, 2, 3}) CHECK(std::string(g["rows"][1][c]["v"].GetString()) == "N/A");
  CHECK(std::string(g["rows"][1][22]["v"].GetString()) == "Giro Directo/Cesión");
}

TEST_CASE_METHOD(FilesFixture, "FIN-3 voucher XLSX, SOS layout: the 19 columns in the manual's order") {
  REQUIRE(post("/api/v1/payments/imports", kVouchers, employee("finance")).status == 200);
  const auto id = std::to_string(count("SELECT id FROM payment_vouchers WHERE voucher_number = 'F-1'"));
  auto doc = read_back(
      get("/api/v1/payments/" + id + "/invoices.xlsx?layout=sos", delegate({"payments"})).body, "xlsx");
  const auto& rows = doc["rows"];
  REQUIRE(rows.Size() == 2);
  CHECK(header_texts(rows[0]) == kSos);
  CHECK(std::string(rows[1][0]["v"].GetString()) == "900000001");
  CHECK(type_of(rows[1][4]) == "date");
  CHECK(rows[1][5]["v"].GetInt64() == 1234567);
  CHECK(type_of(rows[1][10]) == "date");
  CHECK(std::string(rows[1][17]["v"].GetString()) == "Compañía Ñandú");

  CHECK(get("/api/v1/payments/" + id + "/invoices.xlsx?layout=other", provider_admin()).status == 422);
  // A voucher number Excel would refuse as a sheet name (too long, '/', ':', '[') still makes a file.
  const std::string odd =
      R"({"vouchers":[{"voucher_number":"2026/CE:[0001]-ABCDEFGHIJKLMNO","provider_nit":"900000001",)"
      R"("payment_date":"2026-03-22","payment_form":"direct_transfer","document_number":"X",)"
      R"("amount_paid":1,"invoices":[{"document_type":"FV","invoice_suffix":"1","invoice_value":1,)"
      R"("paid_value":1}]}]})";
  REQUIRE(post("/api/v1/payments/imports", odd, employee("finance")).status == 200);
  const auto odd_id = std::to_string(count("SELECT id FROM payment_vouchers WHERE document_number = 'X'"));
  auto odd_file =
      read_back(get("/api/v1/payments/" + odd_id + "/invoices.xlsx", provider_admin()).body, "xlsx");
  CHECK(std::string(odd_file["sheets"][0].GetString()) == "Pago 2026CE0001-ABCDEFGHIJKLMNO");
  CHECK(get("/api/v1/payments/" + id + "/invoices.xlsx", delegate({"urgencies"})).status == 403);
  CHECK(
      get("/api/v1/payments/" + id + "/invoices.xlsx", provider_admin("900000002", "080010000201")).status ==
      404);
}

TEST_CASE_METHOD(FilesFixture,
                 "FIN-3 voucher CSV: BOM, RFC 4180 with ';' or ',', quotes and ';' inside fields") {
  REQUIRE(post("/api/v1/payments/imports", kVouchers, employee("finance")).status == 200);
  const auto id = std::to_string(count("SELECT id FROM payment_vouchers WHERE voucher_number = 'F-1'"));
  for (const auto& [param, separator] :
       {std::pair{"%3B", ";"}, std::pair{",", ","}, std::pair{"semicolon", ";"}}) {
    CAPTURE(separator);
    auto r = get("/api/v1/payments/" + id + "/invoices.csv?separator=" + param, provider_admin());
    REQUIRE(r.status == 200);
    CHECK(r.content_type == "text/csv; charset=utf-8");
    auto doc = read_back(r.body, "csv", separator);
    CHECK(doc["bom"].GetBool());
    const auto& rows = doc["rows"];
    REQUIRE(rows.Size() == 2);
    std::vector<std::string> head;
    for (const auto& c : rows[0].GetArray()) head.emplace_back(c.GetString());
    CHECK(head == kZonaSer);
    CHECK(std::string(rows[1][0].GetString()) == "22/03/2026");
    CHECK(std::string(rows[1][1].GetString()) == "Banco; \"Popular\" de Bogotá");
    CHECK(std::string(rows[1][5].GetString()) == "1234567");
  }
}

TEST_CASE_METHOD(FilesFixture, "FIN-3 a period's payments as one XLSX, own provider only, from 2017") {
  REQUIRE(post("/api/v1/payments/imports", kVouchers, employee("finance")).status == 200);
  auto r = get("/api/v1/payments.xlsx?from=2010-01-01&to=2026-03-31", provider_admin());
  REQUIRE(r.status == 200);
  auto doc = read_back(r.body, "xlsx");
  REQUIRE(doc["rows"].Size() == 3);  // header + one line per voucher, oldest first
  CHECK(std::string(doc["rows"][1][0]["v"].GetString()) == "2026-03-22");
  CHECK(std::string(doc["rows"][2][1]["v"].GetString()) == "N/A");
  auto other = read_back(
      get("/api/v1/payments.xlsx?from=2026-01-01&to=2026-03-31", provider_admin("900000002", "080010000201"))
          .body,
      "xlsx");
  CHECK(other["rows"].Size() == 1);  // the header only
  CHECK(get("/api/v1/payments.xlsx", provider_admin()).status == 422);
}

TEST_CASE_METHOD(FilesFixture, "issue 18 metrics: loads by outcome, downloads by format") {
  REQUIRE(post("/api/v1/payments/imports", kVouchers, employee("finance")).status == 200);
  CHECK(post("/api/v1/payments/imports", R"({"vouchers":[]})", employee("finance")).status == 422);
  const auto id = std::to_string(count("SELECT id FROM payment_vouchers WHERE voucher_number = 'F-1'"));
  REQUIRE(get("/api/v1/payments/" + id + "/invoices.xlsx", provider_admin()).status == 200);
  REQUIRE(get("/api/v1/payments/" + id + "/invoices.csv", provider_admin()).status == 200);
  REQUIRE(get("/api/v1/payments/" + id + "/invoices.csv", provider_admin()).status == 200);
  const auto metrics = get("/metrics", "").body;
  for (const char* line : {R"(finance_payment_loads_total{service="finance",outcome="loaded"} 1)",
                           R"(finance_payment_loads_total{service="finance",outcome="invalid"} 1)",
                           R"(finance_payment_loads_total{service="finance",outcome="partial"} 0)",
                           R"(finance_invoice_lines_loaded_total{service="finance"} 2)",
                           R"(finance_downloads_total{service="finance",format="xlsx"} 1)",
                           R"(finance_downloads_total{service="finance",format="csv"} 2)"}) {
    CAPTURE(line);
    CHECK(metrics.find(line) != std::string::npos);
  }
}
