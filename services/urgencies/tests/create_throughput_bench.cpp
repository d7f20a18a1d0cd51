// Not a unit test (hidden tag): `urgencies_api_test "[.bench]"` posts valid notifications from 64
// keep-alive connections straight to the in-process service for a few seconds and prints the rate and
// the group commit's jobs per transaction (synchronous=FULL). The gateway benchmark is tests/bench.
#include <httplib.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <iostream>
#include <thread>

#include "urgencies_test_support.hpp"

using namespace portal::urgencies::test;

TEST_CASE("POST /api/v1/urgencies throughput with group commit", "[.bench]") {
  UrgenciesFixture f;
  const auto token = f.provider_admin();
  constexpr int kConnections = 64;
  const auto duration = std::chrono::seconds(5);
  const char* documents[] = {"1000000002", "1000000007", "1000000008", "1000000009"};
  std::atomic<long long> created{0}, other{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < kConnections; ++t) {
    threads.emplace_back([&, t] {
      httplib::Client client("127.0.0.1", f.app->port());
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      httplib::Headers headers{{"Authorization", "Bearer " + token}};
      for (int i = 0; !stop; ++i) {
        const auto body =
            notification_body("T" + std::to_string(t) + "X" + std::to_string(i), "2026-03-02T13:00:00Z",
                              {{"affiliate", std::string{R"({"document_type":"CC","document_number":")"} +
                                                 documents[i % 4] + "\"}"}});
        auto res = client.Post("/api/v1/urgencies", headers, body, "application/json");
        if (res && res->status == 201) {
          ++created;
        } else {
          ++other;
        }
      }
    });
  }
  const auto t0 = std::chrono::steady_clock::now();
  std::this_thread::sleep_for(duration);
  stop = true;
  for (auto& th : threads) th.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto& w = f.app->writer();
  std::cout << "created " << created << " (" << static_cast<long long>(created / seconds)
            << "/s), other answers " << other << ", transactions " << w.transactions()
            << ", jobs per transaction "
            << static_cast<double>(w.jobs()) / static_cast<double>(std::max(1LL, w.transactions())) << "\n";
  CHECK(other == 0);
  CHECK(f.count("SELECT COUNT(*) FROM notifications") == created);
}
