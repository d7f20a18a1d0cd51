#include "route_table.hpp"

#include <algorithm>

namespace portal::gateway {

bool is_under_prefix(std::string_view path, std::string_view prefix) {
  if (path.size() < prefix.size() || path.substr(0, prefix.size()) != prefix) return false;
  // A segment boundary must follow the prefix, else "/api/v1/usersX" would belong to "/api/v1/users".
  return path.size() == prefix.size() || path[prefix.size()] == '/' || prefix.ends_with('/');
}

RouteTable::RouteTable(std::vector<RouteEntry> entries) : entries_(std::move(entries)) {
  std::stable_sort(entries_.begin(), entries_.end(), [](const RouteEntry& a, const RouteEntry& b) {
    return a.prefix.size() > b.prefix.size();
  });
}

std::optional<std::string> RouteTable::upstream_for(std::string_view path) const {
  for (const auto& entry : entries_)
    if (is_under_prefix(path, entry.prefix)) return entry.upstream;
  return std::nullopt;
}

RouteTable default_route_table() {
  std::vector<RouteEntry> entries;
  for (const char* area :
       {"auth", "registration", "me", "users", "employees", "providers", "clients", "policies",
        "contact-cases", "surveys"})  // issue 20: AUTH-11 contact us, AUTH-12 satisfaction survey
    entries.push_back({std::string("/api/v1/") + area, "auth"});
  for (const char* area : {"affiliates", "calls", "catalogs"})  // issue 3
    entries.push_back({std::string("/api/v1/") + area, "affiliates"});
  entries.push_back({"/api/v1/urgencies", "urgencies"});  // issue 4 (URG-1..URG-4)
  for (const char* area : {"authorization-requests", "authorization-rules", "provider-contracts",  // issue 12
                           "authorizations", "indicators", "authorization-metrics"})               // issue 13
    entries.push_back({std::string("/api/v1/") + area, "authorizations"});
  // issue 18 (FIN-1..FIN-3); a period's file is not under the prefix (no "/" after it), so it is listed too.
  for (const char* prefix : {"/api/v1/payments", "/api/v1/payments.xlsx", "/api/v1/portfolio-requests",
                             "/api/v1/portfolio-invoices",                  // issue 19 (FIN-4)
                             "/api/v1/glosas", "/api/v1/glosa-responses"})  // issue 19 (FIN-5, FIN-6)
    entries.push_back({prefix, "finance"});
  entries.push_back({"/api/v1/referrals", "referrals"});             // issue 16 (REF-1..REF-4)
  for (const char* prefix : {"/api/v1/webhooks", "/api/v1/events"})  // issue 15
    entries.push_back({prefix, "events"});
  entries.push_back({"/api/v1/inconsistency-reports", "inconsistencies"});  // issue 17 (INC-1..INC-5)
  return RouteTable(std::move(entries));
}

}  // namespace portal::gateway
