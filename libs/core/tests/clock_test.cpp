#include <catch2/catch.hpp>

#include "portal/core/clock.hpp"

using namespace portal::core;

TEST_CASE("RFC 3339 parsing accepts offsets and rejects malformed input") {
  struct Row {
    const char* text;
    std::optional<const char*> utc;
  };
  for (auto [text, utc] : {Row{"2026-03-01T12:00:00-05:00", "2026-03-01T17:00:00Z"},
                           Row{"2026-03-01T17:00:00Z", "2026-03-01T17:00:00Z"},
                           Row{"2026-03-01T17:00:00.250Z", "2026-03-01T17:00:00.250Z"},
                           Row{"2026-03-01T17:00:00.123456789+01:30", "2026-03-01T15:30:00.123Z"},
                           Row{"2026-02-30T17:00:00Z", std::nullopt}, Row{"2026-03-01 17:00:00Z", std::nullopt},
                           Row{"2026-03-01T17:00:00", std::nullopt}, Row{"2026-03-01T24:00:00Z", std::nullopt},
                           Row{"2026-03-01T17:00:00+5:00", std::nullopt}, Row{"", std::nullopt},
                           Row{"2026-03-01T17:00:00Zjunk", std::nullopt}}) {
    CAPTURE(text);
    auto t = parse_rfc3339(text);
    REQUIRE(t.has_value() == utc.has_value());
    if (t) CHECK(to_rfc3339(*t) == *utc);
  }
}

TEST_CASE("Bogotá day boundaries are UTC-5") {
  // 2026-03-02T04:59:59Z is still 1 March in Bogotá; 05:00Z is 2 March.
  CHECK(bogota_date_string(*parse_rfc3339("2026-03-02T04:59:59Z")) == "2026-03-01");
  CHECK(bogota_date_string(*parse_rfc3339("2026-03-02T05:00:00Z")) == "2026-03-02");
  CHECK(to_rfc3339(bogota_day_start(*parse_rfc3339("2026-03-01T23:30:00-05:00"))) == "2026-03-01T05:00:00Z");
  CHECK(bogota_year(*parse_rfc3339("2027-01-01T04:00:00Z")) == 2026);
  CHECK(bogota_year(*parse_rfc3339("2027-01-01T05:00:00Z")) == 2027);
}

TEST_CASE("ManualClock moves only when told") {
  ManualClock clock{*parse_rfc3339("2026-03-01T00:00:00Z")};
  clock.advance(std::chrono::seconds{61});
  CHECK(to_rfc3339(clock.now()) == "2026-03-01T00:01:01Z");
}

TEST_CASE("plain dates are validated") {
  CHECK(parse_date("2024-02-29").has_value());
  CHECK_FALSE(parse_date("2026-02-29").has_value());
  CHECK_FALSE(parse_date("2026-1-01").has_value());
  CHECK_FALSE(parse_date("abcd-ef-gh").has_value());
}
