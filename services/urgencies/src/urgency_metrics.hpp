#pragma once
// OPS-4 business metrics of the urgencies service: notifications by outcome (created, and why not), and
// the group commit's running totals (jobs / transactions = notifications per fsync).
#include <prometheus/counter.h>
#include <prometheus/gauge.h>

#include "portal/metrics/metrics.hpp"

namespace portal::urgencies {

enum class CreateOutcome { created, duplicate, invalid, upstream_unavailable };

class UrgencyMetrics {
 public:
  explicit UrgencyMetrics(metrics::Registry& registry);

  void create(CreateOutcome outcome);
  // The committer's totals, set after each insert.
  void group_commit(long long transactions, long long jobs);

 private:
  UrgencyMetrics(prometheus::Family<prometheus::Counter>& notifications,
                 prometheus::Family<prometheus::Gauge>& group_commit);

  prometheus::Counter& created_;
  prometheus::Counter& duplicate_;
  prometheus::Counter& invalid_;
  prometheus::Counter& unavailable_;
  prometheus::Gauge& transactions_;
  prometheus::Gauge& jobs_;
};

}  // namespace portal::urgencies
