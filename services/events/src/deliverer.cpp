#include "deliverer.hpp"

#include "event_store.hpp"
#include "notices.hpp"
#include "portal/events/signature.hpp"
#include "webhook_sender.hpp"

namespace portal::events_hub {
namespace {

constexpr int kBatch = 20;

// Longer than one attempt may take (the timeout is at most 30 s), so a claim is only taken again once its
// deliverer has certainly died.
constexpr std::chrono::milliseconds kLease{std::chrono::minutes(2)};

}  // namespace

Deliverer::Deliverer(db::Database& db, const EventsSettings& settings, core::Logger& logger,
                     EventsMetrics& metrics, const core::Clock& clock, mail::Outbox* outbox)
    : db_(db),
      settings_(settings),
      logger_(logger),
      metrics_(metrics),
      clock_(clock),
      outbox_(outbox),
      loop_(
          [this] {
            deliver_due();
            if (std::chrono::steady_clock::now() >= next_purge_) {
              next_purge_ = std::chrono::steady_clock::now() + std::chrono::hours(1);
              purge_old();
            }
          },
          settings.poll_interval, logger, "webhook_deliverer_error") {}

Deliverer::~Deliverer() { stop(); }

long long Deliverer::purge_old() {
  const auto cutoff = clock_.now() - std::chrono::days(settings_.retention_days);
  const long long purged = db_.write([&](db::Connection& c) { return store::purge_before(c, cutoff); });
  if (purged > 0)
    logger_.info("events_purged", {{"events", purged}, {"retention_days", settings_.retention_days}});
  return purged;
}

int Deliverer::deliver_due() {
  std::lock_guard pass(pass_mutex_);
  int attempted = 0;
  for (;;) {
    const auto batch =
        db_.write([&](db::Connection& c) { return store::claim_due(c, clock_.now(), kLease, kBatch); });
    for (const auto& d : batch) {
      const int attempts = d.attempts + 1;
      AttemptResult result;
      const auto url = parse_webhook_url(d.url);
      if (d.endpoint_status != "active") {
        result.error = "endpoint_disabled";
      } else if (!url.url) {
        result.error = url.error;
      } else {
        const std::int64_t timestamp =
            std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count();
        const auto signature = events::webhook_signature(d.secret, d.event_id, timestamp, d.envelope);
        result = send_webhook(*url.url, settings_.sender,
                              {{"webhook-id", d.event_id},
                               {"webhook-timestamp", std::to_string(timestamp)},
                               {"webhook-signature", signature.value_or("")}},
                              d.envelope);
        metrics_.webhook_latency(result.latency);
      }
      ++attempted;
      const auto now = clock_.now();
      if (result.succeeded()) {
        db_.write([&](db::Connection& c) {
          store::record_attempt(c, d.id, "succeeded", attempts, now, std::nullopt, result.status,
                                result.latency.count(), "");
        });
        metrics_.delivered("webhook", "succeeded");
        logger_.info("webhook_delivered", {{"delivery_id", d.id},
                                           {"event_id", d.event_id},
                                           {"attempts", attempts},
                                           {"status", result.status},
                                           {"latency_ms", static_cast<long long>(result.latency.count())}});
        continue;
      }
      const auto delay =
          d.endpoint_status == "active" ? next_retry(attempts, settings_.retry_schedule) : std::nullopt;
      if (delay) {
        db_.write([&](db::Connection& c) {
          store::record_attempt(c, d.id, "pending", attempts, now, now + *delay, result.status,
                                result.latency.count(), result.error);
        });
        metrics_.delivered("webhook", "retry");
        logger_.warn("webhook_retry", {{"delivery_id", d.id},
                                       {"event_id", d.event_id},
                                       {"attempts", attempts},
                                       {"status", result.status},
                                       {"error", result.error},
                                       {"retry_in_ms", static_cast<long long>(delay->count())}});
        continue;
      }
      // The schedule is exhausted (about a day of failures): the endpoint is disabled and its contact told.
      db_.write([&](db::Connection& c) {
        store::record_attempt(c, d.id, "failed", attempts, now, std::nullopt, result.status,
                              result.latency.count(), result.error);
        if (d.endpoint_status == "active" && store::disable_endpoint(c, d.endpoint_id, "failing", now)) {
          const auto endpoint = store::find_endpoint(c, d.endpoint_id, std::nullopt);
          if (outbox_ && endpoint && endpoint->contact_email)
            mail::Outbox::enqueue(
                c, endpoint_disabled_notice(*endpoint->contact_email, d.endpoint_id, d.url, result.error),
                clock_);
        }
      });
      if (outbox_) outbox_->wake();
      metrics_.delivered("webhook", "failed");
      logger_.error("webhook_failed", {{"delivery_id", d.id},
                                       {"event_id", d.event_id},
                                       {"endpoint_id", d.endpoint_id},
                                       {"attempts", attempts},
                                       {"error", result.error}});
    }
    if (static_cast<int>(batch.size()) < kBatch) return attempted;
  }
}

}  // namespace portal::events_hub
