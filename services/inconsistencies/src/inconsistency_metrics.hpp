#pragma once
// The inconsistencies service's business metrics (OPS-4, issue 17): reports filed by type, attachments
// refused by reason (a rise in zip_ratio or trailing_data is someone probing the upload), processing steps
// by the status they moved to.
#include <prometheus/counter.h>

#include <string_view>

#include "portal/metrics/metrics.hpp"

namespace portal::inconsistencies {

class InconsistencyMetrics {
 public:
  explicit InconsistencyMetrics(metrics::Registry& registry);
  void filed(std::string_view type);
  void refused(std::string_view reason);
  void processed(std::string_view status);

 private:
  prometheus::Family<prometheus::Counter>& filed_;
  prometheus::Family<prometheus::Counter>& refused_;
  prometheus::Family<prometheus::Counter>& processed_;
};

}  // namespace portal::inconsistencies
