#pragma once
// Helpers for the http integration tests: raw HTTP/1.1 over a socket (to see exactly what goes on the
// wire) and a scripted fake upstream for client tests.
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <thread>

namespace portal::http::test {

struct RawResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  bool closed = false;  // the server closed the connection after the response
};

// An open client connection to 127.0.0.1:port.
class RawConnection {
 public:
  explicit RawConnection(std::uint16_t port);
  ~RawConnection();
  bool send(const std::string& bytes);
  // Reads one response (Content-Length framing); status 0 when the connection closed first.
  RawResponse read_response(int timeout_ms = 5000);
  // True when the server closes the connection (end of stream) within timeout_ms; bytes read meanwhile
  // are dropped.
  bool closed_within(int timeout_ms);
  // Everything the server sends until it closes the connection (or timeout_ms passes).
  std::string read_until_closed(int timeout_ms);

 private:
  int fd_ = -1;
  std::string buffer_;
};

RawResponse raw_exchange(std::uint16_t port, const std::string& request);

// A TCP listener on a free port; each accepted connection is passed to on_connection(fd, index) in a
// thread, and closed after it returns.
class FakeUpstream {
 public:
  explicit FakeUpstream(std::function<void(int fd, int index)> on_connection);
  ~FakeUpstream();
  std::uint16_t port() const { return port_; }
  int connections() const { return connections_.load(); }

 private:
  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<int> connections_{0};
  std::atomic<bool> stop_{false};
  std::function<void(int, int)> on_connection_;
  std::thread thread_;
};

// Reads from fd until the end of the request head and the declared body; returns the whole request.
std::string read_request(int fd);
void write_all(int fd, const std::string& bytes);

// A port nothing listens on (bound then closed).
std::uint16_t unused_port();

}  // namespace portal::http::test
