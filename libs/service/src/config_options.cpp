#include "portal/service/config_options.hpp"

#include <stdexcept>

namespace portal::service {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

core::LogLevel log_level(const core::Config& config) {
  const auto level = config.get("PORTAL_LOG_LEVEL", "info");
  if (level == "debug") return core::LogLevel::debug;
  if (level == "warn") return core::LogLevel::warn;
  if (level == "error") return core::LogLevel::error;
  return core::LogLevel::info;
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  while (true) {
    const auto comma = text.find(',');
    const auto item = trim(text.substr(0, comma));
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

http::ServerOptions server_options(const core::Config& config, const ServerSettings& settings) {
  http::ServerOptions o;
  o.service_name = std::string(settings.service);
  o.host = config.get("PORTAL_HOST", "127.0.0.1");
  o.port = static_cast<std::uint16_t>(config.get_int(settings.port_key, settings.default_port));
  o.max_body_bytes = static_cast<std::size_t>(config.get_int("PORTAL_MAX_BODY_BYTES", 1048576));
  o.cors_origins = split_list(config.get("PORTAL_CORS_ORIGINS", "http://localhost:5173"));
  o.worker_threads = static_cast<int>(config.get_int(settings.workers_key, settings.default_workers));
  if (!settings.io_threads_key.empty())
    o.io_threads = static_cast<int>(config.get_int(settings.io_threads_key, settings.default_io_threads));
  return o;
}

http::ClientOptions upstream_options(const core::Config& config, const std::string& key,
                                     const std::string& fallback_url, const std::string& name,
                                     std::chrono::milliseconds read_timeout) {
  auto url = config.get(key, fallback_url);
  if (const auto comma = url.find(','); comma != std::string::npos) url.resize(comma);
  constexpr std::string_view kScheme = "http://";
  if (url.rfind(kScheme, 0) != 0) throw std::invalid_argument(key + " must start with http://");
  auto rest = url.substr(kScheme.size());
  if (const auto slash = rest.find('/'); slash != std::string::npos) rest.resize(slash);
  http::ClientOptions o;
  o.name = name;
  const auto colon = rest.rfind(':');
  o.host = colon == std::string::npos ? rest : rest.substr(0, colon);
  o.port = colon == std::string::npos ? 80 : std::stoi(rest.substr(colon + 1));
  o.read_timeout = read_timeout;
  return o;
}

}  // namespace portal::service
