#include "portal/core/clock.hpp"

#include <charconv>
#include <cstdio>

namespace portal::core {

using namespace std::chrono;

Instant SystemClock::now() const { return time_point_cast<milliseconds>(system_clock::now()); }

year_month_day bogota_date(Instant t) { return year_month_day{floor<days>(t + kBogotaOffset)}; }

std::string bogota_date_string(Instant t) { return format_date(bogota_date(t)); }

int bogota_year(Instant t) { return static_cast<int>(bogota_date(t).year()); }

Instant bogota_day_start(year_month_day d) {
  return time_point_cast<milliseconds>(sys_days{d} - kBogotaOffset);
}

Instant bogota_day_start(Instant t) { return bogota_day_start(bogota_date(t)); }

std::string format_date(year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

std::string to_rfc3339(Instant t) {
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{t - day};
  char buf[40];
  const auto ms = hms.subseconds().count();
  if (ms == 0) {
    std::snprintf(buf, sizeof buf, "%sT%02ld:%02ld:%02ldZ", format_date(ymd).c_str(),
                  static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                  static_cast<long>(hms.seconds().count()));
  } else {
    std::snprintf(buf, sizeof buf, "%sT%02ld:%02ld:%02ld.%03ldZ", format_date(ymd).c_str(),
                  static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                  static_cast<long>(hms.seconds().count()), static_cast<long>(ms));
  }
  return buf;
}

namespace {

bool read_digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  for (size_t i = pos; i < pos + n; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  std::from_chars(s.data() + pos, s.data() + pos + n, out);
  return true;
}

}  // namespace

std::optional<year_month_day> parse_date(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!read_digits(s, 0, 4, y) || !read_digits(s, 5, 2, m) || !read_digits(s, 8, 2, d)) return std::nullopt;
  year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

std::optional<Instant> parse_rfc3339(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS[.fff…](Z|±HH:MM)
  if (s.size() < 20) return std::nullopt;
  auto date = parse_date(s.substr(0, 10));
  if (!date || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':') return std::nullopt;
  int hh = 0, mi = 0, ss = 0;
  if (!read_digits(s, 11, 2, hh) || !read_digits(s, 14, 2, mi) || !read_digits(s, 17, 2, ss)) return std::nullopt;
  if (hh > 23 || mi > 59 || ss > 59) return std::nullopt;
  size_t pos = 19;
  long long ms = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    size_t start = pos;
    int digits = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (digits < 3) ms = ms * 10 + (s[pos] - '0');
      ++digits;
      ++pos;
    }
    if (pos == start || digits > 9) return std::nullopt;
    for (; digits < 3; ++digits) ms *= 10;
  }
  if (pos >= s.size()) return std::nullopt;
  minutes offset{0};
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int oh = 0, om = 0;
    if (pos + 6 != s.size() || s[pos + 3] != ':' || !read_digits(s, pos + 1, 2, oh) ||
        !read_digits(s, pos + 4, 2, om) || oh > 23 || om > 59)
      return std::nullopt;
    offset = hours{oh} + minutes{om};
    if (s[pos] == '-') offset = -offset;
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  auto local = sys_days{*date} + hours{hh} + minutes{mi} + seconds{ss} + milliseconds{ms};
  return time_point_cast<milliseconds>(local - offset);
}

}  // namespace portal::core
