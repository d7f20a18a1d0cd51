// SPEC §2 business days: Colombian holidays computed by law, and deadlines counted over them.
#include "portal/core/business_days.hpp"

#include <catch2/catch.hpp>

#include "portal/core/clock.hpp"

using namespace portal::core;

namespace {
std::chrono::year_month_day d(const char* iso) { return *parse_date(iso); }
}  // namespace

TEST_CASE("Easter Sunday") {
  CHECK(easter_sunday(2024) == d("2024-03-31"));
  CHECK(easter_sunday(2025) == d("2025-04-20"));
  CHECK(easter_sunday(2026) == d("2026-04-05"));
  CHECK(easter_sunday(2027) == d("2027-03-28"));
  CHECK(easter_sunday(2038) == d("2038-04-25"));
}

TEST_CASE("the 18 Colombian holidays of 2026, as the official calendar lists them") {
  std::vector<std::string> got;
  for (const auto& h : colombian_holidays(2026)) got.push_back(format_date(h));
  CHECK(got == std::vector<std::string>{"2026-01-01", "2026-01-12", "2026-03-23", "2026-04-02", "2026-04-03",
                                        "2026-05-01", "2026-05-18", "2026-06-08", "2026-06-15", "2026-06-29",
                                        "2026-07-20", "2026-08-07", "2026-08-17", "2026-10-12", "2026-11-02",
                                        "2026-11-16", "2026-12-08", "2026-12-25"});
  // 2025: Reyes on Monday 6 January itself, Good Friday 18 April, Sacred Heart 30 June.
  CHECK(is_colombian_holiday(d("2025-01-06")));
  CHECK(is_colombian_holiday(d("2025-04-18")));
  CHECK(is_colombian_holiday(d("2025-06-30")));
  CHECK_FALSE(is_colombian_holiday(d("2025-03-19")));  // San José falls on Wednesday: observed Monday 24
  CHECK(is_colombian_holiday(d("2025-03-24")));
}

TEST_CASE("deadlines in business days skip weekends and holidays") {
  struct Row {
    const char* from;
    int n;
    const char* due;
  };
  for (auto [from, n, due] :
       {Row{"2026-03-20", 1, "2026-03-24"},   // Friday; Monday 23 is San José (Ley 51 de 1983)
        Row{"2026-03-16", 15, "2026-04-09"},  // a glosa notified Monday 16 March: San José, Holy Week
        Row{"2026-08-14", 1, "2026-08-18"},   // Friday; Monday 17 is the Assumption, moved
        Row{"2026-12-04", 15, "2026-12-29"},  // over 8 December and Christmas
        Row{"2026-03-25", 0, "2026-03-25"}, Row{"2026-03-27", 1, "2026-03-30"}}) {  // Friday to Monday
    CAPTURE(from, n);
    CHECK(format_date(add_business_days(d(from), n)) == due);
  }
  CHECK(is_business_day(d("2026-03-24")));
  CHECK_FALSE(is_business_day(d("2026-03-28")));  // Saturday
}
