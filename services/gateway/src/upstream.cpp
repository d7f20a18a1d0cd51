#include "upstream.hpp"

#include <algorithm>
#include <stdexcept>

namespace portal::gateway {

struct Upstream::Instance {
  UpstreamInstance address;
  std::string label;  // "host:port", for metrics and logs
  std::unique_ptr<http::Client> client;
  std::atomic<bool> healthy{true};
  std::uint64_t failures = 0;  // guarded by health_mutex_
  prometheus::Counter* ejected_by_check = nullptr;
  prometheus::Counter* ejected_by_failure = nullptr;
};

std::vector<UpstreamInstance> parse_upstream_urls(std::string_view comma_list) {
  std::vector<UpstreamInstance> out;
  for (const auto& item : service::split_list(comma_list)) out.push_back(service::parse_upstream_url(item));
  if (out.empty()) throw std::invalid_argument("no upstream URL given");
  return out;
}

bool repeatable_request(http::Method method, const http::Headers& headers) {
  if (method == http::Method::get || method == http::Method::head) return true;
  const auto key = headers.find("Idempotency-Key");
  return key != headers.end() && !key->second.empty();
}

bool try_next_instance(const http::ClientResult& result, bool repeatable) {
  if (result.ok()) return false;
  return try_next_instance(result.error, result.sent, repeatable);
}

bool try_next_instance(http::ClientError error, bool sent, bool repeatable) {
  if (error == http::ClientError::none) return false;
  if (!sent) return true;
  if (!repeatable) return false;
  return error == http::ClientError::connect_failed || error == http::ClientError::protocol;
}

std::string_view to_string(Ejection reason) {
  switch (reason) {
    case Ejection::health_check:
      return "health_check";
    case Ejection::connection_failure:
      return "connection_failure";
  }
  return "health_check";
}

Upstream::Upstream(std::string name, const std::vector<UpstreamInstance>& instances,
                   const http::ClientOptions& base, UpstreamHealthMetrics* metrics, core::Logger* log)
    : name_(std::move(name)), log_(log) {
  for (const auto& address : instances) {
    auto instance = std::make_unique<Instance>();
    instance->address = address;
    instance->label = address.host + ":" + std::to_string(address.port);
    http::ClientOptions options = base;
    options.host = address.host;
    options.port = address.port;
    options.name = name_;
    instance->client = std::make_unique<http::Client>(options);
    if (metrics) {
      instance->ejected_by_check =
          &metrics->ejections(name_, instance->label, to_string(Ejection::health_check));
      instance->ejected_by_failure =
          &metrics->ejections(name_, instance->label, to_string(Ejection::connection_failure));
    }
    instances_.push_back(std::move(instance));
  }
  healthy_count_ = instances_.size();
  if (metrics) {
    healthy_gauge_ = &metrics->healthy_instances(name_);
    healthy_gauge_->Set(static_cast<double>(instances_.size()));
  }
}

Upstream::~Upstream() = default;

const UpstreamInstance& Upstream::instance(std::size_t i) const { return instances_.at(i)->address; }
const std::string& Upstream::instance_label(std::size_t i) const { return instances_.at(i)->label; }
bool Upstream::circuit_open(std::size_t i) const { return instances_.at(i)->client->circuit_open(); }

bool Upstream::healthy(std::size_t i) const {
  return instances_.at(i)->healthy.load(std::memory_order_relaxed);
}

void Upstream::eject(std::size_t i, Ejection reason) {
  Instance& instance = *instances_.at(i);
  std::lock_guard lock(health_mutex_);
  ++instance.failures;
  if (!instance.healthy.load(std::memory_order_relaxed)) return;
  instance.healthy.store(false, std::memory_order_relaxed);
  healthy_count_.fetch_sub(1, std::memory_order_relaxed);
  if (healthy_gauge_) healthy_gauge_->Decrement();
  if (auto* counter =
          reason == Ejection::health_check ? instance.ejected_by_check : instance.ejected_by_failure)
    counter->Increment();
  if (log_)
    log_->warn("upstream_instance_ejected",
               {{"upstream", name_}, {"instance", instance.label}, {"reason", to_string(reason)}});
}

std::uint64_t Upstream::failure_epoch(std::size_t i) const {
  std::lock_guard lock(health_mutex_);
  return instances_.at(i)->failures;
}

void Upstream::readmit(std::size_t i, std::uint64_t failure_epoch_at_check_start) {
  Instance& instance = *instances_.at(i);
  std::lock_guard lock(health_mutex_);
  if (instance.failures != failure_epoch_at_check_start || instance.healthy.load(std::memory_order_relaxed))
    return;
  instance.healthy.store(true, std::memory_order_relaxed);
  healthy_count_.fetch_add(1, std::memory_order_relaxed);
  if (healthy_gauge_) healthy_gauge_->Increment();
  if (log_) log_->info("upstream_instance_readmitted", {{"upstream", name_}, {"instance", instance.label}});
}

// Healthy instances first, in round-robin order among themselves (so traffic stays even when one is
// out), then the ejected ones as a last resort for a request every healthy instance failed to take.
std::vector<std::size_t> Upstream::attempt_order() {
  const std::size_t turn = next_.fetch_add(1, std::memory_order_relaxed);
  const std::size_t n = instances_.size();
  // One read of each flag: healthy ones fill from the front, ejected ones from the back.
  std::vector<std::size_t> order(n);
  std::size_t healthy = 0, back = n;
  for (std::size_t i = 0; i < n; ++i)
    if (instances_[i]->healthy.load(std::memory_order_relaxed)) {
      order[healthy++] = i;
    } else {
      order[--back] = i;
    }
  const auto split = order.begin() + static_cast<std::ptrdiff_t>(healthy);
  std::reverse(split, order.end());
  if (healthy > 0)
    std::rotate(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(turn % healthy), split);
  if (healthy < n) std::rotate(split, split + static_cast<std::ptrdiff_t>(turn % (n - healthy)), order.end());
  return order;
}

bool Upstream::allow_attempt(std::size_t i, bool last_candidate) {
  http::Client& client = *instances_.at(i)->client;
  if (!last_candidate && client.circuit_open()) return false;
  return client.breaker_allows();
}

void Upstream::record_attempt(std::size_t i, http::ClientError error) {
  // As http::Client does: an answer, even a too-large one, is a success for the breaker.
  const bool failed = error == http::ClientError::connect_failed || error == http::ClientError::timeout ||
                      error == http::ClientError::protocol;
  if (error != http::ClientError::circuit_open) instances_.at(i)->client->breaker_record(!failed);
  if (error == http::ClientError::connect_failed) eject(i, Ejection::connection_failure);
}

http::ClientResult Upstream::request(http::Method method, const std::string& path_and_query,
                                     const http::Headers& headers, const std::string& body,
                                     const std::string& content_type) {
  const bool repeatable = repeatable_request(method, headers);
  const std::vector<std::size_t> order = attempt_order();
  http::ClientResult result;
  for (std::size_t k = 0; k < order.size(); ++k) {
    Instance& instance = *instances_[order[k]];
    // Skip instances whose breaker is open while another one may still answer.
    if (k + 1 < order.size() && instance.client->circuit_open()) continue;
    result = instance.client->request(method, path_and_query, headers, body, content_type);
    if (result.ok()) return result;
    // Passive ejection: an instance that does not take connections is down (or drowning) for every
    // request, so it leaves the rotation now instead of at the next check. A connection that broke
    // after sending is not enough: that can be this request's doing (e.g. a body the instance refused),
    // and a dead instance refuses the next connection anyway.
    if (result.error == http::ClientError::connect_failed) eject(order[k], Ejection::connection_failure);
    if (!try_next_instance(result, repeatable)) return result;
  }
  if (!result.ok() && result.error == http::ClientError::none) result.error = http::ClientError::circuit_open;
  return result;
}

}  // namespace portal::gateway
