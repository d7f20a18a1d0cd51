#include "events_metrics.hpp"

#include <string>

namespace portal::events_hub {

EventsMetrics::EventsMetrics(metrics::Registry& r)
    : received_(prometheus::BuildCounter()
                    .Name("events_received_total")
                    .Help("Events offered by the publishing services' relays, by outcome (new, duplicate)")
                    .Labels({{"service", r.service()}})
                    .Register(r.prom())),
      delivered_(
          prometheus::BuildCounter()
              .Name("events_delivered_total")
              .Help("Event deliveries by channel (webhook, sse) and outcome (succeeded, retry, failed, sent)")
              .Labels({{"service", r.service()}})
              .Register(r.prom())),
      latency_(prometheus::BuildHistogram()
                   .Name("webhook_delivery_duration_seconds")
                   .Help("Time of one webhook POST, from resolving the host to the answer")
                   .Labels({{"service", r.service()}})
                   .Register(r.prom())
                   .Add({}, prometheus::Histogram::BucketBoundaries{0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
                                                                    30})),
      open_streams_(prometheus::BuildGauge()
                        .Name("events_sse_streams")
                        .Help("Open Server-Sent Events streams (GET /api/v1/events)")
                        .Labels({{"service", r.service()}})
                        .Register(r.prom())
                        .Add({})),
      pending_deliveries_(prometheus::BuildGauge()
                              .Name("webhook_deliveries_pending")
                              .Help("Webhook deliveries waiting for their next attempt")
                              .Labels({{"service", r.service()}})
                              .Register(r.prom())
                              .Add({})) {
  for (const char* outcome : {"new", "duplicate"}) received_.Add({{"outcome", outcome}});
  for (const char* outcome : {"succeeded", "retry", "failed"})
    delivered_.Add({{"channel", "webhook"}, {"outcome", outcome}});
  delivered_.Add({{"channel", "sse"}, {"outcome", "sent"}});
}

void EventsMetrics::received(std::string_view outcome) {
  received_.Add({{"outcome", std::string(outcome)}}).Increment();
}

void EventsMetrics::delivered(std::string_view channel, std::string_view outcome) {
  delivered_.Add({{"channel", std::string(channel)}, {"outcome", std::string(outcome)}}).Increment();
}

void EventsMetrics::webhook_latency(std::chrono::milliseconds latency) {
  latency_.Observe(static_cast<double>(latency.count()) / 1000.0);
}

}  // namespace portal::events_hub
