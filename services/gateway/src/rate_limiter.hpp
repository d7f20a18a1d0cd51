#pragma once
// GW-4: per-client-address and per-account (token subject) rate limits as token buckets, with a
// stricter bucket per address on the credential routes. Time is passed in, so the rules are pure and
// tested with made-up instants. Thread-safe (sharded mutexes: the check runs on every request).
#include <array>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "portal/core/clock.hpp"
#include "portal/core/config.hpp"

namespace portal::gateway {

struct BucketPolicy {
  double burst = 1;              // bucket capacity: requests allowed at once
  double refill_per_second = 1;  // sustained rate
};

struct RateDecision {
  bool allowed = true;
  std::chrono::seconds retry_after{0};  // whole seconds until one token is back (>= 1 when denied)
  std::string_view limit;               // which limit refused: "login_address", "address", "account"
};

// Seconds until `missing` tokens refill at `rate` per second, rounded up, at least 1.
std::chrono::seconds retry_after_for(double missing, double rate);

// One bucket per key. Buckets that have refilled completely carry no information and are dropped
// when the map grows past max_keys, so memory stays bounded under address spraying.
class TokenBuckets {
 public:
  explicit TokenBuckets(BucketPolicy policy, std::size_t max_keys = 100000);
  RateDecision take(std::string_view key, core::Instant now);
  const BucketPolicy& policy() const { return policy_; }
  std::size_t key_count();

 private:
  struct Bucket {
    double tokens;
    core::Instant updated;
  };
  struct Shard {
    std::mutex mutex;
    std::unordered_map<std::string, Bucket> buckets;
  };
  static constexpr std::size_t kShards = 16;
  void evict_idle(Shard& shard, core::Instant now);
  BucketPolicy policy_;
  std::size_t max_keys_per_shard_;
  std::array<Shard, kShards> shards_;
};

struct RateLimits {
  // 150 at once then 2/s: an e2e test can send 101 failed logins from one address in a few seconds and
  // reach auth's own per-account limit (AUTH-3), while guessing stays far below a brute-force pace.
  BucketPolicy login_per_address{150, 2};
  BucketPolicy per_address{2000, 1000};
  BucketPolicy per_account{1000, 500};
};

// PORTAL_RATE_LOGIN_BURST / _LOGIN_PER_SECOND, PORTAL_RATE_ADDRESS_BURST / _ADDRESS_PER_SECOND,
// PORTAL_RATE_ACCOUNT_BURST / _ACCOUNT_PER_SECOND; defaults above.
RateLimits rate_limits_from_config(const core::Config& config);

class RateLimiter {
 public:
  explicit RateLimiter(RateLimits limits);
  // Before authentication: the client's address (and the login bucket on credential routes).
  RateDecision check_address(std::string_view address, bool credential_route, core::Instant now);
  // After authentication: the token's subject.
  RateDecision check_account(std::string_view subject, core::Instant now);

 private:
  TokenBuckets login_;
  TokenBuckets address_;
  TokenBuckets account_;
};

}  // namespace portal::gateway
