#include "health_checker.hpp"

#include <algorithm>
#include <limits>

namespace portal::gateway {
namespace {

constexpr const char* kReadinessPath = "/readyz";

http::ClientOptions probe_options(const UpstreamInstance& address, const std::string& upstream,
                                  const HealthCheckOptions& o) {
  http::ClientOptions c;
  c.host = address.host;
  c.port = address.port;
  c.name = upstream + "-health";
  const auto timeout = std::min(o.timeout, o.interval);
  c.read_timeout = timeout;
  c.connect_timeout = std::min(o.connect_timeout, timeout);
  c.idempotent_retries = 0;  // one check is one verdict; the next round is the retry
  c.pool_size = 1;
  c.max_response_bytes = 64 * 1024;
  // Every check must reach the instance, or a readmission could wait for a breaker instead of /readyz.
  c.breaker_failures = std::numeric_limits<int>::max();
  return c;
}

}  // namespace

HealthChecker::HealthChecker(std::vector<Upstream*> upstreams, HealthCheckOptions options)
    : options_(options) {
  for (Upstream* upstream : upstreams)
    for (std::size_t i = 0; i < upstream->instance_count(); ++i)
      probes_.push_back(Probe{
          upstream, i,
          std::make_unique<http::Client>(probe_options(upstream->instance(i), upstream->name(), options_))});
}

HealthChecker::~HealthChecker() { stop(); }

void HealthChecker::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void HealthChecker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool HealthChecker::stopping() const {
  std::lock_guard lock(mutex_);
  return stopping_;
}

void HealthChecker::check(Probe& probe) {
  const std::uint64_t epoch = probe.upstream->failure_epoch(probe.instance);
  const auto result = probe.client->request(http::Method::get, kReadinessPath,
                                            {{"User-Agent", "portal-gateway-health-check"}}, {}, {});
  if (result.ok() && result.response->status >= 200 && result.response->status < 300) {
    probe.upstream->readmit(probe.instance, epoch);
  } else {
    probe.upstream->eject(probe.instance, Ejection::health_check);
  }
}

void HealthChecker::check_all() {
  for (auto& probe : probes_) {
    if (stopping()) return;
    check(probe);
  }
}

// Rounds start one interval apart (a slow round is followed by the next at once, not skipped), so an
// instance's state is never older than interval + the time its own check takes.
void HealthChecker::run() {
  auto next_round = std::chrono::steady_clock::now();
  while (true) {
    check_all();
    next_round = std::max(next_round + options_.interval, std::chrono::steady_clock::now());
    std::unique_lock lock(mutex_);
    if (wake_.wait_until(lock, next_round, [this] { return stopping_; })) return;
  }
}

}  // namespace portal::gateway
