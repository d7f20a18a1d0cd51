#pragma once
// How the stores keep code lists in one TEXT column, shared by the stores.
#include <sstream>
#include <string>
#include <vector>

namespace portal::auth::sql {

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
