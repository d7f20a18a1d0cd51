#include "indicators.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace portal::authorizations {
namespace {

// Repeated (?scope=a&scope=b) or comma-separated (?scope=a,b) values, trimmed, without repeats.
std::vector<std::string> multi(const http::QueryParams& query, std::string_view name) {
  std::vector<std::string> out;
  const auto [first, last] = query.equal_range(name);
  for (auto it = first; it != last; ++it) {
    std::string_view rest = it->second;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      std::string_view part = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
      while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
      while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
      if (!part.empty() && std::find(out.begin(), out.end(), part) == out.end()) out.emplace_back(part);
    }
  }
  return out;
}

double round1(double v) { return std::round(v * 10.0) / 10.0; }

}  // namespace

IndicatorFilter parse_indicator_filter(const http::QueryParams& query, const catalog::Catalogs& catalogs,
                                       core::Instant now, core::FieldErrors& errors) {
  IndicatorFilter f;
  http::QueryReader q(query, errors);
  const int this_year = core::bogota_year(now);
  if (!q.text("year")) {
    q.error("year", "required", {"El año es obligatorio", "The year is required"});
  } else if (const auto year = q.integer("year", 2000, this_year)) {
    f.year = *year;
  }
  const auto today = core::bogota_date(now);
  f.last_month = f.year == this_year ? static_cast<int>(static_cast<unsigned>(today.month())) : 12;
  f.scopes = multi(query, "scope");
  for (const auto& s : f.scopes) {
    if (std::find_if(std::begin(kScopes), std::end(kScopes), [&](const char* k) { return s == k; }) ==
        std::end(kScopes)) {
      q.error("scope", "invalid_value",
              {"Ámbito desconocido: " + s + " (ambulatory, hospital, emergency, home)",
               "Unknown scope: " + s + " (ambulatory, hospital, emergency, home)"});
    }
  }
  f.service_groups = multi(query, "service_group");
  for (const auto& g : f.service_groups) {
    if (!catalogs.find(catalog::kServiceGroups, g)) {
      q.error("service_group", "invalid_value",
              {"Grupo de servicios desconocido: " + g + " (catálogo service_groups)",
               "Unknown service group: " + g + " (catalog service_groups)"});
    }
  }
  f.branch = q.text("branch");
  return f;
}

std::vector<DeliveryMonth> delivery_months(const std::vector<MonthCounts>& rows, int last_month) {
  std::vector<DeliveryMonth> out;
  for (int m = 1; m <= last_month; ++m) out.push_back(DeliveryMonth{m, 0, 0, std::nullopt});
  for (const auto& r : rows) {
    if (r.month < 1 || r.month > last_month) continue;
    auto& d = out[static_cast<std::size_t>(r.month - 1)];
    d.directed += r.directed;
    d.used += r.used;
  }
  for (auto& d : out) {
    if (d.directed > 0)
      d.percent = round1(100.0 * static_cast<double>(d.used) / static_cast<double>(d.directed));
  }
  return out;
}

std::vector<TimelinessMonth> timeliness_months(const std::vector<MonthCounts>& rows, int last_month,
                                               const catalog::Catalogs& catalogs) {
  std::vector<std::string> groups;
  if (const auto* c = catalogs.get(catalog::kServiceGroups)) {
    for (const auto& item : c->items()) {
      if (item.flag("timeliness_indicator")) groups.push_back(item.code);
    }
  }
  std::vector<TimelinessMonth> out;
  std::vector<std::map<std::string, std::pair<long long, long long>>> sums(
      static_cast<std::size_t>(last_month));
  for (const auto& r : rows) {
    if (r.month < 1 || r.month > last_month) continue;
    auto& cell = sums[static_cast<std::size_t>(r.month - 1)][r.service_group];
    cell.first += r.used;
    cell.second += r.days_to_use;
  }
  const auto average = [](long long used, long long days) -> std::optional<double> {
    if (used == 0) return std::nullopt;
    return round1(static_cast<double>(days) / static_cast<double>(used));
  };
  for (int m = 1; m <= last_month; ++m) {
    TimelinessMonth t;
    t.month = m;
    long long used = 0;
    long long days = 0;
    const auto& month = sums[static_cast<std::size_t>(m - 1)];
    for (const auto& [group, cell] : month) {
      used += cell.first;
      days += cell.second;
    }
    t.all = TimelinessCell{"", used, average(used, days)};
    for (const auto& g : groups) {
      const auto it = month.find(g);
      const long long u = it == month.end() ? 0 : it->second.first;
      const long long d = it == month.end() ? 0 : it->second.second;
      t.by_service_type.push_back(TimelinessCell{g, u, average(u, d)});
    }
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace portal::authorizations
