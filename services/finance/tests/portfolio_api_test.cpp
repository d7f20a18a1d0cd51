// FIN-4 through HTTP (issue 19): portfolio requests as jobs, in-process on port 0 next to real auth and
// affiliates, once per database backend. The job runner's thread is off (PORTAL_FINANCE_JOBS=false): the
// tests run its passes themselves, so a job's moments are theirs to choose.
#include <xlsxwriter.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "finance_app.hpp"
#include "portal/documents/xlsx_reader.hpp"
#include "portfolio_rules.hpp"
#include "portfolio_store.hpp"
#include "support/service_fixture.hpp"

using namespace portal;

namespace {

constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr const char* kRequests = "/api/v1/portfolio-requests";

struct Invoice {
  std::string number, prefix, suffix, date;  // date dd/MM/yyyy text, or "" for a real spreadsheet date
  double value = 0, balance = 0;
};

class PortfolioFixture : public portal::test::ServiceFixture<finance::FinanceApp> {
 public:
  PortfolioFixture()
      : ServiceFixture("2026-03-25T15:00:00Z",
                       {"finance", "PORTAL_FINANCE_", "4", {{"PORTAL_FINANCE_JOBS", "false"}}}, {}) {}

  // A workbook of the template's columns (or `header`) and `rows`, plus `extra_sheets` empty sheets.
  std::string workbook(const std::vector<Invoice>& rows, int extra_sheets = 0,
                       std::vector<std::string> header = {}) {
    const auto path = (dir() / ("upload-" + std::to_string(++files_) + ".xlsx")).string();
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Facturas");
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "dd/mm/yyyy");
    if (header.empty()) header.assign(finance::kPortfolioColumns.begin(), finance::kPortfolioColumns.end());
    for (std::size_t c = 0; c < header.size(); ++c)
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), header[c].c_str(), nullptr);
    lxw_row_t r = 1;
    for (const auto& i : rows) {
      worksheet_write_string(ws, r, 0, i.number.c_str(), nullptr);
      if (!i.prefix.empty()) worksheet_write_string(ws, r, 1, i.prefix.c_str(), nullptr);
      worksheet_write_string(ws, r, 2, i.suffix.c_str(), nullptr);
      if (i.date.empty()) {
        lxw_datetime d{2026, 3, 1, 0, 0, 0};
        worksheet_write_datetime(ws, r, 3, &d, date);
      } else {
        worksheet_write_string(ws, r, 3, i.date.c_str(), nullptr);
      }
      worksheet_write_number(ws, r, 4, i.value, nullptr);
      worksheet_write_number(ws, r, 5, i.balance, nullptr);
      ++r;
    }
    for (int s = 0; s < extra_sheets; ++s) workbook_add_worksheet(wb, ("Otra" + std::to_string(s)).c_str());
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
    return service::testing::request(app->port(), "POST", kRequests, bytes,
                                     token.empty() ? provider_admin() : token, kXlsx, headers);
  }
  HttpResult load_invoices(const std::string& invoices) {
    return post("/api/v1/portfolio-invoices/imports", R"({"invoices":[)" + invoices + "]}",
                employee("finance"));
  }
  std::filesystem::path files() const { return dir() / "data" / "portfolio"; }
  std::size_t stored_files() const {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(files())) ++n;
    return n;
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

 private:
  int files_ = 0;
};

std::vector<Invoice> invoices(int n) {
  std::vector<Invoice> out;
  for (int i = 1; i <= n; ++i)
    out.push_back({"FE" + std::to_string(i), "FE", std::to_string(i % 10000), "", 1000, 500});
  return out;
}

}  // namespace

