#pragma once
// OPS-4 business metrics of the urgencies service: notifications by outcome (created, and why not), and
// the group commit's running totals (jobs / transactions = notifications per fsync).
#include <prometheus/counter.h>

#include <mutex>

#include "portal/metrics/metrics.hpp"

namespace portal::urgencies {

enum class CreateOutcome { created, duplicate, invalid, upstream_unavailable };

class UrgencyMetrics {
 public:
  explicit UrgencyMetrics(metrics::Registry& registry);

  void create(CreateOutcome outcome);
  // The committer's running totals, reported after each insert: urgency_group_commit_transactions_total
  // and urgency_group_commit_jobs_total follow them.
  void group_commit(long long transactions, long long jobs);

 private:
  UrgencyMetrics(prometheus::Family<prometheus::Counter>& notifications, prometheus::Counter& transactions,
                 prometheus::Counter& jobs);

  prometheus::Counter& created_;
  prometheus::Counter& duplicate_;
  prometheus::Counter& invalid_;
  prometheus::Counter& unavailable_;
  prometheus::Counter& transactions_;
  prometheus::Counter& jobs_;
  std::mutex mutex_;
  long long transactions_seen_ = 0;
  long long jobs_seen_ = 0;
};

}  // namespace portal::urgencies
