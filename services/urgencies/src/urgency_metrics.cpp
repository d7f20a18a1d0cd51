#include "urgency_metrics.hpp"

namespace portal::urgencies {
namespace {

prometheus::Family<prometheus::Counter>& notifications(metrics::Registry& r) {
  return prometheus::BuildCounter()
      .Name("urgency_notifications_total")
      .Help("URG-1 notification attempts by outcome (created, duplicate, invalid, upstream_unavailable)")
      .Labels({{"service", r.service()}})
      .Register(r.prom());
}

prometheus::Family<prometheus::Gauge>& group_commit_family(metrics::Registry& r) {
  return prometheus::BuildGauge()
      .Name("urgency_group_commit")
      .Help("Group commit totals since start: committed transactions and the inserts they held")
      .Labels({{"service", r.service()}})
      .Register(r.prom());
}

}  // namespace

UrgencyMetrics::UrgencyMetrics(metrics::Registry& registry)
    : UrgencyMetrics(notifications(registry), group_commit_family(registry)) {}

UrgencyMetrics::UrgencyMetrics(prometheus::Family<prometheus::Counter>& notifications,
                               prometheus::Family<prometheus::Gauge>& group_commit)
    : created_(notifications.Add({{"outcome", "created"}})),
      duplicate_(notifications.Add({{"outcome", "duplicate"}})),
      invalid_(notifications.Add({{"outcome", "invalid"}})),
      unavailable_(notifications.Add({{"outcome", "upstream_unavailable"}})),
      transactions_(group_commit.Add({{"total", "transactions"}})),
      jobs_(group_commit.Add({{"total", "jobs"}})) {}

void UrgencyMetrics::create(CreateOutcome outcome) {
  switch (outcome) {
    case CreateOutcome::created:
      created_.Increment();
      break;
    case CreateOutcome::duplicate:
      duplicate_.Increment();
      break;
    case CreateOutcome::invalid:
      invalid_.Increment();
      break;
    case CreateOutcome::upstream_unavailable:
      unavailable_.Increment();
      break;
  }
}

void UrgencyMetrics::group_commit(long long transactions, long long jobs) {
  transactions_.Set(static_cast<double>(transactions));
  jobs_.Set(static_cast<double>(jobs));
}

}  // namespace portal::urgencies