TEST_CASE_METHOD(PortfolioFixture,
                 "FIN-4 the template has the six columns of manual 003 §6.1; 403 without the module") {
  const auto res = get(std::string(kRequests) + "/template.xlsx", provider_admin());
  REQUIRE(res.status == 200);
  CHECK(res.content_type.starts_with(kXlsx));
  const auto rows = rows_of(res.body);
  REQUIRE(rows.size() == 1);
  REQUIRE(rows[0].cells.size() == 6);
  for (std::uint32_t c = 0; c < 6; ++c) CHECK(rows[0].cells[c].text == finance::kPortfolioColumns[c]);
  CHECK(get(std::string(kRequests) + "/template.xlsx", delegate({"payments"})).status == 403);
  CHECK(upload(workbook(invoices(1)), delegate({"payments"})).status == 403);
  CHECK(upload(workbook(invoices(1)), employee("finance")).status == 403);  // the EPS reads, providers file
}

TEST_CASE_METHOD(
    PortfolioFixture,
    "FIN-4 a request runs as a job: 202, progress, the result with the EPS's state and per-row errors, "
    "two e-mails, tenant isolation") {
  REQUIRE(
      load_invoices(
          R"({"provider_nit":"900000001","invoice_prefix":"FE","invoice_suffix":"1","filed_on":"2026-03-05",)"
          R"("status":"glosa","invoice_value":1000,"glosa_value":200,"paid_value":300,"balance":500})")
          .status == 200);
  const auto res = upload(workbook({{"FE1", "FE", "1", "", 1000, 700},
                                    {"FE2", "FE", "2", "05/03/2026", 2000, 2000},
                                    {"FE3", "FE", "3A", "31/02/2026", 1.5, 10}}),
                          "", "", "attachment; filename*=UTF-8''cartera%20marzo%20%C3%B1.xlsx");
  REQUIRE(res.status == 202);
  const std::string id = std::to_string(res.json["id"].GetInt64());
  CHECK(res.str("file_name") == "cartera marzo ñ.xlsx");  // the provider's own name for the upload
  CHECK(count("SELECT COUNT(*) FROM mail_outbox WHERE body LIKE '%(archivo cartera marzo ñ.xlsx)%'") == 1);
  CHECK(res.header("Location") == std::string(kRequests) + "/" + id);
  CHECK(res.str("status") == "queued");
  CHECK(res.json["progress"].GetInt() == 0);
  CHECK(res.json["row_count"].GetInt() == 3);
  CHECK(count("SELECT COUNT(*) FROM mail_outbox WHERE subject LIKE '%registrada%'") == 1);

  CHECK(get(std::string(kRequests) + "/" + id + "/result.xlsx", provider_admin()).status == 409);
  REQUIRE(app->portfolio_runner().run_due() == 1);
  const auto done = get(std::string(kRequests) + "/" + id, provider_admin());
  REQUIRE(done.status == 200);
  CHECK(done.str("status") == "completed");
  CHECK(done.json["progress"].GetInt() == 100);
  CHECK(done.json["processed_rows"].GetInt() == 3);
  CHECK(done.json["rows_with_errors"].GetInt() == 1);
  CHECK(done.str("result_url") == std::string(kRequests) + "/" + id + "/result.xlsx");
  CHECK(count("SELECT COUNT(*) FROM mail_outbox WHERE subject LIKE '%procesado%' AND recipient = "
              "'urgencias@ipsdemo.example'") == 1);
  // The job's end as an event for the provider's SSE stream and webhooks (issue 19, via portal-events).
  CHECK(
      count("SELECT COUNT(*) FROM event_outbox WHERE type = 'portfolio_request.finished' AND provider_nit = "
            "'900000001' AND payload LIKE '%\"status\":\"completed\"%' AND payload LIKE "
            "'%\"progress\":100%'") == 1);

  const auto file = get(std::string(kRequests) + "/" + id + "/result.xlsx", provider_admin());
  REQUIRE(file.status == 200);
  const auto rows = rows_of(file.body);
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].at(6)->text == "Estado EPS");
  CHECK(rows[0].at(12)->text == "Errores");
  CHECK(rows[1].at(6)->text == "Glosada");
  CHECK(rows[1].at(10)->number == 500);  // the EPS's balance
  CHECK(rows[1].at(11)->number == 200);  // the provider's 700 against the EPS's 500
  CHECK(rows[2].at(6)->text == "No registrada en la EPS");
  CHECK(rows[2].at(3)->date == documents::xlsx::DateTime{2026, 3, 5});
  REQUIRE(rows[3].at(12) != nullptr);
  CHECK(rows[3].at(12)->text.find("Sufijo") != std::string::npos);
  CHECK(rows[3].at(12)->text.find("Fecha factura") != std::string::npos);
  CHECK(rows[3].at(12)->text.find("Valor factura") != std::string::npos);

  // Another provider, and its integrator: 404, never a hint.
  CHECK(get(std::string(kRequests) + "/" + id, provider_admin("900000002", "080010000201")).status == 404);
  CHECK(get(std::string(kRequests) + "/" + id + "/result.xlsx", client({"portfolio"}, "900000002")).status ==
        404);
  CHECK(get(std::string(kRequests) + "/" + id, employee("finance")).status == 200);
  CHECK(get(std::string(kRequests) + "/999999", provider_admin()).status == 404);
}

