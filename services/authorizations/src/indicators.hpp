#pragma once
// AUT-9 indicators (manual 003 §7) of a provider for a year, month by month up to the current one:
//   effective delivery = used ÷ directed (%), with both counts;
//   timeliness         = average days from generation to use, per month and per service type (the six
//                        service groups the catalog marks timeliness_indicator).
// An authorization counts in the Bogotá month it was generated; it is "used" once the provider recorded its
// use (any later day). The counts come from one SQL aggregation each (decision_store.hpp); this file reads
// the query and shapes the answer. Pure.
#include <optional>
#include <string>
#include <vector>

#include "portal/catalog/catalogs.hpp"
#include "portal/core/clock.hpp"
#include "portal/core/errors.hpp"
#include "portal/http/query_reader.hpp"

namespace portal::authorizations {

inline constexpr const char* kScopes[] = {"ambulatory", "hospital", "emergency", "home"};

// AUT-9 indicator filter: the provider, the year, months 1..last_month; empty lists = every value.
struct IndicatorFilter {
  std::string provider_nit;
  int year = 0;
  int last_month = 12;
  std::vector<std::string> scopes;
  std::vector<std::string> service_groups;
  std::optional<std::string> branch;
};

struct MonthCounts {
  int month = 0;
  std::string service_group;  // timeliness only
  long long directed = 0;
  long long used = 0;
  long long days_to_use = 0;
};
// ?year= (required, 2000..current) &scope= &service_group= (repeated or comma-separated) &branch=.
// last_month is the current Bogotá month for the current year, 12 for earlier ones.
IndicatorFilter parse_indicator_filter(const http::QueryParams& query, const catalog::Catalogs& catalogs,
                                       core::Instant now, core::FieldErrors& errors);

struct DeliveryMonth {
  int month = 0;
  long long directed = 0;
  long long used = 0;
  std::optional<double> percent;  // null when nothing was directed
};
// Every month 1..last_month, zeros where the aggregation had no row.
std::vector<DeliveryMonth> delivery_months(const std::vector<MonthCounts>& rows, int last_month);

struct TimelinessCell {
  std::string service_group;  // "" = every group of the month
  long long used = 0;
  std::optional<double> average_days;
};
struct TimelinessMonth {
  int month = 0;
  TimelinessCell all;
  std::vector<TimelinessCell> by_service_type;  // the timeliness groups, in catalog order
};
std::vector<TimelinessMonth> timeliness_months(const std::vector<MonthCounts>& rows, int last_month,
                                               const catalog::Catalogs& catalogs);

}  // namespace portal::authorizations
