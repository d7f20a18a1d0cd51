#pragma once
// URG-3 query: the list filters from the query string, and the Bogotá date range they mean as UTC
// instants for the store. Pure: `now` is a parameter.
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "portal/catalog/catalogs.hpp"
#include "portal/core/clock.hpp"
#include "portal/core/errors.hpp"
#include "urgency.hpp"

namespace portal::urgencies {

inline constexpr int kFilterDefaultPerPage = 20;
inline constexpr int kFilterMaxPerPage = 200;
inline constexpr int kMaxRangeDays = 366;  // date_from..date_to, both days counted

// The same type as http::Request::query (decoded query string).
using QueryParams = std::multimap<std::string, std::string, std::less<>>;

// Reads the URG-3 filters named like NotificationFilter's members (unknown parameters are ignored, blank
// ones count as absent, a repeated one uses its first value). Errors are appended to `errors`.
//
// Fields and codes:
//   date_from, date_to, notified_on   invalid_format (not a real YYYY-MM-DD date)
//   date_to                           invalid_range (before date_from) | range_too_long (more than 366 days)
//   notified_on                       requires_attention_number (the number repeats daily, so the date
//                                     goes with a number) | conflicts_with_date_range (with
//                                     date_from/date_to)
//   document_type / document_number   required (one without the other); document_type invalid_value
//   department_code                   unknown_department
//   municipality_code                 unknown_municipality | municipality_not_in_department
//   principal_diagnosis               unknown_code (normalised first: "o80.0" -> "O800")
//   destination                       invalid_value (not a catalog code)
//   newborn                           invalid_value (true | false)
//   page                              out_of_range (>= 1); per_page out_of_range (1..200, default 20)
//   attention_number                  invalid_characters | too_long (trimmed, upper-cased like the POST)
//   provider_nit                      invalid_characters
NotificationFilter parse_filter(const QueryParams& query, const catalog::Catalogs& catalogs,
                                core::FieldErrors& errors);

// A half-open range of instants [from, to); nullopt = unbounded on that side.
struct TimeRange {
  std::optional<core::Instant> from;
  std::optional<core::Instant> to;
};

// True when URG-3's default applies: no date filter (date_from, date_to, notified_on) and no attention
// number or document filter, so the list shows today's (Bogotá) notifications only.
bool uses_default_day(const NotificationFilter& filter);

// The notified_at range the filter means, as UTC instants (Bogotá days start at 05:00Z):
//   notified_on D            [D 00:00 -05, D+1 00:00 -05)
//   date_from F / date_to T  [F 00:00 -05, T+1 00:00 -05), a missing side unbounded
//   default (see above)      today in Bogotá
//   otherwise                unbounded (e.g. an attention number alone, over every day)
TimeRange bogota_range(const NotificationFilter& filter, core::Instant now);

}  // namespace portal::urgencies
