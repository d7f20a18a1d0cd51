#pragma once
// Issue 15: one event mechanism for every service. An event is written to the publishing service's own
// event_outbox table in the same transaction as the change that caused it (publish()), so a change that
// rolls back announces nothing and a committed one is never lost; a relay thread (relay.hpp) then ships the
// outbox in order to portal-events, which fans each event out to webhooks and SSE streams. docs/events.md.
#include <optional>
#include <string>
#include <string_view>

#include "portal/core/clock.hpp"
#include "portal/core/errors.hpp"
#include "portal/db/connection.hpp"

namespace portal::events {

// The outbox table; a publishing service adds it as one of its migrations (any version it chooses), as it
// does with audit::kAuditTrailDdl. Times are UTC milliseconds; sent_at stays NULL until the hub took it.
inline constexpr std::string_view kEventOutboxDdl = R"sql(
CREATE TABLE event_outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  provider_nit TEXT NOT NULL,
  occurred_at INTEGER NOT NULL,
  payload TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  sent_at INTEGER,
  last_error TEXT
);
CREATE INDEX event_outbox_unsent ON event_outbox (sent_at, seq);
)sql";

struct Event {
  std::string id;            // "evt_<random>": the de-duplication key of every channel (at-least-once)
  std::string type;          // "authorization_request.approved", ...
  std::string provider_nit;  // the provider it concerns: who may receive it
  core::Instant occurred_at{};
  std::string data = "{}";  // JSON object: no more personal data than the provider may read
};

// A new event with a fresh random id.
Event make_event(std::string type, std::string provider_nit, std::string data_json, core::Instant at);

// Inserts the event using the caller's open write transaction (the change's own).
void publish(db::Connection& tx, const Event& event);

// The envelope every channel carries (webhook body, SSE data, the relay's POST):
// {"id", "type", "timestamp" (RFC 3339 UTC), "provider_nit", "data": {...}}.
std::string to_json(const Event& event);
// The envelope read back; every problem as a field error (the hub's ingest route answers 422 with them).
std::optional<Event> from_json(std::string_view body, core::FieldErrors& errors);

// True for "authorization_request.approved"-like names: lower-case words and '_' around one or more dots.
bool valid_event_type(std::string_view type);

}  // namespace portal::events
