#pragma once
// Everything the gateway reads from configuration (env PORTAL_*, see the brief's config keys), with
// its defaults in one place.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "portal/core/config.hpp"
#include "portal/core/log.hpp"
#include "portal/http/client_address.hpp"
#include "rate_limiter.hpp"
#include "upstream.hpp"

namespace portal::gateway {

struct GatewaySettings {
  std::string host = "127.0.0.1";                          // PORTAL_HOST
  std::uint16_t port = 8080;                               // PORTAL_GATEWAY_PORT (0 = any free port)
  std::vector<UpstreamInstance> auth_instances;            // PORTAL_AUTH_URL, comma list (GW-6)
  std::vector<UpstreamInstance> affiliates_instances;      // PORTAL_AFFILIATES_URL, comma list (issue 3)
  std::vector<UpstreamInstance> urgencies_instances;       // PORTAL_URGENCIES_URL, comma list (issue 4)
  std::vector<UpstreamInstance> authorizations_instances;  // PORTAL_AUTHORIZATIONS_URL, comma list (issue 12)
  std::vector<UpstreamInstance> finance_instances;         // PORTAL_FINANCE_URL, comma list (issue 18)
  std::vector<UpstreamInstance> referrals_instances;       // PORTAL_REFERRALS_URL, comma list (issue 16)
  std::vector<UpstreamInstance> events_instances;          // PORTAL_EVENTS_URL, comma list (issue 15)
  std::vector<UpstreamInstance>
      inconsistencies_instances;             // PORTAL_INCONSISTENCIES_URL, comma list (issue 17)
  std::vector<std::string> cors_origins;     // PORTAL_CORS_ORIGINS
  std::size_t max_body_bytes = 1024 * 1024;  // PORTAL_MAX_BODY_BYTES
  // AFF-4 roster CSV uploads (POST /api/v1/affiliates/imports, multipart) may be as large as the
  // affiliates service accepts (PORTAL_AFFILIATES_MAX_IMPORT_BYTES, 256 MiB); every other route keeps
  // max_body_bytes (issue 3).
  std::size_t max_import_bytes = 256 * 1024 * 1024;  // PORTAL_GATEWAY_MAX_IMPORT_BYTES
  std::string jwt_issuer = "eps-portal-auth";        // PORTAL_JWT_ISSUER
  std::string jwt_audience = "eps-portal";           // PORTAL_JWT_AUDIENCE
  std::string openapi_file;                          // PORTAL_OPENAPI_FILE
  // Issue 20: Swagger UI's static files for /docs, from the Debian package python3-flasgger.
  std::string swagger_ui_dir;                       // PORTAL_SWAGGER_UI_DIR
  core::LogLevel log_level = core::LogLevel::info;  // PORTAL_LOG_LEVEL
  int io_threads = 2;                               // PORTAL_GATEWAY_IO_THREADS
  // Every in-flight upstream call holds one worker (GW-4: one slow upstream must not stall the rest);
  // the upstream connection pool matches it. Measured (tests/bench, 2 cores, 64 connections): 96
  // workers cost ~236 µs of gateway CPU per proxied request, 16-48 workers ~140 µs (fewer runnable
  // threads and less concurrency pushed onto auth), so 48: still 47 calls free while one hangs.
  int worker_threads = 48;                         // PORTAL_GATEWAY_WORKERS
  std::chrono::milliseconds connect_timeout{300};  // PORTAL_UPSTREAM_CONNECT_TIMEOUT_MS
  std::chrono::milliseconds read_timeout{10000};   // PORTAL_UPSTREAM_READ_TIMEOUT_MS
  // How long a client may take to send a request and the gateway to answer it (else 408): above the
  // upstream read timeout, and long enough for the largest roster upload on the slowest expected link.
  std::chrono::seconds request_timeout{30};          // PORTAL_GATEWAY_REQUEST_TIMEOUT_SECONDS
  int idempotent_retries = 1;                        // PORTAL_UPSTREAM_RETRIES
  int breaker_failures = 5;                          // PORTAL_UPSTREAM_BREAKER_FAILURES
  std::chrono::milliseconds breaker_open_for{2000};  // PORTAL_UPSTREAM_BREAKER_OPEN_MS
  std::string forwarded_proto = "http";              // PORTAL_FORWARDED_PROTO (https behind a TLS terminator)
  std::chrono::milliseconds jwks_retry{500};         // PORTAL_JWKS_RETRY_MS
  std::chrono::seconds jwks_refresh{300};            // PORTAL_JWKS_REFRESH_SECONDS
  RateLimits rate_limits;                            // PORTAL_RATE_*
  // GW-6: every instance's GET /readyz once per interval; a check gets min(timeout, interval) to answer.
  // A dead instance also leaves the rotation on the first refused connection, so the interval mostly
  // bounds how soon a recovered (or newly unready) instance is noticed.
  std::chrono::milliseconds health_interval{1000};  // PORTAL_GATEWAY_HEALTH_INTERVAL_MS
  std::chrono::milliseconds health_timeout{500};    // PORTAL_GATEWAY_HEALTH_TIMEOUT_MS
  // Issue 9: load balancers in front of the gateway whose X-Forwarded-For is believed (none by default:
  // the connecting address is the client), and the key the client address forwarded to the services is
  // signed with (X-Portal-Client).
  // The forwarding key itself is read by GatewayApp (service::forwarding_key), not here.
  std::vector<http::Cidr> trusted_proxies;  // PORTAL_TRUSTED_PROXIES
  http::MetricsAccess metrics_access;       // PORTAL_METRICS_ALLOW (issue 10)
};

// Throws std::invalid_argument naming the key when a value is unusable.
GatewaySettings settings_from_config(const core::Config& config);

}  // namespace portal::gateway
