#pragma once
// A browser-like EventSource client for the tests of issue 15: GET <path> with Accept: text/event-stream and
// a bearer token (and Last-Event-ID when given) on its own thread; everything the stream delivers is kept in
// order. The stream is dropped when the object is destroyed (at the next bytes: heartbeats arrive often).
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>

namespace portal::test {

class SseClient {
 public:
  SseClient(const std::string& host, int port, const std::string& token,
            const std::string& last_event_id = "", const std::string& path = "/api/v1/events");
  ~SseClient();
  SseClient(const SseClient&) = delete;
  SseClient& operator=(const SseClient&) = delete;

  std::string text() const;
  // Waits until the stream holds `needle` (true) or `timeout` passes (false).
  bool wait_for(const std::string& needle, std::chrono::milliseconds timeout) const;
  // Waits until the server ended the stream (or refused it).
  bool wait_ended(std::chrono::milliseconds timeout) const;
  int status() const { return status_; }
  std::string content_type() const;

 private:
  mutable std::mutex mutex_;
  std::string text_;
  std::string content_type_;
  std::atomic<int> status_{0};
  std::atomic<bool> stop_{false};
  std::atomic<bool> ended_{false};
  std::thread thread_;
};

}  // namespace portal::test
