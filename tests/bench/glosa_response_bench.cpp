// Issue 19 performance target: a 10,000-row glosa response (FIN-6) from upload to result file under 3 s, on
// the finance service's own code (no HTTP in between, as portfolio_bench): the file checks, the durable
// upload, the job row, then the job — every row read, checked against its stored line and its invoice, the
// result with «Resultado del Cargue» written and made durable, the answers recorded in one transaction.
// Usage: glosa_response_bench [database URL]   (default: a fresh SQLite file under /tmp)
#include <xlsxwriter.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "finance_app.hpp"
#include "glosa_response_file.hpp"
#include "glosa_response_runner.hpp"
#include "glosa_store.hpp"
#include "portal/core/durable_file.hpp"

using namespace portal;
using namespace portal::finance;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kRows = 10000;

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

Conciliation conciliation(long long number) {
  Conciliation k;
  k.number = number;
  k.provider_nit = "900000001";
  k.notified_on = "2026-03-13";
  k.response_deadline = "2026-04-08";
  k.generation = GlosaGeneration::res2284;
  for (int i = 1; i <= kRows; ++i) {
    GlosaLine l;
    l.invoice_prefix = "FE";
    l.invoice_suffix = std::to_string(i);
    l.debit_note = "ND-" + std::to_string(i);
    l.detail_id = "1";
    l.concept_code = "FA0701";
    l.glosa_value = 1000 + i;
    l.cells.assign(kGlosaColumnCount, "");
    l.cells[5] = "FE" + std::to_string(i);
    l.cells[20] = std::to_string(l.glosa_value);
    k.lines.push_back(std::move(l));
  }
  return k;
}

// The download's 50 headers and kRows answers, every glosa accepted in full.
std::string answered_file(const std::filesystem::path& path, long long number) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Detalle de Glosa");
  const auto headers = glosa_headers();
  for (std::size_t c = 0; c < headers.size(); ++c)
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), headers[c].c_str(), nullptr);
  for (int r = 1; r <= kRows; ++r) {
    worksheet_write_string(ws, r, 0, "900000001", nullptr);
    worksheet_write_string(ws, r, 5, ("FE" + std::to_string(r)).c_str(), nullptr);
    worksheet_write_number(ws, r, 20, 1000 + r, nullptr);
    worksheet_write_string(ws, r, 23, "FA0701", nullptr);
    worksheet_write_string(ws, r, 32, "1", nullptr);
    worksheet_write_number(ws, r, 37, 1000 + r, nullptr);
    worksheet_write_number(ws, r, 38, 0, nullptr);
    worksheet_write_string(ws, r, 40, "se acepta glosa por mayor valor cobrado", nullptr);
    worksheet_write_number(ws, r, 49, static_cast<double>(number), nullptr);
  }
  workbook_close(wb);
  return core::read_whole_file(path.string());
}

}  // namespace

int main(int argc, char** argv) {
  const auto dir = std::filesystem::temp_directory_path() / "portal-glosa-bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "glosas");
  std::printf("load average at start: %s\n", load_average().c_str());
  db::DatabaseOptions options;
  options.url = argc > 1 ? argv[1] : "sqlite:" + (dir / "finance.db").string();
  auto db = db::Database::open(options, finance_migrations());
  std::printf("database %s\n", db->description().c_str());
  core::SystemClock clock;
  core::Logger logger("finance", core::LogLevel::error);
  GlosaResponseRunner runner(
      *db, clock, logger, nullptr,
      GlosaResponseRunnerOptions{(dir / "glosas").string(), dir.string(), "http://localhost"});
  for (int run = 0; run < 3; ++run) {
    const long long number = 5000 + run;
    db->write([&](db::Connection& c) { glosa_store::upsert(c, conciliation(number), 0, "bench"); });
    const std::string file = answered_file(dir / ("answered-" + std::to_string(run) + ".xlsx"), number);
    const auto start = Clock::now();
    const auto check = check_glosa_response_file(file);
    if (!check.errors.empty()) {
      std::printf("file refused: %s\n", check.errors.front().code.c_str());
      return 1;
    }
    glosa_store::GlosaResponseJob job;
    job.provider_nit = "900000001";
    job.requested_by = "bench";
    job.file_name = "upload-" + std::to_string(run) + ".xlsx";
    job.sheet = check.sheet;
    job.row_count = static_cast<long long>(check.rows);
    core::write_file_durably((dir / "glosas").string(), job.file_name, file);
    const long long id = db->write([&](db::Connection& c) { return glosa_store::create_response(c, job); });
    const double accepted = seconds_since(start);
    const int ran = runner.run_due();
    const double total = seconds_since(start);
    const auto done = db->read([&](db::Connection& c) { return glosa_store::find_response(c, id); });
    std::printf(
        "glosa response %d rows: accepted (checks, durable upload, row) %.3f s; job %.3f s; upload to result "
        "file %.3f s (%d job, %s, %lld loaded, %lld refused, file %.2f MB) — target < 3 s\n",
        kRows, accepted, total - accepted, total, ran, done ? done->status.c_str() : "?",
        done ? done->rows_loaded : -1, done ? done->rows_refused : -1, file.size() / 1e6);
  }
  std::printf("load average at end: %s\n", load_average().c_str());
  return 0;
}
