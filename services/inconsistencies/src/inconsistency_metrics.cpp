#include "inconsistency_metrics.hpp"

#include <string>

#include "report.hpp"

namespace portal::inconsistencies {

InconsistencyMetrics::InconsistencyMetrics(metrics::Registry& r)
    : filed_(prometheus::BuildCounter()
                 .Name("inconsistency_reports_filed_total")
                 .Help("INC-1 inconsistency reports filed, by type (not_in_database, data_mismatch)")
                 .Labels({{"service", r.service()}})
                 .Register(r.prom())),
      refused_(
          prometheus::BuildCounter()
              .Name("inconsistency_attachments_refused_total")
              .Help(
                  "INC-2 attachments refused by their content, by reason (unsupported_type, zip_ratio, ...)")
              .Labels({{"service", r.service()}})
              .Register(r.prom())),
      processed_(prometheus::BuildCounter()
                     .Name("inconsistency_report_steps_total")
                     .Help("INC-3 processing steps of the EPS, by the status they moved to")
                     .Labels({{"service", r.service()}})
                     .Register(r.prom())) {
  for (const char* type : {"not_in_database", "data_mismatch"}) filed_.Add({{"type", type}});
  for (auto status : status_names()) {
    if (status != "pending") processed_.Add({{"status", std::string(status)}});
  }
}

void InconsistencyMetrics::filed(std::string_view type) {
  filed_.Add({{"type", std::string(type)}}).Increment();
}

void InconsistencyMetrics::refused(std::string_view reason) {
  refused_.Add({{"reason", std::string(reason)}}).Increment();
}

void InconsistencyMetrics::processed(std::string_view status) {
  processed_.Add({{"status", std::string(status)}}).Increment();
}

}  // namespace portal::inconsistencies
