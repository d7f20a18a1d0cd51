#include "portal/documents/date_format.hpp"

#include <catch2/catch.hpp>

using namespace portal;

TEST_CASE("PDF dates and times are Bogotá's, dd/MM/yyyy HH:mm (SPEC §2)", "[documents][dates]") {
  const auto t = *core::parse_rfc3339("2026-03-01T04:30:00Z");
  CHECK(documents::format_bogota_date(t) == "28/02/2026");
  CHECK(documents::format_bogota_time(t) == "23:30");
  CHECK(documents::format_bogota_date_time(t) == "28/02/2026 23:30");
  CHECK(documents::format_bogota_date_time(*core::parse_rfc3339("2026-12-31T17:05:59Z")) ==
        "31/12/2026 12:05");
}

TEST_CASE("a document's file name carries its Bogotá date as YYYYMMDD", "[documents][dates]") {
  for (auto [instant, compact] : {std::pair{"2026-03-01T04:30:00Z", "20260228"},  // still the 28th in Bogotá
                                  std::pair{"2026-12-31T17:05:59-05:00", "20261231"}}) {
    CAPTURE(instant);
    CHECK(documents::compact_bogota_date(*core::parse_rfc3339(instant)) == compact);
  }
}

TEST_CASE("plain dates are reordered; malformed ones are shown as stored", "[documents][dates]") {
  CHECK(documents::format_plain_date("1990-07-04") == "04/07/1990");
  CHECK(documents::format_plain_date("") == "");
  CHECK(documents::format_plain_date("1990-02-30") == "1990-02-30");
}
