#include "route_table.hpp"

#include <stdexcept>

#include "url.hpp"

namespace portal::http {

void RouteTable::add(Method method, const std::string& path_template, std::size_t index) {
  if (path_template.empty() || path_template.front() != '/')
    throw std::invalid_argument("route template must start with '/': " + path_template);
  Route route{method, path_template, {}, index};
  const auto parts = url::split_path(path_template);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string_view part = parts[i];
    if (part == "*") {
      if (i + 1 != parts.size()) throw std::invalid_argument("'*' must be the last segment: " + path_template);
      route.segments.push_back({SegmentKind::rest, "*"});
    } else if (!part.empty() && part.front() == ':') {
      if (part.size() == 1) throw std::invalid_argument("unnamed parameter in " + path_template);
      route.segments.push_back({SegmentKind::param, std::string{part.substr(1)}});
    } else {
      route.segments.push_back({SegmentKind::literal, std::string{part}});
    }
  }
  for (const auto& existing : routes_) {
    if (existing.method != method || existing.segments.size() != route.segments.size()) continue;
    bool same_shape = true;
    for (std::size_t i = 0; i < route.segments.size() && same_shape; ++i) {
      const auto& a = existing.segments[i];
      const auto& b = route.segments[i];
      same_shape = a.kind == b.kind && (a.kind != SegmentKind::literal || a.text == b.text);
    }
    if (same_shape) throw std::invalid_argument("duplicate route " + std::string{to_string(method)} + " " + path_template);
  }
  routes_.push_back(std::move(route));
}

std::optional<std::vector<int>> RouteTable::rank(const Route& route, const std::vector<std::string_view>& parts) {
  std::vector<int> ranks;
  ranks.reserve(route.segments.size());
  for (std::size_t i = 0; i < route.segments.size(); ++i) {
    const Segment& seg = route.segments[i];
    if (seg.kind == SegmentKind::rest) {
      // "*" takes whatever is left, even nothing ("/api/v1/auth/*" also covers "/api/v1/auth").
      ranks.push_back(static_cast<int>(SegmentKind::rest));
      return ranks;
    }
    if (i >= parts.size()) return std::nullopt;
    if (seg.kind == SegmentKind::literal) {
      if (parts[i] != seg.text) return std::nullopt;
    } else if (parts[i].empty()) {
      return std::nullopt;  // a parameter is never empty
    }
    ranks.push_back(static_cast<int>(seg.kind));
  }
  if (parts.size() != route.segments.size()) return std::nullopt;
  return ranks;
}

const RouteTable::Route* RouteTable::best(Method method, const std::vector<std::string_view>& parts) const {
  const Route* winner = nullptr;
  std::vector<int> winner_rank;
  for (const auto& route : routes_) {
    if (route.method != method) continue;
    auto r = rank(route, parts);
    // Lexicographic: the first segment where one route is literal and the other a parameter decides.
    if (r && (!winner || *r < winner_rank)) {
      winner = &route;
      winner_rank = std::move(*r);
    }
  }
  return winner;
}

RouteMatch RouteTable::match(Method method, std::string_view path) const {
  RouteMatch m;
  const auto parts = url::split_path(path);
  const Route* route = best(method, parts);
  if (!route && method == Method::head) route = best(Method::get, parts);
  if (!route) {
    for (Method other : {Method::get, Method::head, Method::post, Method::put, Method::patch, Method::del,
                         Method::options}) {
      const bool matches = best(other, parts) || (other == Method::head && best(Method::get, parts));
      if (other != method && matches) m.allowed.push_back(other);
    }
    m.kind = m.allowed.empty() ? RouteMatch::Kind::not_found : RouteMatch::Kind::method_not_allowed;
    return m;
  }
  for (std::size_t i = 0; i < route->segments.size(); ++i) {
    const Segment& seg = route->segments[i];
    if (seg.kind == SegmentKind::param) {
      auto decoded = url::percent_decode(parts[i], false);
      if (!decoded) {
        m.kind = RouteMatch::Kind::bad_path;
        return m;
      }
      m.params.emplace(seg.text, std::move(*decoded));
    } else if (seg.kind == SegmentKind::rest) {
      std::string rest;
      for (std::size_t j = i; j < parts.size(); ++j) {
        if (j > i) rest += '/';
        rest += parts[j];
      }
      m.params.emplace("*", std::move(rest));
    }
  }
  m.kind = RouteMatch::Kind::found;
  m.index = route->index;
  m.route_template = route->path_template;
  return m;
}

std::vector<std::pair<Method, std::string>> RouteTable::routes() const {
  std::vector<std::pair<Method, std::string>> out;
  out.reserve(routes_.size());
  for (const auto& r : routes_) out.emplace_back(r.method, r.path_template);
  return out;
}

}  // namespace portal::http
