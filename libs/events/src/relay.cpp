#include "portal/events/relay.hpp"

#include <cstdint>

#include "portal/events/event.hpp"
#include "portal/events/signature.hpp"
#include "portal/mail/backoff.hpp"

namespace portal::events {
namespace {

std::int64_t ms(core::Instant t) { return t.time_since_epoch().count(); }

// 400, 413 and 422: the event itself is wrong. 401 (a key not shared yet), 404 (a hub not deployed yet), 5xx:
// the hub's state, which changes; those are retried.
bool refused_for_good(int status) { return status == 400 || status == 413 || status == 422; }

struct OutboxRow {
  long long seq;
  Event event;
  int attempts;
};

}  // namespace

Relay::Relay(db::Database& db, RelayOptions options, core::Logger& logger, metrics::Registry& metrics,
             const core::Clock& clock)
    : db_(db),
      options_(std::move(options)),
      logger_(logger),
      clock_(clock),
      client_(options_.hub),
      relayed_(&prometheus::BuildCounter()
                    .Name("events_relayed_total")
                    .Help("Outbox events offered to portal-events, by outcome (accepted, retry)")
                    .Register(metrics.prom())),
      service_(metrics.service()),
      loop_([this] { ship_due(); }, options_.poll_interval, logger, "event_relay_error") {
  if (!options_.backoff) options_.backoff = mail::retry_delay;
  auto& backlog_family = prometheus::BuildGauge()
                             .Name("events_outbox_backlog")
                             .Help("Events committed but not yet accepted by portal-events")
                             .Register(metrics.prom());
  auto& gauge = backlog_family.Add({{"service", service_}});
  metrics.on_scrape([this, &gauge] {
    try {
      gauge.Set(static_cast<double>(backlog()));
    } catch (const std::exception&) {
      // the database is down: /readyz says so; the gauge keeps its last value
    }
  });
}

Relay::~Relay() { stop(); }

long long Relay::backlog() {
  return db_.read([](db::Connection& c) {
    return *c.query_int64("SELECT COUNT(*) FROM event_outbox WHERE sent_at IS NULL");
  });
}

int Relay::ship_due() {
  std::lock_guard pass(ship_mutex_);
  int shipped = 0;
  for (;;) {
    // In commit order; the first row not yet due (backing off) stops the pass, so order is kept.
    const auto rows = db_.read([&](db::Connection& c) {
      return c.query_all(
          "SELECT seq, event_id, type, provider_nit, occurred_at, payload, attempts, next_attempt_at"
          " FROM event_outbox WHERE sent_at IS NULL ORDER BY seq LIMIT ?",
          {options_.batch}, [](const db::Row& r) {
            return std::pair{OutboxRow{r.int64(0),
                                       Event{r.text(1), r.text(2), r.text(3),
                                             core::Instant{std::chrono::milliseconds{r.int64(4)}}, r.text(5)},
                                       r.int32(6)},
                             r.int64(7)};
          });
    });
    for (const auto& [row, due_at] : rows) {
      const auto now = clock_.now();
      if (due_at > ms(now)) return shipped;
      const std::string body = to_json(row.event);
      const std::int64_t unix_now = ms(now) / 1000;
      const auto result = client_.request(
          http::Method::post, kIngestPath,
          {{kInternalSignatureHeader, internal_signature(options_.key, unix_now, body)}}, body);
      if (result.ok() && result.response->status / 100 == 2) {
        db_.write([&](db::Connection& c) {
          c.exec(
              "UPDATE event_outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE seq = ?",
              {ms(clock_.now()), row.seq});
        });
        relayed_->Add({{"service", service_}, {"outcome", "accepted"}}).Increment();
        ++shipped;
        continue;
      }
      const std::string error = result.ok() ? "status " + std::to_string(result.response->status)
                                            : std::string(http::to_string(result.error));
      const int attempts = row.attempts + 1;
      if (result.ok() && refused_for_good(result.response->status)) {
        // The hub says this event can never be taken (malformed, too large): trying again would hold back
        // every event after it. It stays in the table with the reason, for an operator to look at.
        db_.write([&](db::Connection& c) {
          c.exec("UPDATE event_outbox SET sent_at = ?, attempts = ?, last_error = ? WHERE seq = ?",
                 {ms(clock_.now()), attempts, "refused: " + error, row.seq});
        });
        relayed_->Add({{"service", service_}, {"outcome", "refused"}}).Increment();
        logger_.error("event_relay_refused", {{"event_id", row.event.id}, {"error", error}});
        continue;
      }
      const auto delay = options_.backoff(attempts);
      db_.write([&](db::Connection& c) {
        c.exec("UPDATE event_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE seq = ?",
               {attempts, ms(clock_.now() + delay), error, row.seq});
      });
      relayed_->Add({{"service", service_}, {"outcome", "retry"}}).Increment();
      logger_.warn("event_relay_retry", {{"event_id", row.event.id},
                                         {"attempts", attempts},
                                         {"retry_in_ms", static_cast<long long>(delay.count())},
                                         {"error", error}});
      return shipped;
    }
    if (static_cast<int>(rows.size()) < options_.batch) return shipped;
  }
}

}  // namespace portal::events
