#pragma once
// GW-6 / OPS-4: how many instances of each upstream take traffic, and how often one was taken out of
// the rotation and why. Same labels as upstream_requests_total (service, upstream).
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>

#include <string>
#include <string_view>

#include "portal/metrics/metrics.hpp"

namespace portal::gateway {

class UpstreamHealthMetrics {
 public:
  explicit UpstreamHealthMetrics(metrics::Registry& registry);
  // upstream_healthy_instances{service,upstream}
  prometheus::Gauge& healthy_instances(const std::string& upstream);
  // upstream_ejections_total{service,upstream,instance,reason}; instance is "host:port", reason
  // "health_check" or "connection_failure".
  prometheus::Counter& ejections(const std::string& upstream, const std::string& instance,
                                 std::string_view reason);

 private:
  prometheus::Family<prometheus::Gauge>& healthy_;
  prometheus::Family<prometheus::Counter>& ejections_;
};

}  // namespace portal::gateway
