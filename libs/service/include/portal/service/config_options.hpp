#pragma once
// Configuration keys every service reads the same way, turned into libs/http options.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "portal/core/config.hpp"
#include "portal/core/log.hpp"
#include "portal/db/database.hpp"
#include "portal/http/client.hpp"
#include "portal/http/client_address.hpp"
#include "portal/http/revocations.hpp"
#include "portal/http/server.hpp"
#include "portal/mail/outbox.hpp"

namespace portal::service {

// PORTAL_LOG_LEVEL: "debug", "warn" (or "warning") or "error"; anything else (or nothing) is info.
core::LogLevel log_level(const core::Config& config);

// "a, b,,c" → {"a", "b", "c"}: comma-separated, spaces and tabs trimmed, blank items dropped.
std::vector<std::string> split_list(std::string_view text);

// What differs between services in their HTTP server's configuration. Each service declares one next
// to the reason for its worker count.
struct ServerSettings {
  std::string_view service;   // http::ServerOptions::service_name, e.g. "auth"
  std::string_view port_key;  // e.g. "PORTAL_AUTH_PORT"
  std::uint16_t default_port = 0;
  std::string_view workers_key;  // e.g. "PORTAL_AUTH_WORKERS"
  int default_workers = 16;
  std::string_view io_threads_key;  // empty: the service keeps http::ServerOptions' default
  int default_io_threads = 2;
};

// PORTAL_HOST (127.0.0.1), the service's port, PORTAL_MAX_BODY_BYTES (1 MiB), PORTAL_CORS_ORIGINS
// (http://localhost:5173), the service's workers and I/O threads, PORTAL_TRUSTED_PROXIES (CIDRs, none by
// default). Throws std::invalid_argument naming a bad key.
http::ServerOptions server_options(const core::Config& config, const ServerSettings& settings);

// The service's database (OPS-2, issue 8), for service "urgencies":
//   PORTAL_URGENCIES_DATABASE_URL      sqlite:<PORTAL_DATA_DIR>/urgencies.db (default) or postgresql://...
//   PORTAL_URGENCIES_DATABASE_POOL     PostgreSQL connections for writes (16; 1..500)
//   PORTAL_URGENCIES_DATABASE_READERS  connections for reads (4; 1..500)
// Throws std::invalid_argument naming the key when a value is unusable.
db::DatabaseOptions database_options(const core::Config& config, std::string_view service,
                                     const std::string& data_dir);

// The key the gateway signs X-Portal-Client with and the services check it with (issue 9 item 8):
// PORTAL_FORWARDING_KEY (at least 32 characters) or, when unset, <PORTAL_DATA_DIR>/keys/forwarding.key,
// created with 32 random bytes (mode 0600) by whichever process needs it first. Processes that share a
// data directory (`make run`) share the key without configuration; elsewhere set the variable.
std::string forwarding_key(const core::Config& config);
// `options` believing the gateway's signed X-Portal-Client: what a running service serves with (kept
// apart from server_options, which reads configuration only and touches no file).
http::ServerOptions with_forwarding_key(http::ServerOptions options, const core::Config& config);

// PORTAL_REVOCATION_POLL_MS (1000; 50..60000): how often the revocation list is re-loaded (issue 9).
http::RevocationFeedOptions revocation_options(const core::Config& config);
// PORTAL_METRICS_ALLOW (issue 10): who may read /metrics; loopback when unset, "*" for anyone, else CIDRs.
http::MetricsAccess metrics_access(const core::Config& config);

// OPS-5 e-mail as every service sends it: PORTAL_MAIL_FROM, PORTAL_SMTP_URL (empty: .eml files in
// outbox_dir), PORTAL_SMTP_USER, PORTAL_SMTP_PASSWORD.
mail::MailOptions mail_options(const core::Config& config, std::string outbox_dir);

// One instance of another service.
struct UpstreamAddress {
  std::string host;
  int port = 0;
  bool operator==(const UpstreamAddress&) const = default;
};

// "http://host[:port]" (port 80 when absent, else 1..65535; a trailing "/" is allowed, any other path is
// refused because it would silently be ignored). Plain http only: TLS ends before the services.
// Throws std::invalid_argument "invalid upstream URL '<url>'" otherwise.
UpstreamAddress parse_upstream_url(std::string_view url);

// Another service's address, config[key] or fallback_url, parsed by parse_upstream_url, into client
// options named `name`. Only the first entry of a comma-separated list is used (the gateway balances
// over all of them; a service talks to the first). Throws std::invalid_argument naming the key.
http::ClientOptions upstream_options(
    const core::Config& config, const std::string& key, const std::string& fallback_url,
    const std::string& name, std::chrono::milliseconds read_timeout = http::ClientOptions{}.read_timeout);

}  // namespace portal::service
