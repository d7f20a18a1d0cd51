#pragma once
// Issue 15: portal-events' configuration (docs/operations.md lists every key).
#include <chrono>

#include "delivery_policy.hpp"
#include "portal/core/config.hpp"
#include "webhook_sender.hpp"

namespace portal::events_hub {

struct EventsSettings {
  SenderOptions sender;     // PORTAL_WEBHOOKS_ALLOW_PRIVATE, _ALLOW_HTTP, _TIMEOUT_MS, _MAX_RESPONSE_BYTES
  Schedule retry_schedule;  // PORTAL_WEBHOOKS_RETRY_SCHEDULE_MS (default_schedule())
  int max_endpoints_per_provider = 20;         // PORTAL_WEBHOOKS_MAX_PER_PROVIDER
  std::chrono::milliseconds heartbeat{15000};  // PORTAL_EVENTS_HEARTBEAT_MS
  std::chrono::milliseconds poll_interval{
      1000};                       // PORTAL_EVENTS_POLL_MS: streams and deliverer re-read the database
  int max_streams_per_client = 3;  // PORTAL_EVENTS_MAX_STREAMS_PER_CLIENT
  std::chrono::seconds max_stream{3600};
  int retention_days = 30;  // PORTAL_EVENTS_RETENTION_DAYS: events and finished deliveries kept (replays,
                            // log)  // PORTAL_EVENTS_MAX_STREAM_SECONDS: then the client reconnects
  int replay_limit = 1000;  // events one reconnection replays at most
};

// Throws std::invalid_argument naming the key of an unusable value.
EventsSettings events_settings(const core::Config& config);

}  // namespace portal::events_hub
