#include "circuit_breaker.hpp"

namespace portal::http {

bool CircuitBreaker::allow(TimePoint now) {
  std::lock_guard lock(mutex_);
  switch (state_) {
    case State::closed:
      return true;
    case State::open:
      if (now - opened_at_ < open_for_) return false;
      state_ = State::half_open;
      trial_in_flight_ = true;
      return true;
    case State::half_open:
      if (trial_in_flight_) return false;
      trial_in_flight_ = true;
      return true;
  }
  return true;
}

void CircuitBreaker::record_success() {
  std::lock_guard lock(mutex_);
  state_ = State::closed;
  consecutive_failures_ = 0;
  trial_in_flight_ = false;
}

void CircuitBreaker::record_failure(TimePoint now) {
  std::lock_guard lock(mutex_);
  trial_in_flight_ = false;
  if (state_ == State::half_open) {
    state_ = State::open;
    opened_at_ = now;
    return;
  }
  if (state_ == State::open) return;
  if (++consecutive_failures_ >= failures_to_open_) {
    state_ = State::open;
    opened_at_ = now;
  }
}

bool CircuitBreaker::is_open(TimePoint now) const {
  std::lock_guard lock(mutex_);
  return state_ == State::open && now - opened_at_ < open_for_;
}

}  // namespace portal::http
