#pragma once
// The finance service's business metrics (issue 18): loads by outcome and downloads by format.
#include <prometheus/counter.h>
#include <prometheus/histogram.h>

#include <string_view>

#include "portal/metrics/metrics.hpp"

namespace portal::finance {

class FinanceMetrics {
 public:
  explicit FinanceMetrics(metrics::Registry& registry);
  // outcome: loaded (every voucher), partial (some refused), rejected (none loaded), invalid (body refused).
  void load(std::string_view outcome, long long vouchers, long long lines);
  // format: xlsx | csv.
  void download(std::string_view format);
  // Issue 19 jobs (type: portfolio): state queued | completed | failed; duration from claim to the stored
  // result; rows processed and rows refused by reason (the field error's code).
  void job(std::string_view type, std::string_view state);
  void job_finished(std::string_view type, double seconds, long long rows);
  void row_refused(std::string_view type, std::string_view reason);

 private:
  prometheus::Family<prometheus::Counter>& loads_;
  prometheus::Family<prometheus::Counter>& vouchers_;
  prometheus::Family<prometheus::Counter>& lines_;
  prometheus::Family<prometheus::Counter>& downloads_;
  prometheus::Family<prometheus::Counter>& jobs_;
  prometheus::Family<prometheus::Histogram>& job_seconds_;
  prometheus::Family<prometheus::Counter>& job_rows_;
  prometheus::Family<prometheus::Counter>& rows_refused_;
};

}  // namespace portal::finance
