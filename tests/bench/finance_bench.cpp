// Issue 18 performance targets, measured on the finance service's own code (no HTTP in between; the
// gateway and server add ~0.1-0.3 ms per request, docs/performance.md):
//   1. a bulk load of 1,000,000 invoice lines (ten JSON bodies of 100,000 lines: parse, read every voucher,
//      write each body in one transaction, as POST /api/v1/payments/imports does) — target under 60 s;
//   2. the period query of one provider over those 1,000,000 lines (page of 20 + count + total paid, the
//      two statements GET /api/v1/payments runs) — target p99 under 10 ms;
//   3. a 10,000-line voucher as XLSX (table + libxlsxwriter + reading the file back) — target under 1 s,
//      with the file's size.
// Usage: finance_bench [database URL]   (default: a fresh SQLite file under /tmp)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "finance_app.hpp"
#include "payment_load.hpp"
#include "payment_sheet.hpp"
#include "payment_store.hpp"
#include "portal/core/clock.hpp"
#include "portal/json/json.hpp"
#include "sheet_files.hpp"

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

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// `vouchers` vouchers of `lines` lines each for NIT 900000001, numbered from `first`, dated over 2025-2026.
std::string body(int first, int vouchers, int lines) {
  std::string out = R"({"vouchers":[)";
  for (int v = 0; v < vouchers; ++v) {
    const int n = first + v;
    const int day_of_year = n % 365;
    const auto date = core::format_date(std::chrono::year_month_day{
        std::chrono::sys_days{std::chrono::year{2025} / std::chrono::January / 1} +
        std::chrono::days{day_of_year}});
    if (v) out += ",";
    out += R"({"voucher_number":"B)" + std::to_string(n) +
           R"(","provider_nit":"900000001","payment_date":")" + date +
           R"(","payment_form":"transfer","bank":"Bancolombia","account_type":"savings",)"
           R"("account_number":"4044236941","document_number":"CE-)" +
           std::to_string(n) + R"(","amount_paid":)" + std::to_string(lines * 1000000LL) + R"(,"invoices":[)";
    for (int l = 0; l < lines; ++l) {
      if (l) out += ",";
      out += R"({"document_type":"FV","invoice_prefix":"FE","invoice_suffix":")" +
             std::to_string(n * 1000 + l) + R"(","invoice_date":")" + date +
             R"(","invoice_value":1200000,"net_value":1100000,"paid_value":1000000,"garnishments":0,)"
             R"("iva":0,"retefuente":24000,"reteica":8400,"copay":0,"moderating_fee":3500,"company":"EPS",)"
             R"("filing_number":"RAD-1"})";
    }
    out += "]}";
  }
  return out + "]}";
}

}  // namespace

int main(int argc, char** argv) {
  const auto dir = std::filesystem::temp_directory_path() / "portal-finance-bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  db::DatabaseOptions options;
  options.url = argc > 1 ? argv[1] : "sqlite:" + (dir / "finance.db").string();
  auto db = db::Database::open(options, finance_migrations());
  std::printf("database %s\nload average at start: %s\n", db->description().c_str(), load_average().c_str());

  // 1. Bulk load.
  constexpr int kBodies = 10, kVouchersPerBody = 200, kLinesPerVoucher = 500;
  double load_seconds = 0;
  long long lines_loaded = 0;
  const core::SystemClock clock;
  for (int b = 0; b < kBodies; ++b) {
    const auto text = body(b * kVouchersPerBody, kVouchersPerBody, kLinesPerVoucher);
    const auto start = Clock::now();
    auto parsed = json::parse(text);
    core::FieldErrors body_errors;
    auto read = read_load_json(parsed.doc, body_errors);
    if (!body_errors.empty() || read.rejected) {
      std::fprintf(stderr, "bench body refused\n");
      return 1;
    }
    db->write([&](db::Connection& c) {
      for (auto& v : read.accepted) {
        payment_store::upsert(c, v, clock.now(), "bench");
        lines_loaded += static_cast<long long>(v.lines.size());
      }
    });
    load_seconds += seconds_since(start);
    if (b == 0) std::printf("one body: %.1f MB of JSON\n", static_cast<double>(text.size()) / 1e6);
  }
  std::printf("bulk load: %lld lines in %.1f s (%.0f lines/s); load average %s\n", lines_loaded, load_seconds,
              static_cast<double>(lines_loaded) / load_seconds, load_average().c_str());

  // 2. Period query: months, quarters and the whole year, newest first, page 1 and a later page.
  std::mt19937 random(18);
  std::vector<double> ms;
  const char* periods[][2] = {{"2025-01-01", "2025-01-31"},
                              {"2025-04-01", "2025-06-30"},
                              {"2025-01-01", "2025-12-31"},
                              {"2016-01-01", "2026-12-31"},
                              {"2025-11-01", "2025-11-30"}};
  for (int i = 0; i < 3000; ++i) {
    const auto& p = periods[random() % 5];
    payment_store::PeriodQuery q{std::string("900000001"), p[0], p[1], 20,
                                 static_cast<long long>(random() % 2) * 100};
    const auto start = Clock::now();
    auto [items, totals] = db->read([&](db::Connection& c) {
      return std::pair{payment_store::list_period(c, q), payment_store::period_totals(c, q)};
    });
    ms.push_back(seconds_since(start) * 1000);
    if (items.empty() && totals.count > 100) return 1;
  }
  std::sort(ms.begin(), ms.end());
  auto at = [&](double f) { return ms[static_cast<std::size_t>(f * static_cast<double>(ms.size() - 1))]; };
  std::printf(
      "period query (3000, one thread): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; load average "
      "%s\n",
      at(0.5), at(0.9), at(0.99), ms.back(), load_average().c_str());

  // 3. A 10,000-line voucher as XLSX (and CSV, for comparison).
  const auto big = body(900000, 1, 10000);
  auto parsed = json::parse(big);
  core::FieldErrors body_errors;
  auto read = read_load_json(parsed.doc, body_errors);
  db->write([&](db::Connection& c) { payment_store::upsert(c, read.accepted.at(0), clock.now(), "bench"); });
  const long long id = read.accepted[0].id;
  std::vector<double> xlsx_s;
  std::size_t size = 0, csv_size = 0;
  double csv_s = 0;
  for (int i = 0; i < 5; ++i) {
    const auto start = Clock::now();
    auto [voucher, lines] = db->read([&](db::Connection& c) {
      return std::pair{*payment_store::find(c, id, std::string("900000001")),
                       payment_store::lines(c, id, -1, 0)};
    });
    Table t;
    append_voucher(t, i % 2 ? Layout::sos : Layout::zonaser, voucher, lines);
    size = to_xlsx(t, "Pago", dir.string()).size();
    xlsx_s.push_back(seconds_since(start));
    const auto csv_start = Clock::now();
    csv_size = to_csv(t, ';').size();
    csv_s = seconds_since(csv_start);
  }
  std::sort(xlsx_s.begin(), xlsx_s.end());
  std::printf(
      "10,000-line voucher as XLSX: median %.3f s, max %.3f s, %.0f KB (CSV from the same table: %.3f s, "
      "%.0f KB); load average %s\n",
      xlsx_s[2], xlsx_s.back(), static_cast<double>(size) / 1024, csv_s, static_cast<double>(csv_size) / 1024,
      load_average().c_str());
  std::filesystem::remove_all(dir);
  return 0;
}
