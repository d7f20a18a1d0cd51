#include "portal/core/background_loop.hpp"

#include <catch2/catch.hpp>
#include <sstream>
#include <stdexcept>

using namespace portal::core;
using namespace std::chrono_literals;

TEST_CASE("a background loop runs at once when woken, survives a throwing pass, and stops") {
  std::ostringstream out;
  Logger logger("test", LogLevel::info, &out);
  std::atomic<int> passes{0};
  BackgroundLoop loop(
      [&] {
        if (++passes == 2) throw std::runtime_error("database busy");
      },
      std::chrono::hours(1), logger, "test_pass_failed");
  loop.start();
  for (int i = 0; i < 200 && passes < 1; ++i) std::this_thread::sleep_for(5ms);
  CHECK(passes == 1);  // the first pass runs at start; the next waits for the hour or a wake
  loop.wake();
  for (int i = 0; i < 200 && passes < 2; ++i) std::this_thread::sleep_for(5ms);
  loop.wake();
  for (int i = 0; i < 200 && passes < 3; ++i) std::this_thread::sleep_for(5ms);
  CHECK(passes == 3);  // the pass that threw did not end the loop
  loop.stop();
  loop.stop();
  logger.flush();
  CHECK(out.str().find("test_pass_failed") != std::string::npos);
}
