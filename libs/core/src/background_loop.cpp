#include "portal/core/background_loop.hpp"

namespace portal::core {

BackgroundLoop::BackgroundLoop(std::function<void()> pass, std::chrono::milliseconds interval, Logger& logger,
                               std::string error_event)
    : pass_(std::move(pass)), interval_(interval), logger_(logger), error_event_(std::move(error_event)) {}

BackgroundLoop::~BackgroundLoop() { stop(); }

void BackgroundLoop::start() {
  if (running_.exchange(true)) return;
  thread_ = std::thread([this] { run(); });
}

void BackgroundLoop::stop() {
  if (!running_.exchange(false)) return;
  wake();
  if (thread_.joinable()) thread_.join();
}

void BackgroundLoop::wake() {
  {
    std::lock_guard lock(mutex_);
    wake_requested_ = true;
  }
  cv_.notify_all();
}

void BackgroundLoop::run() {
  while (running_) {
    try {
      pass_();
    } catch (const std::exception& e) {
      logger_.error(error_event_, {{"error", e.what()}});
    }
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, interval_, [this] { return wake_requested_ || !running_; });
    wake_requested_ = false;
  }
}

}  // namespace portal::core
