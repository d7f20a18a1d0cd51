#include "gateway_settings.hpp"

#include <filesystem>
#include <stdexcept>

#include "api_reference.hpp"
#include "portal/service/config_options.hpp"

namespace portal::gateway {

namespace {

long long ranged(const core::Config& config, std::string_view key, long long fallback, long long min,
                 long long max) {
  const long long v = config.get_int(key, fallback);
  if (v < min || v > max)
    throw std::invalid_argument("configuration " + std::string(key) + " must be between " +
                                std::to_string(min) + " and " + std::to_string(max));
  return v;
}

}  // namespace

GatewaySettings settings_from_config(const core::Config& config) {
  GatewaySettings s;
  s.host = config.get("PORTAL_HOST", s.host);
  s.port = static_cast<std::uint16_t>(ranged(config, "PORTAL_GATEWAY_PORT", s.port, 0, 65535));
  s.auth_instances = parse_upstream_urls(config.get("PORTAL_AUTH_URL", "http://127.0.0.1:8081"));
  s.affiliates_instances = parse_upstream_urls(config.get("PORTAL_AFFILIATES_URL", "http://127.0.0.1:8082"));
  s.urgencies_instances = parse_upstream_urls(config.get("PORTAL_URGENCIES_URL", "http://127.0.0.1:8083"));
  s.authorizations_instances =
      parse_upstream_urls(config.get("PORTAL_AUTHORIZATIONS_URL", "http://127.0.0.1:8084"));
  s.finance_instances = parse_upstream_urls(config.get("PORTAL_FINANCE_URL", "http://127.0.0.1:8087"));
  s.referrals_instances = parse_upstream_urls(config.get("PORTAL_REFERRALS_URL", "http://127.0.0.1:8085"));
  s.events_instances = parse_upstream_urls(config.get("PORTAL_EVENTS_URL", "http://127.0.0.1:8088"));
  s.inconsistencies_instances =
      parse_upstream_urls(config.get("PORTAL_INCONSISTENCIES_URL", "http://127.0.0.1:8086"));
  s.cors_origins = service::split_list(config.get("PORTAL_CORS_ORIGINS", "http://localhost:5173"));
  s.max_body_bytes = static_cast<std::size_t>(
      ranged(config, "PORTAL_MAX_BODY_BYTES", static_cast<long long>(s.max_body_bytes), 1024, 1LL << 30));
  s.max_import_bytes =
      static_cast<std::size_t>(ranged(config, "PORTAL_GATEWAY_MAX_IMPORT_BYTES",
                                      static_cast<long long>(s.max_import_bytes), 1024, 1LL << 31));
  s.jwt_issuer = config.get("PORTAL_JWT_ISSUER", s.jwt_issuer);
  s.jwt_audience = config.get("PORTAL_JWT_AUDIENCE", s.jwt_audience);
  s.swagger_ui_dir = config.get("PORTAL_SWAGGER_UI_DIR", kDefaultSwaggerUiDir);
  if (auto file = config.find("PORTAL_OPENAPI_FILE"); file && !file->empty()) {
    s.openapi_file = *file;
  } else {
    auto root = config.get("PORTAL_SOURCE_DIR");
    s.openapi_file = ((root.empty() ? std::filesystem::current_path() : std::filesystem::path(root)) / "api" /
                      "openapi.yaml")
                         .string();
  }
  s.log_level = service::log_level(config);
  s.io_threads = static_cast<int>(ranged(config, "PORTAL_GATEWAY_IO_THREADS", s.io_threads, 1, 64));
  s.worker_threads = static_cast<int>(ranged(config, "PORTAL_GATEWAY_WORKERS", s.worker_threads, 1, 1024));
  s.connect_timeout = std::chrono::milliseconds{
      ranged(config, "PORTAL_UPSTREAM_CONNECT_TIMEOUT_MS", s.connect_timeout.count(), 10, 60000)};
  s.read_timeout = std::chrono::milliseconds{
      ranged(config, "PORTAL_UPSTREAM_READ_TIMEOUT_MS", s.read_timeout.count(), 10, 600000)};
  s.request_timeout = std::chrono::seconds{
      ranged(config, "PORTAL_GATEWAY_REQUEST_TIMEOUT_SECONDS", s.request_timeout.count(), 5, 3600)};
  if (s.request_timeout <= s.read_timeout)
    throw std::invalid_argument(
        "configuration PORTAL_GATEWAY_REQUEST_TIMEOUT_SECONDS must be above PORTAL_UPSTREAM_READ_TIMEOUT_MS "
        "(else a slow upstream gets 408 instead of 504)");
  s.idempotent_retries =
      static_cast<int>(ranged(config, "PORTAL_UPSTREAM_RETRIES", s.idempotent_retries, 0, 5));
  s.breaker_failures =
      static_cast<int>(ranged(config, "PORTAL_UPSTREAM_BREAKER_FAILURES", s.breaker_failures, 1, 1000));
  s.breaker_open_for = std::chrono::milliseconds{
      ranged(config, "PORTAL_UPSTREAM_BREAKER_OPEN_MS", s.breaker_open_for.count(), 10, 600000)};
  s.health_interval = std::chrono::milliseconds{
      ranged(config, "PORTAL_GATEWAY_HEALTH_INTERVAL_MS", s.health_interval.count(), 50, 60000)};
  s.health_timeout = std::chrono::milliseconds{
      ranged(config, "PORTAL_GATEWAY_HEALTH_TIMEOUT_MS", s.health_timeout.count(), 10, 60000)};
  s.forwarded_proto = config.get("PORTAL_FORWARDED_PROTO", s.forwarded_proto);
  s.jwks_retry =
      std::chrono::milliseconds{ranged(config, "PORTAL_JWKS_RETRY_MS", s.jwks_retry.count(), 10, 60000)};
  s.jwks_refresh =
      std::chrono::seconds{ranged(config, "PORTAL_JWKS_REFRESH_SECONDS", s.jwks_refresh.count(), 1, 86400)};
  s.rate_limits = rate_limits_from_config(config);
  try {
    s.trusted_proxies = http::parse_cidr_list(config.get("PORTAL_TRUSTED_PROXIES", ""));
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string("configuration PORTAL_TRUSTED_PROXIES: ") + e.what());
  }
  try {
    s.metrics_access = http::parse_metrics_access(config.get("PORTAL_METRICS_ALLOW", ""));
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string("configuration PORTAL_METRICS_ALLOW: ") + e.what());
  }
  return s;
}

}  // namespace portal::gateway
