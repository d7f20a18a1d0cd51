#pragma once
// Business days in Colombia (SPEC §2): no Saturdays, Sundays or public holidays, the holidays computed by law
// rather than kept as a list of dates — the fixed ones, those Ley 51 de 1983 moves to the next Monday, and
// the Easter-based ones (Holy Thursday and Good Friday where they fall; Ascension, Corpus Christi and Sacred
// Heart moved to Monday). Deadlines counted in business days: glosa responses (15, Ley 1438 art. 57, Res.
// 2284), elective authorizations.
#include <chrono>
#include <vector>

namespace portal::core {

// Easter Sunday of a Gregorian year (the anonymous Meeus/Jones/Butcher algorithm).
std::chrono::year_month_day easter_sunday(int year);
// The year's public holidays, in date order.
std::vector<std::chrono::year_month_day> colombian_holidays(int year);
bool is_colombian_holiday(std::chrono::year_month_day day);
bool is_business_day(std::chrono::year_month_day day);
// The day `n` business days after `from` (from itself not counted): the last day to act on a deadline of n
// business days notified on `from`. n = 0 is `from`.
std::chrono::year_month_day add_business_days(std::chrono::year_month_day from, int n);

}  // namespace portal::core
