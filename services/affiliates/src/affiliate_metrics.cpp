#include "affiliate_metrics.hpp"

namespace portal::affiliates {
namespace {

prometheus::Family<prometheus::Counter>& family(metrics::Registry& r, const char* name, const char* help) {
  return prometheus::BuildCounter()
      .Name(name)
      .Help(help)
      .Labels({{"service", r.service()}})
      .Register(r.prom());
}

}  // namespace

AffiliateMetrics::AffiliateMetrics(metrics::Registry& registry)
    : AffiliateMetrics(
          family(registry, "affiliate_lookups_total", "Affiliate lookups by document, by outcome"),
          family(registry, "affiliate_import_jobs_total", "AFF-4 import jobs by final status"),
          family(registry, "affiliate_import_rows_total", "AFF-4 roster lines by outcome")) {}

AffiliateMetrics::AffiliateMetrics(Family& lookups, Family& jobs, Family& rows)
    : lookups_found_(lookups.Add({{"result", "found"}})),
      lookups_not_found_(lookups.Add({{"result", "not_found"}})),
      jobs_completed_(jobs.Add({{"status", "completed"}})),
      jobs_failed_(jobs.Add({{"status", "failed"}})),
      rows_loaded_(rows.Add({{"outcome", "loaded"}})),
      rows_rejected_(rows.Add({{"outcome", "rejected"}})) {}

}  // namespace portal::affiliates
