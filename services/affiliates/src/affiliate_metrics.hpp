#pragma once
// OPS-4 business metrics of the affiliates service: lookups by outcome, import jobs by final state and
// import rows by outcome (the RED metrics per route come from libs/http).
#include <prometheus/counter.h>

#include "portal/metrics/metrics.hpp"

namespace portal::affiliates {

class AffiliateMetrics {
 public:
  explicit AffiliateMetrics(metrics::Registry& registry);

  void lookup(bool found) { (found ? lookups_found_ : lookups_not_found_).Increment(); }
  void import_finished(bool completed) { (completed ? jobs_completed_ : jobs_failed_).Increment(); }
  void import_rows(long long loaded, long long rejected) {
    rows_loaded_.Increment(static_cast<double>(loaded));
    rows_rejected_.Increment(static_cast<double>(rejected));
  }

 private:
  using Family = prometheus::Family<prometheus::Counter>;
  AffiliateMetrics(Family& lookups, Family& jobs, Family& rows);

  prometheus::Counter& lookups_found_;
  prometheus::Counter& lookups_not_found_;
  prometheus::Counter& jobs_completed_;
  prometheus::Counter& jobs_failed_;
  prometheus::Counter& rows_loaded_;
  prometheus::Counter& rows_rejected_;
};

}  // namespace portal::affiliates
