#pragma once
// Small conversions between SQLite columns and our optional values and code lists, shared by the stores.
#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace portal::auth::sql {

inline void bind(SQLite::Statement& st, int index, const std::optional<std::string>& v) {
  if (v) st.bind(index, *v);
  else st.bind(index);
}
inline void bind(SQLite::Statement& st, int index, const std::optional<long long>& v) {
  if (v) st.bind(index, static_cast<int64_t>(*v));
  else st.bind(index);
}
inline std::optional<std::string> text(SQLite::Statement& st, int index) {
  auto c = st.getColumn(index);
  if (c.isNull()) return std::nullopt;
  return c.getString();
}
inline std::optional<long long> integer(SQLite::Statement& st, int index) {
  auto c = st.getColumn(index);
  if (c.isNull()) return std::nullopt;
  return c.getInt64();
}
// Roles, permissions and scopes are stored space-separated.
inline std::string join_codes(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) {
    if (!out.empty()) out += ' ';
    out += c;
  }
  return out;
}
inline std::vector<std::string> split_codes(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string c; in >> c;) out.push_back(c);
  return out;
}

}  // namespace portal::auth::sql
