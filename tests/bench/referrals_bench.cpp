// Issue 16 performance target, measured on the referrals service's own store (no HTTP in between; the gateway
// and server add ~0.1-0.3 ms per request, docs/performance.md): the destination IPS's worklist — list by
// destination provider and state, page of 20 + count, the two statements GET /api/v1/referrals runs — over
// 1,000,000 referrals, p99 under 10 ms. The rows: 200 destination providers (one of them, the busiest, with
// 10 % of all referrals), states 10 % open, 10 % in process, 80 % closed, over two years. Usage:
// referrals_bench [database URL] [rows]   (default: a fresh SQLite file under /tmp, 1,000,000 rows)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "portal/catalog/catalogs.hpp"
#include "referral_store.hpp"
#include "referrals_app.hpp"

using namespace portal;
using namespace portal::referrals;
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

std::string nit_of(int provider) { return std::to_string(800000000 + provider); }

}  // namespace

int main(int argc, char** argv) {
  const auto dir = std::filesystem::temp_directory_path() / "portal-referrals-bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  db::DatabaseOptions options;
  options.url =
      argc > 1 && std::string(argv[1]) != "-" ? argv[1] : "sqlite:" + (dir / "referrals.db").string();
  const long long rows = argc > 2 ? std::atoll(argv[2]) : 1000000;
  auto db = db::Database::open(options, referrals_migrations());
  const auto catalogs = catalog::Catalogs::embedded();
  std::printf("database %s, %lld referrals\nload average at start: %s\n", db->description().c_str(), rows,
              load_average().c_str());

  // 1. Rows, straight through the store in batches (one prepared insert; the steps table stays empty: the
  // list
  //    reads the referrals table only).
  std::mt19937_64 random(16);
  const auto start_load = Clock::now();
  const auto t0 = core::Instant{std::chrono::milliseconds{1767225600000LL}};  // 2026-01-01
  constexpr long long kBatch = 20000;
  for (long long first = 0; first < rows; first += kBatch) {
    db->write([&](db::Connection& c) {
      for (long long i = first; i < std::min(rows, first + kBatch); ++i) {
        const int destination = random() % 10 == 0 ? 0 : 1 + static_cast<int>(random() % 199);
        const auto roll = random() % 10;
        const char* status = roll == 0 ? "open" : roll == 1 ? "in_process" : "closed";
        const auto at = t0 + std::chrono::minutes(i);  // about two years of registrations
        // A closed referral's affiliate key is free; open ones get a unique key each.
        c.exec(
            "INSERT INTO referrals (status, version, affiliate_key, document_type, document_number, "
            "child_number, "
            "referral_type, requested_service, pos, origin_nit, origin_department_code, "
            "origin_municipality_code, "
            "destination_nit, destination_department_code, destination_municipality_code, initial_data, "
            "affiliate, "
            "warnings, created_at, created_by, created_by_type, created_from) VALUES (?, 1, ?, 'CC', ?, "
            "NULL, 'emergency', "
            "'internal_medicine', 1, ?, "
            "'08', '08001', ?, '13', '13001', ?, '{}', '[]', ?, 'bench', 'employee', '127.0.0.1')",
            {std::string(status), "CC:" + std::to_string(2000000000 + i) + ":0",
             std::to_string(2000000000 + i), nit_of(200 + static_cast<int>(random() % 50)),
             nit_of(destination),
             std::string(R"({"affiliate":{"document_type":"CC","document_number":")") +
                 std::to_string(2000000000 + i) +
                 R"("},"referral_type":"emergency","origin":{"nit":"800000200","name":"IPS","department_code":"08",)"
                 R"("municipality_code":"08001"},"destination":{"nit":"800000000","name":"IPS","department_code":"13",)"
                 R"("municipality_code":"13001"},"origin_service":"emergency_general","triage":2,"diagnoses":)"
                 R"({"principal":"J189","related":[]},"requested_service":"internal_medicine","pos":true,)"
                 R"("ambulance_type":"not_applicable","treating_professional":"Dra. Ruiz"})",
             at.time_since_epoch().count()});
      }
    });
  }
  // The store keeps referral_counts in each insert's transaction; rows written straight need it filled.
  db->write([](db::Connection& c) {
    c.exec(
        "INSERT INTO referral_counts (destination_nit, status, n) SELECT destination_nit, status, COUNT(*) "
        "FROM "
        "referrals GROUP BY destination_nit, status");
  });
  std::printf("loaded %lld referrals in %.1f s\n", rows, seconds_since(start_load));
  db->write([](db::Connection& c) {
    if (c.dialect() == db::Dialect::sqlite) c.exec_script("ANALYZE");
  });

  // 2. The worklist: list by destination and state (page of 20, or page 5) + count, the busiest provider
  //    half the time.
  std::vector<double> ms;
  const Status states[] = {Status::open, Status::in_process, Status::closed};
  for (int i = 0; i < 3000; ++i) {
    ReferralFilter f;
    f.destination_nit = nit_of(i % 2 == 0 ? 0 : 1 + static_cast<int>(random() % 199));
    f.statuses = {states[random() % 3]};
    f.page = random() % 4 == 0 ? 5 : 1;
    f.per_page = 20;
    const auto start = Clock::now();
    auto [items, total] = db->read([&](db::Connection& c) {
      return std::pair{referral_store::list(c, f, {}, *catalogs), referral_store::count(c, f, {})};
    });
    ms.push_back(seconds_since(start) * 1000);
    if (items.empty() && total > 100) return 1;
  }
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) { return ms[static_cast<std::size_t>(q * static_cast<double>(ms.size() - 1))]; };
  std::printf(
      "list by destination and state (3000, one thread): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; "
      "load "
      "average %s\n",
      at(0.5), at(0.9), at(0.99), ms.back(), load_average().c_str());
  ReferralFilter f;
  f.destination_nit = nit_of(0);
  f.statuses = {Status::closed};
  for (const auto& line : db->read([&](db::Connection& c) { return referral_store::explain_list(c, f, {}); }))
    std::printf("plan: %s\n", line.c_str());
  std::filesystem::remove_all(dir);
  return 0;
}
