#pragma once
// Reads a list route's query parameters one at a time and records what is wrong with each (every error at
// once, as the bodies do): the filters of the urgencies and authorization-request lists, and of the lists
// to come. A parameter that is absent or blank reads as nullopt.
#include <charconv>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "portal/core/clock.hpp"
#include "portal/core/errors.hpp"
#include "portal/json/messages.hpp"

namespace portal::http {

using QueryParams = std::multimap<std::string, std::string, std::less<>>;

class QueryReader {
 public:
  QueryReader(const QueryParams& query, core::FieldErrors& errors) : query_(query), errors_(errors) {}

  // First value without surrounding whitespace; nullopt when absent or blank.
  std::optional<std::string> text(std::string_view name) const {
    const auto it = query_.find(name);
    if (it == query_.end()) return std::nullopt;
    const std::string_view v = it->second;
    const auto first = v.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return std::nullopt;
    return std::string(v.substr(first, v.find_last_not_of(" \t\r\n") - first + 1));
  }

  void error(std::string_view field, std::string code, core::Text message) {
    errors_.push_back({std::string(field), std::move(code), std::move(message)});
  }

  std::optional<std::chrono::year_month_day> date(std::string_view name) {
    const auto v = text(name);
    if (!v) return std::nullopt;
    if (auto d = core::parse_date(*v)) return d;
    error(name, "invalid_format", {"Debe ser una fecha AAAA-MM-DD", "Must be a YYYY-MM-DD date"});
    return std::nullopt;
  }

  // A whole number in [min, max].
  std::optional<int> integer(std::string_view name, int min, int max) {
    const auto v = text(name);
    if (!v) return std::nullopt;
    int n = 0;
    const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc{} || end != v->data() + v->size() || n < min || n > max) {
      error(name, "out_of_range", json::out_of_range_message(min, max));
      return std::nullopt;
    }
    return n;
  }

  // One of the allowed names, as its value.
  template <typename T>
  std::optional<T> choice(std::string_view name, const std::vector<std::pair<std::string_view, T>>& allowed) {
    const auto v = text(name);
    if (!v) return std::nullopt;
    std::vector<std::string_view> names;
    for (const auto& [n, value] : allowed) {
      if (n == *v) return value;
      names.push_back(n);
    }
    error(name, "invalid_value", json::invalid_value_message(names));
    return std::nullopt;
  }

 private:
  const QueryParams& query_;
  core::FieldErrors& errors_;
};

}  // namespace portal::http
