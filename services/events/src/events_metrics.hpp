#pragma once
// Issue 15 item 5: events taken in, delivered by channel and outcome, webhook latency, open SSE streams and
// the webhook backlog (the publishers' outbox backlog is libs/events' events_outbox_backlog).
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>

#include <chrono>
#include <string_view>

#include "portal/metrics/metrics.hpp"

namespace portal::events_hub {

class EventsMetrics {
 public:
  explicit EventsMetrics(metrics::Registry& registry);
  // outcome: new | duplicate (a relay's retry of an event already taken in).
  void received(std::string_view outcome);
  // channel: webhook | sse; outcome: succeeded | retry | failed (webhook), sent (sse).
  void delivered(std::string_view channel, std::string_view outcome);
  void webhook_latency(std::chrono::milliseconds latency);
  prometheus::Gauge& open_streams() { return open_streams_; }
  prometheus::Gauge& pending_deliveries() { return pending_deliveries_; }

 private:
  prometheus::Family<prometheus::Counter>& received_;
  prometheus::Family<prometheus::Counter>& delivered_;
  prometheus::Histogram& latency_;
  prometheus::Gauge& open_streams_;
  prometheus::Gauge& pending_deliveries_;
};

}  // namespace portal::events_hub
