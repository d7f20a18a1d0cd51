#pragma once
// Configuration from the environment and an optional KEY=VALUE file (PORTAL_CONFIG_FILE).
// Environment variables override the file. Keys are the full variable names (PORTAL_AUTH_PORT).
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace portal::core {

class Config {
 public:
  Config() = default;
  // Reads PORTAL_CONFIG_FILE (if set) then every PORTAL_* environment variable.
  static Config from_environment();
  // Parses KEY=VALUE lines; '#' starts a comment line; surrounding whitespace and quotes are trimmed.
  static Config from_text(std::string_view text);

  std::optional<std::string> find(std::string_view key) const;
  std::string get(std::string_view key, std::string_view fallback = "") const;
  // Falls back when missing; throws std::invalid_argument naming the key when present but not a number.
  long long get_int(std::string_view key, long long fallback) const;
  bool get_bool(std::string_view key, bool fallback) const;
  void set(std::string key, std::string value) { values_[std::move(key)] = std::move(value); }

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

}  // namespace portal::core
