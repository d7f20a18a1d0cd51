#include "portal/documents/date_format.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace portal::documents {

using namespace std::chrono;

namespace {

std::string dmy(year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u/%02u/%04d", static_cast<unsigned>(d.day()),
                static_cast<unsigned>(d.month()), static_cast<int>(d.year()));
  return buf;
}

}  // namespace

std::string format_bogota_date(core::Instant t) { return dmy(core::bogota_date(t)); }

std::string format_bogota_time(core::Instant t) {
  const auto local = t + core::kBogotaOffset;
  const hh_mm_ss hms{local - floor<days>(local)};
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(hms.hours().count() % 24),
                static_cast<int>(hms.minutes().count()));
  return buf;
}

std::string format_bogota_date_time(core::Instant t) {
  return format_bogota_date(t) + " " + format_bogota_time(t);
}

std::string compact_bogota_date(core::Instant t) {
  std::string d = core::bogota_date_string(t);
  d.erase(std::remove(d.begin(), d.end(), '-'), d.end());
  return d;
}

std::string format_plain_date(std::string_view iso_date) {
  if (auto d = core::parse_date(iso_date)) return dmy(*d);
  return std::string(iso_date);
}

}  // namespace portal::documents
