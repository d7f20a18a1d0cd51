#include "xlsx/cell_values.hpp"

#include <charconv>
#include <cmath>
#include <string>

namespace portal::documents::xlsx {

namespace {

constexpr std::uint32_t kMaxColumns = 16384;  // A..XFD
constexpr std::uint32_t kMaxRows = 1048576;

// Days since 1970-01-01 of a civil date and back (H. Hinnant's algorithms, proleptic Gregorian).
long long days_from_civil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

void civil_from_days(long long z, int& y, int& m, int& d) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(static_cast<long long>(yoe) + era * 400 + (m <= 2));
}

}  // namespace

std::string column_letters(std::uint32_t column) {
  std::string letters;
  for (std::uint64_t n = static_cast<std::uint64_t>(column) + 1; n > 0; n = (n - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  return letters;
}

std::optional<std::uint32_t> column_index(std::string_view letters) {
  if (letters.empty() || letters.size() > 3) return std::nullopt;
  std::uint32_t n = 0;
  for (const char c : letters) {
    if (c < 'A' || c > 'Z') return std::nullopt;
    n = n * 26 + static_cast<std::uint32_t>(c - 'A' + 1);
  }
  if (n > kMaxColumns) return std::nullopt;
  return n - 1;
}

std::optional<CellReference> parse_reference(std::string_view reference) {
  std::size_t letters = 0;
  while (letters < reference.size() && reference[letters] >= 'A' && reference[letters] <= 'Z') ++letters;
  const auto column = column_index(reference.substr(0, letters));
  if (!column) return std::nullopt;
  const std::string_view digits = reference.substr(letters);
  if (digits.empty() || digits.size() > 7 || digits[0] == '0') return std::nullopt;
  std::uint32_t row = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), row);
  if (ec != std::errc{} || end != digits.data() + digits.size() || row > kMaxRows) return std::nullopt;
  return CellReference{*column, row};
}

bool is_date_format(std::uint32_t id, std::string_view code) {
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58))
    return true;
  if (id < 164) return false;  // other built-in formats are numbers, text or currency
  bool quoted = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (quoted) {
      quoted = c != '"';
      continue;
    }
    if (c == '"') {
      quoted = true;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // an escaped, padded or repeated character is shown as it is
    } else if (c == '[') {
      // [Red], [$-409] and [>=100] are not dates; [h], [mm] and [ss] (elapsed time) are.
      const auto close = code.find(']', i);
      if (close == std::string_view::npos) return false;
      const std::string_view inside = code.substr(i + 1, close - i - 1);
      if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos) return true;
      i = close;
    } else if (c == ';') {
      return false;  // only the first section decides (positive numbers)
    } else {
      switch (c) {
        case 'd':
        case 'D':
        case 'm':
        case 'M':
        case 'y':
        case 'Y':
        case 'h':
        case 'H':
        case 's':
        case 'S':
          return true;
        default:
          break;
      }
    }
  }
  return false;
}

DateTime date_from_serial(double serial, bool date1904) {
  if (!std::isfinite(serial) || serial < 0 || serial > 2958466) return DateTime{};  // past 9999-12-31
  long long seconds = std::llround(serial * 86400.0);
  long long days = seconds / 86400;
  seconds %= 86400;
  DateTime out;
  long long epoch;  // days since 1970-01-01 of serial 0
  if (date1904) {
    epoch = days_from_civil(1904, 1, 1);
  } else if (days == 60) {
    // Serial 60 is 29 February 1900, a day Lotus 1-2-3 invented and Excel keeps for compatibility.
    out.year = 1900;
    out.month = 2;
    out.day = 29;
    days = -1;
    epoch = 0;
  } else {
    epoch = days < 60 ? days_from_civil(1899, 12, 31) : days_from_civil(1899, 12, 30);
  }
  if (days >= 0) civil_from_days(epoch + days, out.year, out.month, out.day);
  out.hour = static_cast<int>(seconds / 3600);
  out.minute = static_cast<int>(seconds / 60 % 60);
  out.second = static_cast<int>(seconds % 60);
  return out;
}

std::optional<DateTime> parse_iso_date(std::string_view text) {
  auto number = [&](std::size_t at, std::size_t len, int& out) {
    if (text.size() < at + len) return false;
    const auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + len, out);
    return ec == std::errc{} && end == text.data() + at + len;
  };
  DateTime d;
  if (text.size() < 10 || text[4] != '-' || text[7] != '-' || !number(0, 4, d.year) ||
      !number(5, 2, d.month) || !number(8, 2, d.day))
    return std::nullopt;
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) return std::nullopt;
  if (text.size() >= 19 && text[10] == 'T') {
    if (!number(11, 2, d.hour) || !number(14, 2, d.minute) || !number(17, 2, d.second) || d.hour > 23 ||
        d.minute > 59 || d.second > 59)
      return std::nullopt;
  }
  return d;
}

}  // namespace portal::documents::xlsx
