#pragma once
// One row of a query's result, read by column index (0-based, in SELECT order). The same calls work on
// both backends: integers and booleans (stored as 0/1) come back as int64, text as std::string.
#include <optional>
#include <string>

namespace portal::db {

class Row {
 public:
  virtual ~Row() = default;
  virtual int size() const = 0;
  virtual bool is_null(int column) const = 0;
  virtual long long int64(int column) const = 0;
  virtual double real(int column) const = 0;
  virtual std::string text(int column) const = 0;

  int int32(int column) const { return static_cast<int>(int64(column)); }
  bool boolean(int column) const { return int64(column) != 0; }
  std::optional<std::string> optional_text(int column) const {
    if (is_null(column)) return std::nullopt;
    return text(column);
  }
  std::optional<long long> optional_int64(int column) const {
    if (is_null(column)) return std::nullopt;
    return int64(column);
  }
  std::optional<int> optional_int32(int column) const {
    if (is_null(column)) return std::nullopt;
    return int32(column);
  }
};

}  // namespace portal::db
