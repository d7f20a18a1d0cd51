#pragma once
// Time for the whole project: instants are UTC; "today", day and year boundaries are in
// America/Bogota (UTC-5, no daylight saving since 1993), as SPEC §2 requires. Tests inject ManualClock.
#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace portal::core {

using Instant = std::chrono::sys_time<std::chrono::milliseconds>;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant now() const override;
};

// A clock that only moves when told to; thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Instant start) : ms_(start.time_since_epoch().count()) {}
  Instant now() const override { return Instant{std::chrono::milliseconds{ms_.load()}}; }
  void set(Instant t) { ms_ = t.time_since_epoch().count(); }
  void advance(std::chrono::milliseconds d) { ms_ += d.count(); }

 private:
  std::atomic<long long> ms_;
};

inline constexpr std::chrono::hours kBogotaOffset{-5};

// The Bogotá calendar date of an instant.
std::chrono::year_month_day bogota_date(Instant t);
// "YYYY-MM-DD" of the Bogotá date.
std::string bogota_date_string(Instant t);
int bogota_year(Instant t);
// The instant at which the Bogotá day containing t starts (00:00 -05:00).
Instant bogota_day_start(Instant t);
// The instant at which a Bogotá calendar date starts.
Instant bogota_day_start(std::chrono::year_month_day d);

// RFC 3339 in UTC with millisecond precision dropped when zero: "2026-03-01T17:00:00Z".
std::string to_rfc3339(Instant t);
// Accepts "Z" or "+hh:mm"/"-hh:mm" offsets and optional fractional seconds; nullopt when malformed.
std::optional<Instant> parse_rfc3339(std::string_view s);
// "YYYY-MM-DD", validated (no 2026-02-30); nullopt when malformed.
std::optional<std::chrono::year_month_day> parse_date(std::string_view s);
std::string format_date(std::chrono::year_month_day d);
// Seconds since the Unix epoch, for JWT claims.
inline long long unix_seconds(Instant t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace portal::core
