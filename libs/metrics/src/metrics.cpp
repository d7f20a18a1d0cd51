#include "portal/metrics/metrics.hpp"

#include <prometheus/text_serializer.h>

#include <sstream>

#include "build_info.hpp"
#include "portal/metrics/process_metrics.hpp"

namespace portal::metrics {
namespace {

// Latency buckets from 0.5 ms (a cached token check) to 10 s (the longest upstream timeout we allow),
// roughly ×2.5 apart so p50/p99 estimates stay within one bucket of the truth (OPS-4).
const prometheus::Histogram::BucketBoundaries& latency_buckets() {
  static const prometheus::Histogram::BucketBoundaries kBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0};
  return kBuckets;
}

}  // namespace

Registry::Registry(std::string service)
    : service_(std::move(service)), registry_(std::make_shared<prometheus::Registry>()) {
  requests_ = &prometheus::BuildCounter()
                   .Name("http_requests_total")
                   .Help("HTTP requests served, by route template, method and status")
                   .Register(*registry_);
  durations_ = &prometheus::BuildHistogram()
                    .Name("http_request_duration_seconds")
                    .Help("HTTP request duration in seconds, by route template and method")
                    .Register(*registry_);
  upstream_requests_ = &prometheus::BuildCounter()
                            .Name("upstream_requests_total")
                            .Help("Outbound requests to upstream services, by upstream and status")
                            .Register(*registry_);
  upstream_durations_ = &prometheus::BuildHistogram()
                             .Name("upstream_request_duration_seconds")
                             .Help("Outbound request duration in seconds, by upstream")
                             .Register(*registry_);
  storage_errors_ = &prometheus::BuildCounter()
                         .Name("storage_errors_total")
                         .Help("Requests the database could not take, by kind (unavailable, busy, conflict)")
                         .Register(*registry_);
  for (const char* kind : {"unavailable", "busy", "conflict"})
    storage_errors_->Add({{"service", service_}, {"kind", kind}});
  in_flight_ = &prometheus::BuildGauge()
                    .Name("http_requests_in_flight")
                    .Help("HTTP requests being handled (accepted, not yet answered)")
                    .Register(*registry_)
                    .Add({{"service", service_}});
  prometheus::BuildGauge()
      .Name("portal_build_info")
      .Help("Always 1: the version and git revision this process was built from")
      .Register(*registry_)
      .Add({{"service", service_},
            {"version", std::string{build_version()}},
            {"revision", std::string{build_revision()}}})
      .Set(1);
}

void Registry::observe_storage_error(std::string_view kind) {
  storage_errors_->Add({{"service", service_}, {"kind", std::string(kind)}}).Increment();
}

void Registry::observe_request(std::string_view route, std::string_view method, int status, double seconds) {
  std::string key;
  key.reserve(route.size() + method.size() + 8);
  key.append(route).append(1, '\x1f').append(method).append(1, '\x1f').append(std::to_string(status));
  RequestSeries series{};
  bool found = false;
  {
    std::shared_lock lock(series_mutex_);
    if (auto it = series_.find(key); it != series_.end()) {
      series = it->second;
      found = true;
    }
  }
  if (!found) {
    const std::string route_s{route};
    const std::string method_s{method};
    series.requests = &requests_->Add({{"service", service_},
                                       {"route", route_s},
                                       {"method", method_s},
                                       {"status", std::to_string(status)}});
    series.duration = &durations_->Add({{"service", service_}, {"route", route_s}, {"method", method_s}},
                                       latency_buckets());
    std::unique_lock lock(series_mutex_);
    series_.emplace(std::move(key), series);
  }
  series.requests->Increment();
  series.duration->Observe(seconds);
}

void Registry::observe_upstream(std::string_view upstream, std::string_view status, double seconds) {
  const std::string upstream_s{upstream};
  upstream_requests_->Add({{"service", service_}, {"upstream", upstream_s}, {"status", std::string{status}}})
      .Increment();
  upstream_durations_->Add({{"service", service_}, {"upstream", upstream_s}}, latency_buckets())
      .Observe(seconds);
}

std::string Registry::serialize() const {
  std::ostringstream out;
  for (const auto& hook : scrape_hooks_) hook();
  auto families = registry_->Collect();
  for (auto& f : process_families(service_)) families.push_back(std::move(f));
  prometheus::TextSerializer{}.Serialize(out, families);
  return out.str();
}

}  // namespace portal::metrics
