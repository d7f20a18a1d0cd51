#pragma once
// What every portal-events route needs, passed in (no globals). The pointers are null only when the routes
// are built to be listed (--list-routes).
#include <string>

#include "events_settings.hpp"
#include "portal/core/clock.hpp"
#include "portal/core/log.hpp"
#include "portal/db/database.hpp"
#include "portal/http/server.hpp"

namespace portal::events_hub {

class EventFeed;
class Deliverer;
class EventsMetrics;

struct EventsContext {
  const core::Clock& clock;
  core::Logger& logger;
  EventsSettings settings;
  db::Database* db = nullptr;
  std::string ingest_key;  // the services' shared key the relays sign with (PORTAL_FORWARDING_KEY)
  EventFeed* feed = nullptr;
  Deliverer* deliverer = nullptr;
  EventsMetrics* metrics = nullptr;
};

inline constexpr const char* kWebhooks = "/api/v1/webhooks";
inline constexpr const char* kEvents = "/api/v1/events";

void register_ingest_route(http::Server& server, EventsContext& ctx);    // POST /internal/v1/events
void register_webhook_routes(http::Server& server, EventsContext& ctx);  // /api/v1/webhooks...
void register_stream_route(http::Server& server, EventsContext& ctx);    // GET /api/v1/events (SSE)

}  // namespace portal::events_hub
