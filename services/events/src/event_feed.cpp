#include "event_feed.hpp"

namespace portal::events_hub {

void EventFeed::published(long long seq) {
  {
    std::lock_guard lock(mutex_);
    if (seq > latest_) latest_ = seq;
  }
  cv_.notify_all();
}

bool EventFeed::wait(long long after_seq, std::chrono::steady_clock::time_point until) {
  std::unique_lock lock(mutex_);
  cv_.wait_until(lock, until, [&] { return closed_ || latest_ > after_seq; });
  return !closed_;
}

void EventFeed::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  cv_.notify_all();
}

bool EventFeed::closed() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

bool EventFeed::open_stream(const std::string& client) {
  std::lock_guard lock(mutex_);
  int& n = streams_[client];
  if (n >= max_per_client_) return false;
  ++n;
  ++total_streams_;
  return true;
}

void EventFeed::close_stream(const std::string& client) {
  std::lock_guard lock(mutex_);
  auto it = streams_.find(client);
  if (it == streams_.end()) return;
  --total_streams_;
  if (--it->second <= 0) streams_.erase(it);
}

long long EventFeed::open_streams() const {
  std::lock_guard lock(mutex_);
  return total_streams_;
}

}  // namespace portal::events_hub
