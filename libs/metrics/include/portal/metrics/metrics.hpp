#pragma once
// Prometheus metrics for one process (OPS-4): RED per route template, method and status, requests in
// flight, portal_build_info and the standard process_* metrics (issue 10), plus the registry so services
// and libs can add their own business metrics. Text exposition for /metrics.
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <functional>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace portal::metrics {

class Registry {
 public:
  explicit Registry(std::string service);

  // http_requests_total{service,route,method,status} and
  // http_request_duration_seconds{service,route,method} histogram. route is the template
  // ("/api/v1/users/:id"), never the raw path, to keep cardinality bounded.
  void observe_request(std::string_view route, std::string_view method, int status, double seconds);
  // upstream_requests_total{service,upstream,status} and upstream_request_duration_seconds{service,upstream}
  // (gateway and service-to-service clients). status is the HTTP status or "error"/"timeout"/"circuit_open".
  void observe_upstream(std::string_view upstream, std::string_view status, double seconds);

  // storage_errors_total{service,kind}: requests that failed because the database could not take them
  // (kind "unavailable": full disk, read-only file system, I/O error, lost server; "busy": lock or
  // serialization timeout; "conflict": a unique key). Issue 8: answered 503/409, never 500.
  void observe_storage_error(std::string_view kind);

  // http_requests_in_flight{service}: requests accepted and not yet answered (issue 10).
  prometheus::Gauge& in_flight() { return *in_flight_; }

  prometheus::Registry& prom() { return *registry_; }
  const std::string& service() const { return service_; }
  // Prometheus text exposition format 0.0.4.
  std::string serialize() const;
  // Runs before every serialize(): sets gauges whose value is read at scrape time (a circuit's state).
  // Register before the server starts.
  void on_scrape(std::function<void()> hook) { scrape_hooks_.push_back(std::move(hook)); }

 private:
  std::string service_;
  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Counter>* requests_;
  prometheus::Family<prometheus::Histogram>* durations_;
  prometheus::Family<prometheus::Counter>* upstream_requests_;
  prometheus::Family<prometheus::Histogram>* upstream_durations_;
  prometheus::Family<prometheus::Counter>* storage_errors_;
  prometheus::Gauge* in_flight_;
  std::vector<std::function<void()>> scrape_hooks_;

  // The series of one (route, method, status), found once and then reused: prometheus-cpp's
  // Family::Add builds a label map and hashes it on every call, which costs on the request path.
  struct RequestSeries {
    prometheus::Counter* requests;
    prometheus::Histogram* duration;
  };
  std::shared_mutex series_mutex_;
  std::unordered_map<std::string, RequestSeries> series_;
};

}  // namespace portal::metrics
