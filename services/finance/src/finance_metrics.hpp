#pragma once
// The finance service's business metrics (issue 18): loads by outcome and downloads by format.
#include <prometheus/counter.h>

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

 private:
  prometheus::Family<prometheus::Counter>& loads_;
  prometheus::Family<prometheus::Counter>& vouchers_;
  prometheus::Family<prometheus::Counter>& lines_;
  prometheus::Family<prometheus::Counter>& downloads_;
};

}  // namespace portal::finance
