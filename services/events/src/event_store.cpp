#include "event_store.hpp"

#include <cstdint>

namespace portal::events_hub::store {
namespace {

std::int64_t ms(core::Instant t) { return t.time_since_epoch().count(); }
core::Instant instant(long long v) { return core::Instant{std::chrono::milliseconds{v}}; }
std::optional<core::Instant> optional_instant(const db::Row& r, int col) {
  if (r.is_null(col)) return std::nullopt;
  return instant(r.int64(col));
}
std::optional<std::string> optional_text(const db::Row& r, int col) {
  if (r.is_null(col)) return std::nullopt;
  return r.text(col);
}

std::string joined_types(const std::vector<std::string>& types) {
  std::string out = ",";
  for (const auto& t : types) out += t + ",";
  return out;
}

std::vector<std::string> split_types(const std::string& joined) {
  std::vector<std::string> out;
  std::size_t start = 1;
  while (start < joined.size()) {
    const auto comma = joined.find(',', start);
    if (comma == std::string::npos) break;
    if (comma > start) out.push_back(joined.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

constexpr const char* kEndpointColumns =
    "id, provider_nit, url, event_types, description, contact_email, secret, status, disabled_reason, "
    "created_by,"
    " created_at, updated_at";

Endpoint endpoint_row(const db::Row& r) {
  return Endpoint{
      r.int64(0),           r.text(1),           r.text(2), split_types(r.text(3)), optional_text(r, 4),
      optional_text(r, 5),  r.text(6),           r.text(7), optional_text(r, 8),    r.text(9),
      instant(r.int64(10)), instant(r.int64(11))};
}

constexpr const char* kDeliveryColumns =
    "d.id, d.endpoint_id, d.event_seq, e.event_id, e.type, d.status, d.attempts, d.manual, d.created_at,"
    " d.next_attempt_at, d.last_attempt_at, d.last_status_code, d.last_latency_ms, d.last_error";

Delivery delivery_row(const db::Row& r) {
  Delivery d;
  d.id = r.int64(0);
  d.endpoint_id = r.int64(1);
  d.event_seq = r.int64(2);
  d.event_id = r.text(3);
  d.event_type = r.text(4);
  d.status = r.text(5);
  d.attempts = r.int32(6);
  d.manual = r.boolean(7);
  d.created_at = instant(r.int64(8));
  d.next_attempt_at = optional_instant(r, 9);
  d.last_attempt_at = optional_instant(r, 10);
  if (!r.is_null(11)) d.last_status_code = r.int32(11);
  if (!r.is_null(12)) d.last_latency_ms = r.int64(12);
  d.last_error = optional_text(r, 13);
  return d;
}

}  // namespace

std::optional<long long> insert_event(db::Connection& c, const events::Event& e, const std::string& envelope,
                                      core::Instant now) {
  const auto seq = c.query_int64(
      "INSERT INTO events(event_id, type, provider_nit, occurred_at, received_at, envelope)"
      " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING RETURNING seq",
      {e.id, e.type, e.provider_nit, ms(e.occurred_at), ms(now), envelope});
  if (!seq) return std::nullopt;
  c.exec(
      "INSERT INTO webhook_deliveries(endpoint_id, event_seq, status, attempts, manual, created_at, "
      "next_attempt_at)"
      " SELECT id, ?, 'pending', 0, 0, ?, ? FROM webhook_endpoints"
      " WHERE provider_nit = ? AND status = 'active' AND event_types LIKE ?",
      {*seq, ms(now), ms(now), e.provider_nit, "%," + e.type + ",%"});
  return seq;
}

std::vector<StoredEvent> events_after(db::Connection& c, long long after_seq,
                                      const std::optional<std::string>& provider_nit, int limit) {
  auto map = [](const db::Row& r) {
    return StoredEvent{r.int64(0), r.text(1), r.text(2), r.text(3), r.text(4)};
  };
  if (provider_nit)
    return c.query_all(
        "SELECT seq, event_id, type, provider_nit, envelope FROM events WHERE provider_nit = ? AND seq > ?"
        " ORDER BY seq LIMIT ?",
        {*provider_nit, after_seq, limit}, map);
  return c.query_all(
      "SELECT seq, event_id, type, provider_nit, envelope FROM events WHERE seq > ? ORDER BY seq LIMIT ?",
      {after_seq, limit}, map);
}

std::optional<long long> seq_of(db::Connection& c, const std::string& event_id) {
  return c.query_int64("SELECT seq FROM events WHERE event_id = ?", {event_id});
}

long long last_seq(db::Connection& c) { return c.query_int64("SELECT MAX(seq) FROM events").value_or(0); }

long long insert_endpoint(db::Connection& c, const Endpoint& e) {
  return *c.query_int64(
      "INSERT INTO webhook_endpoints(provider_nit, url, event_types, description, contact_email, secret, "
      "status,"
      " created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?, ?) RETURNING id",
      {e.provider_nit, e.url, joined_types(e.event_types), e.description, e.contact_email, e.secret,
       e.created_by, ms(e.created_at), ms(e.updated_at)});
}

std::vector<Endpoint> list_endpoints(db::Connection& c, const std::string& provider_nit, int limit,
                                     int offset) {
  return c.query_all(std::string("SELECT ") + kEndpointColumns +
                         " FROM webhook_endpoints WHERE provider_nit = ? ORDER BY id LIMIT ? OFFSET ?",
                     {provider_nit, limit, offset}, endpoint_row);
}

long long count_endpoints(db::Connection& c, const std::string& provider_nit) {
  return *c.query_int64("SELECT COUNT(*) FROM webhook_endpoints WHERE provider_nit = ?", {provider_nit});
}

long long count_active_endpoints(db::Connection& c, const std::string& provider_nit) {
  return *c.query_int64("SELECT COUNT(*) FROM webhook_endpoints WHERE provider_nit = ? AND status = 'active'",
                        {provider_nit});
}

std::optional<Endpoint> find_endpoint(db::Connection& c, long long id,
                                      const std::optional<std::string>& provider_nit) {
  auto e = c.query_one(std::string("SELECT ") + kEndpointColumns + " FROM webhook_endpoints WHERE id = ?",
                       {id}, endpoint_row);
  if (e && provider_nit && e->provider_nit != *provider_nit) return std::nullopt;  // another's: as if absent
  return e;
}

void set_secret(db::Connection& c, long long id, const std::string& secret, core::Instant now) {
  c.exec("UPDATE webhook_endpoints SET secret = ?, updated_at = ? WHERE id = ?", {secret, ms(now), id});
}

bool disable_endpoint(db::Connection& c, long long id, const std::string& reason, core::Instant now) {
  if (c.exec("UPDATE webhook_endpoints SET status = 'disabled', disabled_reason = ?, updated_at = ?"
             " WHERE id = ? AND status = 'active'",
             {reason, ms(now), id}) == 0)
    return false;
  c.exec(
      "UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, last_error = "
      "'endpoint_disabled'"
      " WHERE endpoint_id = ? AND status = 'pending'",
      {id});
  return true;
}

std::vector<Delivery> list_deliveries(db::Connection& c, long long endpoint_id, int limit, int offset) {
  return c.query_all(std::string("SELECT ") + kDeliveryColumns +
                         " FROM webhook_deliveries d JOIN events e ON e.seq = d.event_seq"
                         " WHERE d.endpoint_id = ? ORDER BY d.id DESC LIMIT ? OFFSET ?",
                     {endpoint_id, limit, offset}, delivery_row);
}

long long count_deliveries(db::Connection& c, long long endpoint_id) {
  return *c.query_int64("SELECT COUNT(*) FROM webhook_deliveries WHERE endpoint_id = ?", {endpoint_id});
}

std::optional<Delivery> find_delivery(db::Connection& c, long long id, long long endpoint_id) {
  return c.query_one(std::string("SELECT ") + kDeliveryColumns +
                         " FROM webhook_deliveries d JOIN events e ON e.seq = d.event_seq"
                         " WHERE d.id = ? AND d.endpoint_id = ?",
                     {id, endpoint_id}, delivery_row);
}

long long redeliver(db::Connection& c, const Delivery& d, core::Instant now) {
  return *c.query_int64(
      "INSERT INTO webhook_deliveries(endpoint_id, event_seq, status, attempts, manual, created_at, "
      "next_attempt_at)"
      " VALUES (?, ?, 'pending', 0, 1, ?, ?) RETURNING id",
      {d.endpoint_id, d.event_seq, ms(now), ms(now)});
}

std::vector<DueDelivery> claim_due(db::Connection& c, core::Instant now, std::chrono::milliseconds lease,
                                   int limit) {
  const auto candidates = c.query_all(
      "SELECT d.id, d.attempts, d.endpoint_id, w.url, w.secret, w.status, e.event_id, e.envelope, "
      "d.next_attempt_at"
      " FROM webhook_deliveries d JOIN webhook_endpoints w ON w.id = d.endpoint_id"
      " JOIN events e ON e.seq = d.event_seq"
      " WHERE d.status = 'pending' AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at, d.id LIMIT ?",
      {ms(now), limit}, [](const db::Row& r) {
        return std::pair{DueDelivery{r.int64(0), r.int32(1), r.int64(2), r.text(3), r.text(4), r.text(5),
                                     r.text(6), r.text(7)},
                         r.int64(8)};
      });
  std::vector<DueDelivery> due;
  for (const auto& [d, seen_at] : candidates) {
    if (c.exec("UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ? AND status = 'pending'"
               " AND next_attempt_at = ?",
               {ms(now + lease), d.id, seen_at}) == 1)
      due.push_back(d);
  }
  return due;
}

void record_attempt(db::Connection& c, long long id, const std::string& status, int attempts,
                    core::Instant at, std::optional<core::Instant> next_attempt_at, int status_code,
                    long long latency_ms, const std::string& error) {
  std::optional<long long> next;
  if (next_attempt_at) next = ms(*next_attempt_at);
  std::optional<int> code;
  if (status_code > 0) code = status_code;
  std::optional<std::string> err;
  if (!error.empty()) err = error;
  c.exec(
      "UPDATE webhook_deliveries SET status = ?, attempts = ?, last_attempt_at = ?, next_attempt_at = ?,"
      " last_status_code = ?, last_latency_ms = ?, last_error = ? WHERE id = ?",
      {status, attempts, ms(at), next, code, latency_ms, err, id});
}

long long purge_before(db::Connection& c, core::Instant cutoff) {
  c.exec("DELETE FROM webhook_deliveries WHERE status <> 'pending' AND created_at < ?", {ms(cutoff)});
  return c.exec(
      "DELETE FROM events WHERE received_at < ? AND NOT EXISTS"
      " (SELECT 1 FROM webhook_deliveries d WHERE d.event_seq = events.seq)",
      {ms(cutoff)});
}

long long pending_deliveries(db::Connection& c) {
  return *c.query_int64("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'pending'");
}

}  // namespace portal::events_hub::store
