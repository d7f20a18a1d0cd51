#pragma once
// Issue 15: SQL of portal-events only (events, webhook endpoints, deliveries), on SQLite and PostgreSQL.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "portal/core/clock.hpp"
#include "portal/db/connection.hpp"
#include "portal/events/event.hpp"

namespace portal::events_hub::store {

struct StoredEvent {
  long long seq = 0;
  std::string id;
  std::string type;
  std::string provider_nit;
  std::string envelope;
};

// The event and a pending delivery for every active endpoint of its provider subscribed to its type; nullopt
// when an event with that id is already stored (a relay's retry), which then changes nothing.
std::optional<long long> insert_event(db::Connection& c, const events::Event& e, const std::string& envelope,
                                      core::Instant now);
// Events after `after_seq` in arrival order, of one provider or of all.
std::vector<StoredEvent> events_after(db::Connection& c, long long after_seq,
                                      const std::optional<std::string>& provider_nit, int limit);
std::optional<long long> seq_of(db::Connection& c, const std::string& event_id);
long long last_seq(db::Connection& c);

struct Endpoint {
  long long id = 0;
  std::string provider_nit;
  std::string url;
  std::vector<std::string> event_types;
  std::optional<std::string> description;
  std::optional<std::string> contact_email;
  std::string secret;
  std::string status = "active";
  std::optional<std::string> disabled_reason;
  std::string created_by;
  core::Instant created_at{};
  core::Instant updated_at{};
};

long long insert_endpoint(db::Connection& c, const Endpoint& e);
std::vector<Endpoint> list_endpoints(db::Connection& c, const std::string& provider_nit, int limit,
                                     int offset);
long long count_endpoints(db::Connection& c, const std::string& provider_nit);
long long count_active_endpoints(db::Connection& c, const std::string& provider_nit);
std::optional<Endpoint> find_endpoint(db::Connection& c, long long id,
                                      const std::optional<std::string>& provider_nit);
void set_secret(db::Connection& c, long long id, const std::string& secret, core::Instant now);
// Disables the endpoint and fails its pending deliveries; false when it was already disabled.
bool disable_endpoint(db::Connection& c, long long id, const std::string& reason, core::Instant now);

struct Delivery {
  long long id = 0;
  long long endpoint_id = 0;
  long long event_seq = 0;
  std::string event_id;
  std::string event_type;
  std::string status;
  int attempts = 0;
  bool manual = false;
  core::Instant created_at{};
  std::optional<core::Instant> next_attempt_at;
  std::optional<core::Instant> last_attempt_at;
  std::optional<int> last_status_code;
  std::optional<long long> last_latency_ms;
  std::optional<std::string> last_error;
};

std::vector<Delivery> list_deliveries(db::Connection& c, long long endpoint_id, int limit, int offset);
long long count_deliveries(db::Connection& c, long long endpoint_id);
std::optional<Delivery> find_delivery(db::Connection& c, long long id, long long endpoint_id);
// A new pending delivery of the same event to the same endpoint (manual = 1); its id.
long long redeliver(db::Connection& c, const Delivery& d, core::Instant now);

// What the deliverer needs for one attempt.
struct DueDelivery {
  long long id = 0;
  int attempts = 0;
  long long endpoint_id = 0;
  std::string url;
  std::string secret;
  std::string endpoint_status;
  std::string event_id;
  std::string envelope;
};
// Takes up to `limit` due deliveries, pushing their next attempt `lease` ahead (a dead deliverer's claim
// expires and another takes it: nothing is lost; two never take the same one at once).
std::vector<DueDelivery> claim_due(db::Connection& c, core::Instant now, std::chrono::milliseconds lease,
                                   int limit);
void record_attempt(db::Connection& c, long long id, const std::string& status, int attempts,
                    core::Instant at, std::optional<core::Instant> next_attempt_at, int status_code,
                    long long latency_ms, const std::string& error);
long long pending_deliveries(db::Connection& c);

// Retention: finished deliveries created before `cutoff`, then events received before it that no delivery
// refers to any more. Returns the events deleted.
long long purge_before(db::Connection& c, core::Instant cutoff);

}  // namespace portal::events_hub::store
