#include "portal/mail/backoff.hpp"

#include <catch2/catch.hpp>

TEST_CASE("retry delay doubles from 1 s and is capped at 10 minutes") {
  using std::chrono::seconds;
  struct Row {
    int attempts;
    seconds delay;
  };
  for (auto [attempts, delay] :
       {Row{1, seconds(1)}, Row{2, seconds(2)}, Row{3, seconds(4)}, Row{4, seconds(8)}, Row{10, seconds(512)},
        Row{11, seconds(600)}, Row{30, seconds(600)}, Row{1000, seconds(600)}, Row{0, seconds(1)}}) {
    CAPTURE(attempts);
    CHECK(portal::mail::retry_delay(attempts) == delay);
  }
}
