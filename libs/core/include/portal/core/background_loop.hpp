#pragma once
// A background thread that runs one pass of work every interval, and at once when woken (the mail outbox's
// sender, the event relay, the webhook deliverer). A pass that throws is logged as `error_event` and the
// loop goes on: a busy or broken database must not kill the sender. stop() waits for the pass in progress.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "portal/core/log.hpp"

namespace portal::core {

class BackgroundLoop {
 public:
  BackgroundLoop(std::function<void()> pass, std::chrono::milliseconds interval, Logger& logger,
                 std::string error_event);
  ~BackgroundLoop();
  BackgroundLoop(const BackgroundLoop&) = delete;
  BackgroundLoop& operator=(const BackgroundLoop&) = delete;

  void start();
  void stop();
  // Run a pass now rather than at the end of the interval.
  void wake();

 private:
  void run();
  std::function<void()> pass_;
  std::chrono::milliseconds interval_;
  Logger& logger_;
  std::string error_event_;
  std::atomic<bool> running_{false};
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool wake_requested_ = false;  // guarded by mutex_
};

}  // namespace portal::core
