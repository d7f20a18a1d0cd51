#include "rate_limiter.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>
#include <vector>

namespace portal::gateway {

std::chrono::seconds retry_after_for(double missing, double rate) {
  if (rate <= 0) return std::chrono::seconds{3600};
  auto seconds = static_cast<long long>(std::ceil(missing / rate - 1e-9));
  return std::chrono::seconds{std::max<long long>(1, seconds)};
}

TokenBuckets::TokenBuckets(BucketPolicy policy, std::size_t max_keys)
    : policy_(policy), max_keys_per_shard_(std::max<std::size_t>(1, max_keys / kShards)) {}

RateDecision TokenBuckets::take(std::string_view key, core::Instant now) {
  Shard& shard = shards_[std::hash<std::string_view>{}(key) % kShards];
  std::lock_guard lock(shard.mutex);
  auto it = shard.buckets.find(std::string(key));
  if (it == shard.buckets.end()) {
    if (shard.buckets.size() >= max_keys_per_shard_) evict_idle(shard, now);
    it = shard.buckets.emplace(std::string(key), Bucket{policy_.burst, now}).first;
  }
  Bucket& b = it->second;
  if (now > b.updated) {
    const double elapsed = std::chrono::duration<double>(now - b.updated).count();
    b.tokens = std::min(policy_.burst, b.tokens + elapsed * policy_.refill_per_second);
    b.updated = now;
  }
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return {true, std::chrono::seconds{0}};
  }
  return {false, retry_after_for(1.0 - b.tokens, policy_.refill_per_second)};
}

std::size_t TokenBuckets::key_count() {
  std::size_t n = 0;
  for (auto& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    n += shard.buckets.size();
  }
  return n;
}

void TokenBuckets::evict_idle(Shard& shard, core::Instant now) {
  std::erase_if(shard.buckets, [&](const auto& entry) {
    const double elapsed = std::chrono::duration<double>(now - entry.second.updated).count();
    return entry.second.tokens + elapsed * policy_.refill_per_second >= policy_.burst;
  });
  // Every bucket still holds a debt (a flood of distinct keys): forget the oldest half rather than
  // grow without bound — a forgotten key only gets a fresh burst.
  if (shard.buckets.size() >= max_keys_per_shard_) {
    std::vector<core::Instant> times;
    times.reserve(shard.buckets.size());
    for (const auto& [key, bucket] : shard.buckets) times.push_back(bucket.updated);
    auto mid = times.begin() + static_cast<std::ptrdiff_t>(times.size() / 2);
    std::nth_element(times.begin(), mid, times.end());
    const core::Instant cutoff = *mid;
    std::erase_if(shard.buckets, [&](const auto& entry) { return entry.second.updated <= cutoff; });
  }
}

namespace {

BucketPolicy policy_from(const core::Config& config, const std::string& name, BucketPolicy fallback) {
  BucketPolicy p;
  p.burst = static_cast<double>(
      config.get_int("PORTAL_RATE_" + name + "_BURST", static_cast<long long>(fallback.burst)));
  p.refill_per_second = static_cast<double>(config.get_int(
      "PORTAL_RATE_" + name + "_PER_SECOND", static_cast<long long>(fallback.refill_per_second)));
  if (p.burst < 1 || p.refill_per_second < 0)
    throw std::invalid_argument("PORTAL_RATE_" + name + "_BURST must be >= 1 and _PER_SECOND >= 0");
  return p;
}

}  // namespace

RateLimits rate_limits_from_config(const core::Config& config) {
  RateLimits defaults;
  RateLimits limits;
  limits.login_per_address = policy_from(config, "LOGIN", defaults.login_per_address);
  limits.per_address = policy_from(config, "ADDRESS", defaults.per_address);
  limits.per_account = policy_from(config, "ACCOUNT", defaults.per_account);
  return limits;
}

RateLimiter::RateLimiter(RateLimits limits)
    : login_(limits.login_per_address), address_(limits.per_address), account_(limits.per_account) {}

RateDecision RateLimiter::check_address(std::string_view address, bool credential_route, core::Instant now) {
  if (credential_route) {
    auto login = login_.take(address, now);
    if (!login.allowed) {
      login.limit = "login_address";
      return login;
    }
  }
  auto d = address_.take(address, now);
  if (!d.allowed) d.limit = "address";
  return d;
}

RateDecision RateLimiter::check_account(std::string_view subject, core::Instant now) {
  auto d = account_.take(subject, now);
  if (!d.allowed) d.limit = "account";
  return d;
}

}  // namespace portal::gateway
