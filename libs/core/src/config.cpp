#include "portal/core/config.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace portal::core {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  if (s.size() >= 2 && ((s.front() == '"' && s.back() == '"') || (s.front() == '\'' && s.back() == '\''))) {
    s.remove_prefix(1);
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

Config Config::from_text(std::string_view text) {
  Config config;
  std::istringstream in{std::string(text)};
  std::string line;
  while (std::getline(in, line)) {
    std::string_view l = trim(line);
    if (l.empty() || l.front() == '#') continue;
    auto eq = l.find('=');
    if (eq == std::string_view::npos) continue;
    config.set(std::string(trim(l.substr(0, eq))), std::string(trim(l.substr(eq + 1))));
  }
  return config;
}

Config Config::from_environment() {
  Config config;
  if (const char* file = std::getenv("PORTAL_CONFIG_FILE"); file && *file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error(std::string("cannot read PORTAL_CONFIG_FILE ") + file);
    std::stringstream ss;
    ss << in.rdbuf();
    config = from_text(ss.str());
  }
  for (char** e = environ; e && *e; ++e) {
    std::string_view kv{*e};
    if (kv.rfind("PORTAL_", 0) != 0) continue;
    auto eq = kv.find('=');
    if (eq == std::string_view::npos) continue;
    config.set(std::string(kv.substr(0, eq)), std::string(kv.substr(eq + 1)));
  }
  return config;
}

std::optional<std::string> Config::find(std::string_view key) const {
  auto it = values_.find(key);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string Config::get(std::string_view key, std::string_view fallback) const {
  auto v = find(key);
  return v ? *v : std::string(fallback);
}

long long Config::get_int(std::string_view key, long long fallback) const {
  auto v = find(key);
  if (!v || v->empty()) return fallback;
  try {
    size_t used = 0;
    long long n = std::stoll(*v, &used);
    if (used != v->size()) throw std::invalid_argument("trailing");
    return n;
  } catch (const std::exception&) {
    throw std::invalid_argument("configuration " + std::string(key) + " must be an integer, got '" + *v + "'");
  }
}

bool Config::get_bool(std::string_view key, bool fallback) const {
  auto v = find(key);
  if (!v || v->empty()) return fallback;
  if (*v == "1" || *v == "true" || *v == "yes" || *v == "on") return true;
  if (*v == "0" || *v == "false" || *v == "no" || *v == "off") return false;
  throw std::invalid_argument("configuration " + std::string(key) + " must be true or false, got '" + *v + "'");
}

}  // namespace portal::core
