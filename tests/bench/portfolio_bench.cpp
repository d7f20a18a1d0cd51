// Issue 19 performance targets, on the finance service's own code (no HTTP in between: the gateway and
// server add well under a millisecond, docs/performance.md):
//   1. the XLSX reader's throughput on a 50,000-row file (rows per second), and its peak RSS on files of
//      10,000, 50,000 and 200,000 rows, each read in a child process: it streams, so RSS stays flat;
//   2. a 50,000-row portfolio request from upload to result file (the file checks, the durable upload, the
//      request row, then the job: every row read, looked up among 50,000 EPS invoices, the result written
//      and made durable) — target under 3 s.
// Usage: portfolio_bench [database URL]   (default: a fresh SQLite file under /tmp)
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "finance_app.hpp"
#include "portal/core/durable_file.hpp"
#include "portal/documents/xlsx_reader.hpp"
#include "portfolio_file.hpp"
#include "portfolio_runner.hpp"
#include "portfolio_store.hpp"

using namespace portal;
using namespace portal::finance;
using Clock = std::chrono::steady_clock;

namespace {

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::string portfolio_file(const std::filesystem::path& path, int rows) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Facturas");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "dd/mm/yyyy");
  for (std::size_t c = 0; c < kPortfolioColumns.size(); ++c)
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), std::string(kPortfolioColumns[c]).c_str(), nullptr);
  lxw_datetime d{2026, 3, 1, 0, 0, 0};
  for (int r = 1; r <= rows; ++r) {
    const std::string n = std::to_string(r);
    worksheet_write_string(ws, r, 0, ("FE" + n).c_str(), nullptr);
    worksheet_write_string(ws, r, 1, "FE", nullptr);
    worksheet_write_string(ws, r, 2, std::to_string(r % 10000).c_str(), nullptr);
    worksheet_write_datetime(ws, r, 3, &d, date);
    worksheet_write_number(ws, r, 4, 1000000 + r, nullptr);
    worksheet_write_number(ws, r, 5, 500000, nullptr);
  }
  workbook_close(wb);
  return core::read_whole_file(path.string());
}

// Peak RSS (KiB) of a child that reads the file through the reader and nothing else.
long child_peak_rss_kib(const std::string& bytes) {
  const pid_t pid = fork();
  if (pid == 0) {
    auto wb = documents::xlsx::Workbook::open(bytes);
    std::size_t cells = 0;
    const auto error = wb->read_rows({}, [&](const documents::xlsx::Row& r) {
      cells += r.cells.size();
      return true;
    });
    _exit(error || cells == 0 ? 1 : 0);
  }
  int status = 0;
  struct rusage usage {};
  wait4(pid, &status, 0, &usage);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? usage.ru_maxrss : -1;
}

}  // namespace

int main(int argc, char** argv) {
  const auto dir = std::filesystem::temp_directory_path() / "portal-portfolio-bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "portfolio");
  std::printf("load average at start: %s\n", load_average().c_str());

  // 1. Reader throughput and RSS.
  std::string file50k;
  for (const int rows : {10000, 50000, 200000}) {
    const auto bytes = portfolio_file(dir / ("rows" + std::to_string(rows) + ".xlsx"), rows);
    if (rows == 50000) file50k = bytes;
    const long parent_rss = [] {
      struct rusage u {};
      getrusage(RUSAGE_SELF, &u);
      return u.ru_maxrss;
    }();
    std::printf("reader %6d rows: file %7.2f MB, child peak RSS %6.1f MB (bench process %6.1f MB, forked)\n", rows,
                bytes.size() / 1e6, child_peak_rss_kib(bytes) / 1024.0, parent_rss / 1024.0);
  }
  for (int run = 0; run < 3; ++run) {
    const auto start = Clock::now();
    auto wb = documents::xlsx::Workbook::open(file50k);
    std::size_t rows = 0;
    (void)wb->read_rows({}, [&](const documents::xlsx::Row&) {
      ++rows;
      return true;
    });
    const double s = seconds_since(start);
    std::printf("reader 50,000 rows: %.3f s, %.0f rows/s\n", s, rows / s);
  }

  // 2. Upload to result file.
  db::DatabaseOptions options;
  options.url = argc > 1 ? argv[1] : "sqlite:" + (dir / "finance.db").string();
  auto db = db::Database::open(options, finance_migrations());
  std::printf("database %s\n", db->description().c_str());
  db->write([&](db::Connection& c) {
    for (int i = 1; i <= 50000; ++i) {
      PortfolioInvoice v{"900000001", "FE", std::to_string(i % 10000) + (i > 9999 ? "x" + std::to_string(i) : ""),
                         "FE" + std::to_string(i), "2026-03-05", "glosa", 1000000, 200000, 300000, 500000, {}};
      portfolio_store::upsert_invoice(c, v, 0, "bench");
    }
  });
  core::SystemClock clock;
  core::Logger logger("finance", core::LogLevel::error);
  PortfolioRunner runner(*db, clock, logger, nullptr,
                         PortfolioRunnerOptions{(dir / "portfolio").string(), dir.string(), "http://localhost"});
  for (int run = 0; run < 3; ++run) {
    const auto start = Clock::now();
    const auto check = check_portfolio_file(file50k);
    if (check.error) {
      std::printf("file refused: %s\n", check.error->code.c_str());
      return 1;
    }
    PortfolioRequest r;
    r.provider_nit = "900000001";
    r.requested_by = "bench";
    r.bogota_day = "2026-03-25";
    r.file_name = "upload-" + std::to_string(run) + ".xlsx";
    r.content_sha256 = "-";
    r.row_count = static_cast<long long>(check.rows);
    core::write_file_durably((dir / "portfolio").string(), r.file_name, file50k);
    db->write([&](db::Connection& c) { portfolio_store::create(c, r); });
    const double accepted = seconds_since(start);
    const int ran = runner.run_due();
    const double total = seconds_since(start);
    std::printf("portfolio 50,000 rows: accepted (checks, durable upload, row) %.3f s; job %.3f s; upload to result "
                "file %.3f s (%d job, result %.2f MB) — target < 3 s\n",
                accepted, total - accepted, total, ran,
                std::filesystem::file_size(portfolio_result_path((dir / "portfolio").string(), run + 1)) / 1e6);
  }
  std::printf("load average at end: %s\n", load_average().c_str());
  return 0;
}
