#pragma once
// GW-1: the gateway's routing table — which upstream owns a request path, by longest path prefix on
// segment boundaries ("/api/v1/usersX" is not under "/api/v1/users"). Pure: no I/O.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portal::gateway {

struct RouteEntry {
  std::string prefix;    // "/api/v1/users" (no trailing slash)
  std::string upstream;  // "auth"
};

// True when path is prefix itself or lies below it ("/api/v1/users", "/api/v1/users/7").
bool is_under_prefix(std::string_view path, std::string_view prefix);

class RouteTable {
 public:
  explicit RouteTable(std::vector<RouteEntry> entries);
  // The upstream of the longest matching prefix, or nullopt when no entry owns the path.
  std::optional<std::string> upstream_for(std::string_view path) const;
  const std::vector<RouteEntry>& entries() const { return entries_; }

 private:
  std::vector<RouteEntry> entries_;  // longest prefix first
};

// The areas of issue 2 (auth service; issue 20 adds contact cases and surveys), issue 3 (affiliates service:
// affiliates, calls, catalogs) and issue 4 (urgencies service).
RouteTable default_route_table();

}  // namespace portal::gateway
