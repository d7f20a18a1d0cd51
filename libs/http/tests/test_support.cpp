#include "test_support.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <vector>

namespace portal::http::test {
namespace {

int connect_to(std::uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::size_t content_length_of(const std::string& head) {
  const std::string l = lower(head);
  auto pos = l.find("\r\ncontent-length:");
  if (pos == std::string::npos) return 0;
  return static_cast<std::size_t>(std::stoul(l.substr(pos + 17)));
}

}  // namespace

RawConnection::RawConnection(std::uint16_t port) : fd_(connect_to(port)) {}
RawConnection::~RawConnection() {
  if (fd_ >= 0) ::close(fd_);
}

void write_all(int fd, const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;
    sent += static_cast<std::size_t>(n);
  }
}

bool RawConnection::send(const std::string& bytes) {
  if (fd_ < 0) return false;
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

namespace {

enum class ReadOutcome { data, closed, timed_out };

// Waits until `deadline` for bytes on fd and appends what one recv gives to `into`.
ReadOutcome read_some(int fd, std::chrono::steady_clock::time_point deadline, std::string& into) {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  if (left.count() <= 0) return ReadOutcome::timed_out;
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return ReadOutcome::timed_out;
  char buf[65536];
  const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
  if (n <= 0) return ReadOutcome::closed;
  into.append(buf, static_cast<std::size_t>(n));
  return ReadOutcome::data;
}

}  // namespace

bool RawConnection::closed_within(int timeout_ms) {
  if (fd_ < 0) return true;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  std::string dropped;
  while (true) {
    const auto outcome = read_some(fd_, deadline, dropped);
    if (outcome != ReadOutcome::data) return outcome == ReadOutcome::closed;
    dropped.clear();
  }
}

std::string RawConnection::read_until_closed(int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  std::string all = std::move(buffer_);
  buffer_.clear();
  while (fd_ >= 0 && read_some(fd_, deadline, all) == ReadOutcome::data) {
  }
  return all;
}

RawResponse RawConnection::read_response(int timeout_ms) {
  RawResponse r;
  if (fd_ < 0) return r;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  auto fill = [&]() -> bool {
    const auto outcome = read_some(fd_, deadline, buffer_);
    if (outcome == ReadOutcome::closed) r.closed = true;
    return outcome == ReadOutcome::data;
  };

  std::size_t head_end;
  while ((head_end = buffer_.find("\r\n\r\n")) == std::string::npos)
    if (!fill()) return r;
  const std::string head = buffer_.substr(0, head_end + 2);
  const std::size_t length = content_length_of(head);
  while (buffer_.size() < head_end + 4 + length)
    if (!fill()) return r;
  r.body = buffer_.substr(head_end + 4, length);
  buffer_.erase(0, head_end + 4 + length);
  r.status = std::stoi(head.substr(9, 3));
  std::size_t pos = head.find("\r\n") + 2;
  while (pos < head.size()) {
    auto eol = head.find("\r\n", pos);
    auto line = head.substr(pos, eol - pos);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
      auto value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      r.headers[lower(line.substr(0, colon))] = value;
    }
    pos = eol + 2;
  }
  // Did the server close after answering? Peek briefly.
  pollfd p{fd_, POLLIN, 0};
  if (buffer_.empty() && ::poll(&p, 1, 50) > 0) {
    char c;
    if (::recv(fd_, &c, 1, MSG_PEEK) == 0) r.closed = true;
  }
  return r;
}

RawResponse raw_exchange(std::uint16_t port, const std::string& request) {
  RawConnection c(port);
  c.send(request);
  return c.read_response();
}

std::string read_request(int fd) {
  std::string data;
  char buf[65536];
  while (true) {
    auto head_end = data.find("\r\n\r\n");
    if (head_end != std::string::npos &&
        data.size() >= head_end + 4 + content_length_of(data.substr(0, head_end + 2)))
      return data;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 5000) <= 0) return data;
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return data;
    data.append(buf, static_cast<std::size_t>(n));
  }
}

FakeUpstream::FakeUpstream(std::function<void(int, int)> on_connection)
    : on_connection_(std::move(on_connection)) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::listen(listen_fd_, 64);
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] {
    std::vector<std::thread> handlers;
    while (!stop_) {
      pollfd p{listen_fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      int fd = ::accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) continue;
      const int index = connections_++;
      handlers.emplace_back([this, fd, index] {
        on_connection_(fd, index);
        ::close(fd);
      });
    }
    for (auto& t : handlers) t.join();
  });
}

FakeUpstream::~FakeUpstream() {
  stop_ = true;
  thread_.join();
  ::close(listen_fd_);
}

std::uint16_t unused_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace portal::http::test
