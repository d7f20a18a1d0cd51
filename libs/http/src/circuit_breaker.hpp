#pragma once
// GW-4 circuit breaker: after `failures_to_open` consecutive transport failures the circuit opens and
// calls fail at once for `open_for`; then exactly one trial call goes through (half-open): success
// closes the circuit, failure opens it again. Time is passed in so the rule is tested without sleeping.
#include <chrono>
#include <mutex>

namespace portal::http {

class CircuitBreaker {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  CircuitBreaker(int failures_to_open, std::chrono::milliseconds open_for)
      : failures_to_open_(failures_to_open < 1 ? 1 : failures_to_open), open_for_(open_for) {}

  // May this call go ahead? In half-open state only the first caller gets true.
  bool allow(TimePoint now);
  void record_success();
  void record_failure(TimePoint now);
  // Open and still inside the waiting period.
  bool is_open(TimePoint now) const;

 private:
  enum class State { closed, open, half_open };
  const int failures_to_open_;
  const std::chrono::milliseconds open_for_;
  mutable std::mutex mutex_;
  State state_ = State::closed;
  int consecutive_failures_ = 0;
  TimePoint opened_at_{};
  bool trial_in_flight_ = false;
};

}  // namespace portal::http
