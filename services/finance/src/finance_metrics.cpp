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
                     .Register(r.prom())) {
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

}  // namespace portal::finance
