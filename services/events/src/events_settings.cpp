#include "events_settings.hpp"

#include <stdexcept>
#include <string>

namespace portal::events_hub {
namespace {

long long ranged(const core::Config& config, const char* key, long long fallback, long long min,
                 long long max) {
  const long long v = config.get_int(key, fallback);
  if (v < min || v > max)
    throw std::invalid_argument(std::string(key) + " must be between " + std::to_string(min) + " and " +
                                std::to_string(max));
  return v;
}

}  // namespace

EventsSettings events_settings(const core::Config& config) {
  EventsSettings s;
  s.sender.allow_private = config.get_bool("PORTAL_WEBHOOKS_ALLOW_PRIVATE", false);
  s.sender.allow_http = config.get_bool("PORTAL_WEBHOOKS_ALLOW_HTTP", false);
  s.sender.timeout =
      std::chrono::milliseconds(ranged(config, "PORTAL_WEBHOOKS_TIMEOUT_MS", 10000, 100, 30000));
  s.sender.max_response_bytes = static_cast<std::size_t>(
      ranged(config, "PORTAL_WEBHOOKS_MAX_RESPONSE_BYTES", 64 * 1024, 0, 1024 * 1024));
  const auto schedule = config.get("PORTAL_WEBHOOKS_RETRY_SCHEDULE_MS", "");
  s.retry_schedule = schedule.empty() ? default_schedule() : parse_schedule(schedule);
  s.max_endpoints_per_provider =
      static_cast<int>(ranged(config, "PORTAL_WEBHOOKS_MAX_PER_PROVIDER", 20, 1, 1000));
  s.heartbeat = std::chrono::milliseconds(ranged(config, "PORTAL_EVENTS_HEARTBEAT_MS", 15000, 50, 300000));
  s.poll_interval = std::chrono::milliseconds(ranged(config, "PORTAL_EVENTS_POLL_MS", 1000, 10, 60000));
  s.max_streams_per_client =
      static_cast<int>(ranged(config, "PORTAL_EVENTS_MAX_STREAMS_PER_CLIENT", 3, 1, 100));
  s.max_stream = std::chrono::seconds(ranged(config, "PORTAL_EVENTS_MAX_STREAM_SECONDS", 3600, 10, 86400));
  s.retention_days = static_cast<int>(ranged(config, "PORTAL_EVENTS_RETENTION_DAYS", 30, 1, 3650));
  return s;
}

}  // namespace portal::events_hub
