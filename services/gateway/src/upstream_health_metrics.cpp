#include "upstream_health_metrics.hpp"

namespace portal::gateway {

UpstreamHealthMetrics::UpstreamHealthMetrics(metrics::Registry& registry)
    : healthy_(prometheus::BuildGauge()
                   .Name("upstream_healthy_instances")
                   .Help("GW-6 instances of an upstream in the round-robin rotation (passing health checks)")
                   .Labels({{"service", registry.service()}})
                   .Register(registry.prom())),
      ejections_(prometheus::BuildCounter()
                     .Name("upstream_ejections_total")
                     .Help("GW-6 instances taken out of the rotation, by instance and reason "
                           "(health_check, connection_failure)")
                     .Labels({{"service", registry.service()}})
                     .Register(registry.prom())) {}

prometheus::Gauge& UpstreamHealthMetrics::healthy_instances(const std::string& upstream) {
  return healthy_.Add({{"upstream", upstream}});
}

prometheus::Counter& UpstreamHealthMetrics::ejections(const std::string& upstream,
                                                      const std::string& instance, std::string_view reason) {
  return ejections_.Add({{"upstream", upstream}, {"instance", instance}, {"reason", std::string{reason}}});
}

}  // namespace portal::gateway
