#include "support/sse_client.hpp"

#include <httplib.h>

namespace portal::test {

SseClient::SseClient(const std::string& host, int port, const std::string& token,
                     const std::string& last_event_id, const std::string& path) {
  thread_ = std::thread([this, host, port, token, last_event_id, path] {
    httplib::Client c(host, port);
    c.set_read_timeout(30, 0);
    httplib::Headers h{{"Authorization", "Bearer " + token}, {"Accept", "text/event-stream"}};
    if (!last_event_id.empty()) h.emplace("Last-Event-ID", last_event_id);
    auto res = c.Get(
        path, h,
        [this](const httplib::Response& r) {
          std::lock_guard lock(mutex_);
          status_ = r.status;
          content_type_ = r.get_header_value("Content-Type");
          return true;
        },
        [this](const char* data, size_t n) {
          std::lock_guard lock(mutex_);
          text_.append(data, n);
          return !stop_;
        });
    if (res && status_ == 0) status_ = res->status;
    ended_ = true;
  });
}

SseClient::~SseClient() {
  stop_ = true;
  thread_.join();
}

std::string SseClient::text() const {
  std::lock_guard lock(mutex_);
  return text_;
}

std::string SseClient::content_type() const {
  std::lock_guard lock(mutex_);
  return content_type_;
}

bool SseClient::wait_for(const std::string& needle, std::chrono::milliseconds timeout) const {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    if (text().find(needle) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return text().find(needle) != std::string::npos;
}

bool SseClient::wait_ended(std::chrono::milliseconds timeout) const {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (!ended_ && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  return ended_;
}

}  // namespace portal::test
