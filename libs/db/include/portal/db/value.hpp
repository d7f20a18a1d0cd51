#pragma once
// A value bound to a `?` placeholder. Stores write one SQL text for both backends (issue 8); the values
// they bind are plain C++ values: integers (booleans as 0/1), doubles, text, or NULL (an empty optional).
#include <concepts>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace portal::db {

class Value {
 public:
  using Storage = std::variant<std::monostate, long long, double, std::string>;

  Value() = default;  // NULL
  Value(std::nullopt_t) {}
  Value(bool b) : v_(b ? 1LL : 0LL) {}  // booleans are 0/1 integers on both backends
  template <std::integral T>
  requires(!std::same_as<T, bool>) Value(T v) : v_(static_cast<long long>(v)) {}
  Value(double d) : v_(d) {}
  Value(std::string s) : v_(std::move(s)) {}
  Value(std::string_view s) : v_(std::string(s)) {}
  Value(const char* s) : v_(std::string(s)) {}
  template <typename T>
  Value(const std::optional<T>& o) {
    if (o) *this = Value(*o);
  }

  bool is_null() const { return std::holds_alternative<std::monostate>(v_); }
  const Storage& storage() const { return v_; }

 private:
  Storage v_;
};

using Params = std::vector<Value>;

}  // namespace portal::db
