#pragma once
// One logical upstream service (e.g. "auth") behind the gateway: one or more instances, each with its
// own keep-alive connection pool and circuit breaker (libs/http Client). GW-6: requests go round-robin
// over the healthy instances (HealthChecker's /readyz checks, and a refused connection ejects at once),
// skipping those whose breaker is open. When no instance is healthy all are still tried: the checks lag
// behind a recovery by up to one interval, and refusing every request for that long would turn a stale
// view into an outage. A failed attempt moves on to the next instance only when repeating the request
// cannot do it twice (try_next_instance).
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "portal/core/log.hpp"
#include "portal/http/client.hpp"
#include "portal/service/config_options.hpp"
#include "upstream_health_metrics.hpp"

namespace portal::gateway {

using UpstreamInstance = service::UpstreamAddress;

// "http://127.0.0.1:8081,http://10.0.0.2:8081" → instances; throws std::invalid_argument naming the bad
// entry (only plain http with an explicit or default port 80 is accepted: TLS ends before the gateway).
std::vector<UpstreamInstance> parse_upstream_urls(std::string_view comma_list);

// GW-6: may this request be sent again after it reached an instance? GET and HEAD change nothing; a
// write only with an Idempotency-Key, whose record lives in the service's shared database, so another
// instance answers the repeat from it instead of acting twice.
bool repeatable_request(http::Method method, const http::Headers& headers);

// After a failed attempt, may the request go to the next instance? Always when nothing was sent (no
// connection, open breaker). After sending only a repeatable request whose connection broke; never
// after a timeout (the instance may still be working on it, and a second wait of up to the read
// timeout on another instance would double the client's wait and the load of a struggling service)
// nor after a too-large answer (the instance answered).
bool try_next_instance(const http::ClientResult& result, bool repeatable);
bool try_next_instance(http::ClientError error, bool sent, bool repeatable);

enum class Ejection { health_check, connection_failure };
std::string_view to_string(Ejection reason);

class Upstream {
 public:
  // base supplies timeouts, pool size, breaker settings; host/port/name are set per instance. metrics
  // and log may be null (unit tests).
  Upstream(std::string name, const std::vector<UpstreamInstance>& instances, const http::ClientOptions& base,
           UpstreamHealthMetrics* metrics = nullptr, core::Logger* log = nullptr);
  ~Upstream();
  Upstream(const Upstream&) = delete;
  Upstream& operator=(const Upstream&) = delete;

  http::ClientResult request(http::Method method, const std::string& path_and_query,
                             const http::Headers& headers, const std::string& body,
                             const std::string& content_type);
  const std::string& name() const { return name_; }
  std::size_t instance_count() const { return instances_.size(); }
  const UpstreamInstance& instance(std::size_t i) const;
  // "host:port" of instance i, and whether its circuit breaker is open (issue 10: exposed as a gauge).
  const std::string& instance_label(std::size_t i) const;
  bool circuit_open(std::size_t i) const;

  // Health (GW-6). Every instance starts healthy, so the gateway serves before the first check ends.
  bool healthy(std::size_t i) const;
  std::size_t healthy_count() const { return healthy_count_.load(std::memory_order_relaxed); }
  // Takes instance i out of the rotation until a health check readmits it.
  void eject(std::size_t i, Ejection reason);
  // Failures seen on instance i so far; a check passes this back to readmit so that an ejection that
  // happened while the check was in flight is not undone by its (older) success.
  std::uint64_t failure_epoch(std::size_t i) const;
  void readmit(std::size_t i, std::uint64_t failure_epoch_at_check_start);

  // The instances to try for one request, in order: healthy ones round-robin, then the ejected ones.
  std::vector<std::size_t> attempt_order();
  // The streaming proxy's attempts (issue 14 item 4), made outside the instance's client: may one go to
  // instance i now (its breaker; the last candidate is tried even if open, as by request()), and its
  // outcome (the breaker, and passive ejection on a refused connection).
  bool allow_attempt(std::size_t i, bool last_candidate);
  void record_attempt(std::size_t i, http::ClientError error);

  struct Instance;

 private:
  std::string name_;
  core::Logger* log_;
  std::vector<std::unique_ptr<Instance>> instances_;
  std::atomic<std::size_t> next_{0};
  std::atomic<std::size_t> healthy_count_{0};
  mutable std::mutex health_mutex_;  // transitions only; the request path reads the atomics
  prometheus::Gauge* healthy_gauge_ = nullptr;
};

}  // namespace portal::gateway
