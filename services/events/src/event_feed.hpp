#pragma once
// Issue 15: what wakes the SSE streams of this process when an event arrives, and the bound on open
// streams per client. Streams also re-read the database at least every poll interval, so events taken in
// by another replica reach them too (a little later).
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>

namespace portal::events_hub {

class EventFeed {
 public:
  explicit EventFeed(int max_streams_per_client) : max_per_client_(max_streams_per_client) {}

  // An event with this sequence number was committed.
  void published(long long seq);
  // Waits until an event after `after_seq` was published, `until` passes, or the feed closes. False once
  // closed (the service is stopping: every stream ends).
  bool wait(long long after_seq, std::chrono::steady_clock::time_point until);
  void close();
  bool closed() const;

  // One more stream for `client` (the token's subject); false when it already has the maximum.
  bool open_stream(const std::string& client);
  void close_stream(const std::string& client);
  long long open_streams() const;

 private:
  const int max_per_client_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  long long latest_ = 0;
  bool closed_ = false;
  std::map<std::string, int> streams_;
  long long total_streams_ = 0;
};

}  // namespace portal::events_hub
