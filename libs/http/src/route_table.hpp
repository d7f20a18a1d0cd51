#pragma once
// The route table: templates with literal segments, ":name" parameters and a final "*". Pure (no I/O),
// so precedence and 404/405 are tested as a table.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portal/http/message.hpp"

namespace portal::http {

struct RouteMatch {
  enum class Kind { found, method_not_allowed, not_found, bad_path };
  Kind kind = Kind::not_found;
  std::size_t index = 0;         // the value given to add() (found)
  std::string route_template;    // (found)
  std::map<std::string, std::string, std::less<>> params;  // decoded; "*" holds the raw rest
  std::vector<Method> allowed;   // methods that match the path (method_not_allowed)
};

class RouteTable {
 public:
  // Throws std::invalid_argument for a malformed template or a duplicate (method, shape).
  void add(Method method, const std::string& path_template, std::size_t index);
  // HEAD falls back to GET routes when no HEAD route matches.
  RouteMatch match(Method method, std::string_view path) const;
  std::vector<std::pair<Method, std::string>> routes() const;

 private:
  enum class SegmentKind { literal = 0, param = 1, rest = 2 };  // precedence order
  struct Segment {
    SegmentKind kind;
    std::string text;  // literal text or parameter name
  };
  struct Route {
    Method method;
    std::string path_template;
    std::vector<Segment> segments;
    std::size_t index;
  };
  // Ranks a route's match of the path; nullopt when it does not match. Lower is more specific.
  static std::optional<std::vector<int>> rank(const Route& route, const std::vector<std::string_view>& parts);
  const Route* best(Method method, const std::vector<std::string_view>& parts) const;

  std::vector<Route> routes_;
};

}  // namespace portal::http