TEST_CASE_METHOD(PortfolioFixture,
                 "FIN-4 a file the template does not fit is 422 naming the file; nothing is stored") {
  auto header =
      std::vector<std::string>(finance::kPortfolioColumns.begin(), finance::kPortfolioColumns.end());
  header[3] = "Fecha";
  struct Case {
    const char* what;
    std::string bytes;
    const char* code;
  };
  const std::vector<Case> cases{
      {"not a spreadsheet", "<html><script>alert(1)</script></html>", "not_xlsx"},
      {"two sheets", workbook(invoices(2), 1), "portfolio_sheets"},
      {"another header", workbook(invoices(2), 0, header), "portfolio_columns"},
      {"no invoices", workbook({}), "empty_file"},
      {"50,001 invoices", workbook(invoices(50001)), "too_many_rows"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.what);
    const auto res = upload(c.bytes);
    CHECK(res.status == 422);
    CHECK(res.error_fields() == std::vector<std::string>{std::string("file:") + c.code});
  }
  CHECK(count("SELECT COUNT(*) FROM portfolio_requests") == 0);
  CHECK(stored_files() == 0);
  CHECK(upload(workbook(invoices(50000))).status == 202);  // the limit itself is accepted
}

TEST_CASE_METHOD(
    PortfolioFixture,
    "FIN-4 the fourth request of a Bogotá day is 429 until Bogotá midnight; the next day is accepted") {
  const auto file = workbook(invoices(2));
  // A keyed retry replays the first answer and counts once.
  const auto first = upload(file, "", "cartera-1");
  REQUIRE(first.status == 202);
  const auto retry = upload(file, "", "cartera-1");
  CHECK(retry.status == 202);
  CHECK(retry.header("Idempotent-Replayed") == "true");
  CHECK(retry.json["id"].GetInt64() == first.json["id"].GetInt64());
  CHECK(upload(workbook(invoices(3)), "", "cartera-1").status == 409);  // the same key, another file
  for (int i = 0; i < 2; ++i) REQUIRE(upload(file).status == 202);
  const auto refused = upload(file);
  REQUIRE(refused.status == 429);
  CHECK(refused.str("code") == "portfolio_daily_limit");
  CHECK(refused.header("Retry-After") == "50400");  // 10:00 in Bogotá → 14 h to midnight
  CHECK(count("SELECT COUNT(*) FROM portfolio_requests") == 3);
  CHECK(stored_files() == 3);
  // Another provider has its own quota.
  CHECK(upload(file, client({"portfolio"}, "900000002")).status == 202);
  clock.set(*core::parse_rfc3339("2026-03-26T04:59:59Z"));  // 23:59:59 in Bogotá: still the same day
  CHECK(upload(file).status == 429);
  clock.set(*core::parse_rfc3339("2026-03-26T05:00:00Z"));  // midnight in Bogotá
  CHECK(upload(file).status == 202);
}

