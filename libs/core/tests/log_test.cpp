// Issue 14 item 5: in background mode a log line costs the request an append to a buffer; the logger's
// own thread writes it. Nothing is lost and each thread's lines keep their order.
#include "portal/core/log.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using portal::core::Logger;
using portal::core::LogLevel;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("a logger writes each line at once until it is told to write in the background") {
  std::ostringstream out;
  Logger log("svc", LogLevel::info, &out);
  log.info("request", {{"status", 200}});
  CHECK(out.str().find(R"("event":"request","status":200)") != std::string::npos);
}

TEST_CASE(
    "issue 14: in the background, info lines wait in the buffer; flush() and the destructor write them") {
  std::ostringstream out;
  {
    Logger log("svc", LogLevel::info, &out);
    log.write_in_background(std::chrono::hours{1});  // only urgency, flush() or the end writes
    log.info("request", {{"n", 1}});
    log.info("request", {{"n", 2}});
    CHECK(out.str().empty());  // the request path did not write
    log.flush();
    CHECK(lines_of(out.str()).size() == 2);
    log.info("request", {{"n", 3}});
  }
  const auto lines = lines_of(out.str());
  REQUIRE(lines.size() == 3);
  CHECK(lines[2].find(R"("n":3)") != std::string::npos);
}

TEST_CASE("issue 14: background logging from many threads loses no line and keeps each thread's order") {
  std::ostringstream out;
  Logger log("svc", LogLevel::info, &out);
  log.write_in_background(std::chrono::milliseconds{1});
  constexpr int kThreads = 4;
  constexpr int kLines = 5000;  // ~0.6 MB: several urgent chunks and periodic writes
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&log, t] {
      for (int i = 0; i < kLines; ++i) log.info("request", {{"thread", t}, {"i", i}});
    });
  for (auto& t : threads) t.join();
  log.flush();
  const auto lines = lines_of(out.str());
  REQUIRE(lines.size() == static_cast<std::size_t>(kThreads * kLines));
  std::vector<int> next(kThreads, 0);
  for (const auto& line : lines) {
    const auto t = line.find("\"thread\":");
    const auto i = line.find("\"i\":");
    REQUIRE(t != std::string::npos);
    REQUIRE(i != std::string::npos);
    const int thread = std::stoi(line.substr(t + 9));
    const int index = std::stoi(line.substr(i + 4));
    CHECK(index == next[static_cast<std::size_t>(thread)]);
    next[static_cast<std::size_t>(thread)] = index + 1;
  }
}
