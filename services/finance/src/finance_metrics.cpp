#include "finance_metrics.hpp"

namespace portal::finance {

FinanceMetrics::FinanceMetrics(metrics::Registry& r)
    : loads_(prometheus::BuildCounter()
                 .Name("finance_payment_loads_total")
                 .Help("FIN-1 payment loads by outcome (loaded, partial, rejected, invalid)")
                 .Labels({{"service", r.service()}})
                 .Register(r.prom())),
      vouchers_(prometheus::BuildCounter()
                    .Name("finance_vouchers_loaded_total")
                    .Help("FIN-1 payment vouchers written by loads (new or replaced)")
                    .Labels({{"service", r.service()}})
                    .Register(r.prom())),
      lines_(prometheus::BuildCounter()
                 .Name("finance_invoice_lines_loaded_total")
                 .Help("FIN-1 invoice lines written by loads")
                 .Labels({{"service", r.service()}})
                 .Register(r.prom())),
      downloads_(prometheus::BuildCounter()
                     .Name("finance_downloads_total")
                     .Help("FIN-3 payment downloads by format (xlsx, csv)")
                     .Labels({{"service", r.service()}})
                     .Register(r.prom())),
      jobs_(prometheus::BuildCounter()
                .Name("finance_jobs_total")
                .Help("Issue 19 asynchronous jobs by type (portfolio) and state (queued, completed, failed)")
                .Labels({{"service", r.service()}})
                .Register(r.prom())),
      job_seconds_(prometheus::BuildHistogram()
                       .Name("finance_job_duration_seconds")
                       .Help("Issue 19 job duration from claim to stored result, by type")
                       .Labels({{"service", r.service()}})
                       .Register(r.prom())),
      job_rows_(prometheus::BuildCounter()
                    .Name("finance_job_rows_total")
                    .Help("Issue 19 rows processed by jobs, by type")
                    .Labels({{"service", r.service()}})
                    .Register(r.prom())),
      rows_refused_(prometheus::BuildCounter()
                        .Name("finance_job_rows_refused_total")
                        .Help("Issue 19 rows refused by jobs, by type and reason (the first error's code)")
                        .Labels({{"service", r.service()}})
                        .Register(r.prom())) {
  for (const char* state : {"queued", "completed", "failed"})
    jobs_.Add({{"type", "portfolio"}, {"state", state}});
  job_rows_.Add({{"type", "portfolio"}});
  for (const char* outcome : {"loaded", "partial", "rejected", "invalid"}) loads_.Add({{"outcome", outcome}});
  vouchers_.Add({});
  lines_.Add({});
  for (const char* format : {"xlsx", "csv"}) downloads_.Add({{"format", format}});
}

void FinanceMetrics::load(std::string_view outcome, long long vouchers, long long lines) {
  loads_.Add({{"outcome", std::string(outcome)}}).Increment();
  vouchers_.Add({}).Increment(static_cast<double>(vouchers));
  lines_.Add({}).Increment(static_cast<double>(lines));
}

void FinanceMetrics::download(std::string_view format) {
  downloads_.Add({{"format", std::string(format)}}).Increment();
}

void FinanceMetrics::job(std::string_view type, std::string_view state) {
  jobs_.Add({{"type", std::string(type)}, {"state", std::string(state)}}).Increment();
}

void FinanceMetrics::job_finished(std::string_view type, double seconds, long long rows) {
  static const prometheus::Histogram::BucketBoundaries kBuckets{0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30, 60, 300};
  job_seconds_.Add({{"type", std::string(type)}}, kBuckets).Observe(seconds);
  job_rows_.Add({{"type", std::string(type)}}).Increment(static_cast<double>(rows));
}

void FinanceMetrics::row_refused(std::string_view type, std::string_view reason) {
  rows_refused_.Add({{"type", std::string(type)}, {"reason", std::string(reason)}}).Increment();
}

}  // namespace portal::finance