TEST_CASE_METHOD(PortfolioFixture,
                 "FIN-4 a job whose runner died mid-way is taken again and completes exactly once") {
  const auto res = upload(workbook(invoices(12000)));
  REQUIRE(res.status == 202);
  const long long id = res.json["id"].GetInt64();
  // A runner claimed it and died after some progress: its lease has run out.
  const long long now_ms = clock.now().time_since_epoch().count();
  app->database().write([&](db::Connection& c) {
    REQUIRE(finance::portfolio_store::claim(c, id, "dead-runner", now_ms - 1, now_ms - 60000));
    REQUIRE(finance::portfolio_store::progress(c, id, "dead-runner", 5000, now_ms - 1));
  });
  // A half-written result the dead runner left behind is swept at start-up, and never served.
  std::ofstream(files() / (".result-" + std::to_string(id) + ".xlsx.partial")) << "half";
  restart({{"PORTAL_FINANCE_JOBS", "false"}});
  CHECK(stored_files() == 1);  // only the upload
  CHECK(get(std::string(kRequests) + "/" + std::to_string(id) + "/result.xlsx", provider_admin()).status ==
        409);
  REQUIRE(app->portfolio_runner().run_due() == 1);
  CHECK(app->portfolio_runner().run_due() == 0);
  const auto done = get(std::string(kRequests) + "/" + std::to_string(id), provider_admin());
  CHECK(done.str("status") == "completed");
  CHECK(done.json["processed_rows"].GetInt() == 12000);
  CHECK(count("SELECT attempts FROM portfolio_requests") == 2);
  CHECK(count("SELECT COUNT(*) FROM mail_outbox WHERE subject LIKE '%procesado%'") == 1);
  // Issue 19 events: the new runner's progress at 5,000 and 10,000 rows, then one end (SSE, webhooks).
  CHECK(count("SELECT COUNT(*) FROM event_outbox WHERE type = 'portfolio_request.progress'") == 2);
  CHECK(count("SELECT COUNT(*) FROM event_outbox WHERE type = 'portfolio_request.progress' AND payload LIKE "
              "'%\"processed_rows\":10000,%' AND payload LIKE '%\"progress\":83,%'") == 1);
  CHECK(count("SELECT COUNT(*) FROM event_outbox WHERE type = 'portfolio_request.finished'") == 1);
  const auto file = get(std::string(kRequests) + "/" + std::to_string(id) + "/result.xlsx", provider_admin());
  REQUIRE(file.status == 200);
  CHECK(rows_of(file.body).size() == 12001);
  // A runner that still believed it held the job can no longer complete or fail it.
  app->database().write([&](db::Connection& c) {
    CHECK_FALSE(finance::portfolio_store::complete(c, id, "dead-runner", 1, 0, now_ms));
    CHECK_FALSE(finance::portfolio_store::fail(c, id, "dead-runner", "late", now_ms));
  });
}

TEST_CASE_METHOD(PortfolioFixture, "FIN-4 the ERP's invoice view: every bad field named, a reload replaces") {
  const auto bad = load_invoices(
      R"({"provider_nit":"9A","invoice_suffix":"1","status":"lost","invoice_value":1.5,"balance":-1})");
  REQUIRE(bad.status == 422);
  CHECK(bad.error_fields() == std::vector<std::string>{"invoices[0].provider_nit:not_numeric",
                                                       "invoices[0].status:invalid_value",
                                                       "invoices[0].invoice_value:invalid_type",
                                                       "invoices[0].balance:out_of_range"});
  const std::string ok =
      R"({"provider_nit":"900000001","invoice_suffix":"7","status":"filed","invoice_value":10,"balance":10})";
  auto first = load_invoices(ok);
  REQUIRE(first.status == 200);
  CHECK(first.json["created"].GetInt() == 1);
  auto again = load_invoices(
      ok + "," +
      R"({"provider_nit":"900000001","invoice_suffix":"8","status":"paid","invoice_value":10,"paid_value":10,"balance":0})");
  CHECK(again.json["created"].GetInt() == 1);
  CHECK(again.json["replaced"].GetInt() == 1);
  CHECK(count("SELECT COUNT(*) FROM portfolio_invoices") == 2);
  CHECK(load_invoices(ok).status == 200);
  CHECK(post("/api/v1/portfolio-invoices/imports", R"({"invoices":[]})", provider_admin()).status == 403);
}
