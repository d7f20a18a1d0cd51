#include "portal/core/business_days.hpp"

#include <algorithm>

namespace portal::core {
namespace {

using namespace std::chrono;

year_month_day ymd(int y, unsigned m, unsigned d) { return year_month_day{year{y}, month{m}, day{d}}; }

// Ley 51 de 1983: the holiday is observed on the next Monday when it does not fall on one.
year_month_day next_monday(year_month_day d) {
  const sys_days day{d};
  const weekday w{day};
  const unsigned ahead = (Monday - w).count();  // 0 when already Monday
  return year_month_day{day + days{ahead}};
}

year_month_day plus_days(year_month_day d, int n) { return year_month_day{sys_days{d} + days{n}}; }

}  // namespace

year_month_day easter_sunday(int y) {
  const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month_ = (h + l - 7 * m + 114) / 31, day_ = (h + l - 7 * m + 114) % 31 + 1;
  return ymd(y, static_cast<unsigned>(month_), static_cast<unsigned>(day_));
}

std::vector<year_month_day> colombian_holidays(int y) {
  std::vector<year_month_day> out;
  for (auto [m, d] : {std::pair{1u, 1u}, {5u, 1u}, {7u, 20u}, {8u, 7u}, {12u, 8u}, {12u, 25u}})
    out.push_back(ymd(y, m, d));  // fixed
  for (auto [m, d] : {std::pair{1u, 6u}, {3u, 19u}, {6u, 29u}, {8u, 15u}, {10u, 12u}, {11u, 1u}, {11u, 11u}})
    out.push_back(next_monday(ymd(y, m, d)));  // moved to Monday (Ley 51 de 1983)
  const auto easter = easter_sunday(y);
  out.push_back(plus_days(easter, -3));  // Holy Thursday
  out.push_back(plus_days(easter, -2));  // Good Friday
  out.push_back(plus_days(easter, 43));  // Ascension (Thursday +39), on Monday
  out.push_back(plus_days(easter, 64));  // Corpus Christi (Thursday +60), on Monday
  out.push_back(plus_days(easter, 71));  // Sacred Heart (Friday +68), on Monday
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool is_colombian_holiday(year_month_day d) {
  const auto holidays = colombian_holidays(static_cast<int>(d.year()));
  return std::binary_search(holidays.begin(), holidays.end(), d);
}

bool is_business_day(year_month_day d) {
  const weekday w{sys_days{d}};
  return w != Saturday && w != Sunday && !is_colombian_holiday(d);
}

year_month_day add_business_days(year_month_day from, int n) {
  year_month_day d = from;
  while (n > 0) {
    d = plus_days(d, 1);
    if (is_business_day(d)) --n;
  }
  return d;
}

}  // namespace portal::core
