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

// Issue 10: running totals are counters named *_total (they were one gauge split by a label `total`).
prometheus::Counter& counter(metrics::Registry& r, const char* name, const char* help) {
  return prometheus::BuildCounter()
      .Name(name)
      .Help(help)
      .Labels({{"service", r.service()}})
      .Register(r.prom())
      .Add({});
}

}  // namespace

UrgencyMetrics::UrgencyMetrics(metrics::Registry& registry)
    : UrgencyMetrics(
          notifications(registry),
          counter(registry, "urgency_group_commit_transactions_total",
                  "Transactions the group commit committed since start (one fsync each on SQLite)"),
          counter(
              registry, "urgency_group_commit_jobs_total",
              "Inserts the group commit committed since start (jobs / transactions = inserts per fsync)")) {}

UrgencyMetrics::UrgencyMetrics(prometheus::Family<prometheus::Counter>& notifications,
                               prometheus::Counter& transactions, prometheus::Counter& jobs)
    : created_(notifications.Add({{"outcome", "created"}})),
      duplicate_(notifications.Add({{"outcome", "duplicate"}})),
      invalid_(notifications.Add({{"outcome", "invalid"}})),
      unavailable_(notifications.Add({{"outcome", "upstream_unavailable"}})),
      transactions_(transactions),
      jobs_(jobs) {}

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
  // The committer keeps the totals; the counters advance by what they grew since the last report (reports
  // come from several workers, possibly out of order: a smaller total is an older report, ignored).
  std::lock_guard lock(mutex_);
  if (transactions > transactions_seen_) {
    transactions_.Increment(static_cast<double>(transactions - transactions_seen_));
    transactions_seen_ = transactions;
  }
  if (jobs > jobs_seen_) {
    jobs_.Increment(static_cast<double>(jobs - jobs_seen_));
    jobs_seen_ = jobs;
  }
}

}  // namespace portal::urgencies
