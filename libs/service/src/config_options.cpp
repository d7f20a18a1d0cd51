#include "portal/service/config_options.hpp"

#include <unistd.h>

#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "portal/db/dialect.hpp"
#include "portal/security/password.hpp"

namespace portal::service {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

int bounded_int(const core::Config& config, const std::string& key, int fallback, int min, int max) {
  const auto text = config.get(key, std::to_string(fallback));
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < min || value > max)
    throw std::invalid_argument(key + " must be a whole number from " + std::to_string(min) + " to " +
                                std::to_string(max) + ", got '" + text + "'");
  return value;
}

}  // namespace

db::DatabaseOptions database_options(const core::Config& config, std::string_view service,
                                     const std::string& data_dir) {
  const std::string prefix = "PORTAL_" + upper(service) + "_DATABASE";
  db::DatabaseOptions o;
  o.url = config.get(prefix + "_URL", "sqlite:" + data_dir + "/" + std::string(service) + ".db");
  try {
    (void)db::parse_database_url(o.url);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(prefix + "_URL: " + e.what());
  }
  o.write_connections = bounded_int(config, prefix + "_POOL", o.write_connections, 1, 500);
  o.read_connections = bounded_int(config, prefix + "_READERS", o.read_connections, 1, 500);
  o.application_name = "portal-" + std::string(service);
  return o;
}

core::LogLevel log_level(const core::Config& config) {
  const auto level = config.get("PORTAL_LOG_LEVEL", "info");
  if (level == "debug") return core::LogLevel::debug;
  if (level == "warn" || level == "warning") return core::LogLevel::warn;
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
  try {
    o.trusted_proxies = http::parse_cidr_list(config.get("PORTAL_TRUSTED_PROXIES", ""));
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string("PORTAL_TRUSTED_PROXIES: ") + e.what());
  }
  o.metrics_access = metrics_access(config);
  return o;
}

http::MetricsAccess metrics_access(const core::Config& config) {
  try {
    return http::parse_metrics_access(config.get("PORTAL_METRICS_ALLOW", ""));
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string("PORTAL_METRICS_ALLOW: ") + e.what());
  }
}

http::RevocationFeedOptions revocation_options(const core::Config& config) {
  http::RevocationFeedOptions o;
  const auto poll = config.get_int("PORTAL_REVOCATION_POLL_MS", o.poll_every.count());
  if (poll < 50 || poll > 60000)
    throw std::invalid_argument("PORTAL_REVOCATION_POLL_MS must be between 50 and 60000");
  o.poll_every = std::chrono::milliseconds{poll};
  return o;
}

mail::MailOptions mail_options(const core::Config& config, std::string outbox_dir) {
  mail::MailOptions o;
  o.from = config.get("PORTAL_MAIL_FROM", o.from);
  o.smtp_url = config.get("PORTAL_SMTP_URL", "");
  o.smtp_user = config.get("PORTAL_SMTP_USER", "");
  o.smtp_password = config.get("PORTAL_SMTP_PASSWORD", "");
  o.outbox_dir = std::move(outbox_dir);
  return o;
}

http::ServerOptions with_forwarding_key(http::ServerOptions options, const core::Config& config) {
  options.forwarding_key = forwarding_key(config);
  return options;
}

std::string forwarding_key(const core::Config& config) {
  if (const auto key = config.find("PORTAL_FORWARDING_KEY")) {
    if (key->size() < 32)
      throw std::invalid_argument("PORTAL_FORWARDING_KEY must have at least 32 characters");
    return *key;
  }
  const std::filesystem::path dir = std::filesystem::path(config.get("PORTAL_DATA_DIR", "var")) / "keys";
  const auto file = dir / "forwarding.key";
  auto read = [&file]() -> std::string {
    std::ifstream in(file);
    std::string key;
    std::getline(in, key);
    return key;
  };
  if (auto key = read(); key.size() >= 32) return key;
  std::filesystem::create_directories(dir);
  // Written to a temporary file, then linked into place: two processes starting at once never see a
  // half-written key, and the second keeps the first one's.
  const auto temp = dir / ("forwarding.key." + security::random_token(6));
  {
    std::ofstream out(temp);
    out << security::random_token(32) << "\n";
  }
  std::filesystem::permissions(temp,
                               std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  ::link(temp.c_str(), file.c_str());  // EEXIST: another process won; its key is read below
  std::filesystem::remove(temp);
  auto key = read();
  if (key.size() < 32) throw std::invalid_argument("unreadable forwarding key in " + file.string());
  return key;
}

UpstreamAddress parse_upstream_url(std::string_view url) {
  const std::string_view original = url;
  auto bad = [&] { return std::invalid_argument("invalid upstream URL '" + std::string(original) + "'"); };
  constexpr std::string_view kScheme = "http://";
  if (url.substr(0, kScheme.size()) != kScheme) throw bad();
  url.remove_prefix(kScheme.size());
  if (const auto slash = url.find('/'); slash != std::string_view::npos) {
    if (url.substr(slash) != "/") throw bad();
    url = url.substr(0, slash);
  }
  UpstreamAddress address;
  const auto colon = url.rfind(':');
  address.host = std::string(url.substr(0, colon));
  address.port = 80;
  if (colon != std::string_view::npos) {
    const auto digits = url.substr(colon + 1);
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), address.port);
    if (ec != std::errc{} || end != digits.data() + digits.size() || address.port < 1 || address.port > 65535)
      throw bad();
  }
  if (address.host.empty()) throw bad();
  return address;
}

http::ClientOptions upstream_options(const core::Config& config, const std::string& key,
                                     const std::string& fallback_url, const std::string& name,
                                     std::chrono::milliseconds read_timeout) {
  const auto list = config.get(key, fallback_url);
  const std::string_view first = trim(std::string_view(list).substr(0, list.find(',')));
  UpstreamAddress address;
  try {
    address = parse_upstream_url(first);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(key + ": " + e.what() + " (expected http://host[:port])");
  }
  http::ClientOptions o;
  o.name = name;
  o.host = std::move(address.host);
  o.port = address.port;
  o.read_timeout = read_timeout;
  return o;
}

}  // namespace portal::service
