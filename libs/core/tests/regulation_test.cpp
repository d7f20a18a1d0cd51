// SPEC §13 / issue 11 item 1: the regulation in force is one pure function of the record's Bogotá date.
#include "portal/core/regulation.hpp"

#include <catch2/catch.hpp>

using portal::core::format_in_force;
using portal::core::parse_rfc3339;
using portal::core::RecordFormat;

TEST_CASE("issue 11 / SPEC §13: format_in_force at the 1 April 2026 boundary (Bogotá)") {
  struct Row {
    const char* instant;
    RecordFormat expected;
  };
  for (auto [instant, expected] : {
           Row{"2008-07-31T12:00:00-05:00", RecordFormat::res3047},
           Row{"2026-03-31T00:00:00-05:00", RecordFormat::res3047},
           Row{"2026-03-31T23:59:00-05:00", RecordFormat::res3047},
           Row{"2026-03-31T23:59:59.999-05:00", RecordFormat::res3047},
           Row{"2026-04-01T04:59:59.999Z", RecordFormat::res3047},  // still 31 March in Bogotá
           Row{"2026-04-01T00:00:00-05:00", RecordFormat::res2335},
           Row{"2026-04-01T05:00:00Z", RecordFormat::res2335},
           Row{"2026-04-01T00:30:00Z", RecordFormat::res3047},  // UTC date already April, Bogotá not
           Row{"2026-12-03T10:00:00-05:00", RecordFormat::res2335},
       }) {
    CAPTURE(instant);
    const auto t = parse_rfc3339(instant);
    REQUIRE(t);
    CHECK(format_in_force(*t) == expected);
  }
}

TEST_CASE("issue 11 / SPEC §13: format_in_force of plain Bogotá dates") {
  using namespace std::chrono;
  static_assert(format_in_force(year_month_day{year{2026}, March, day{31}}) == RecordFormat::res3047);
  static_assert(format_in_force(year_month_day{year{2026}, April, day{1}}) == RecordFormat::res2335);
  CHECK(format_in_force(year_month_day{year{2025}, December, day{31}}) == RecordFormat::res3047);
  CHECK(format_in_force(year_month_day{year{2027}, January, day{1}}) == RecordFormat::res2335);
  CHECK(portal::core::format_code(RecordFormat::res3047) == "res3047");
  CHECK(portal::core::format_code(RecordFormat::res2335) == "res2335");
}
