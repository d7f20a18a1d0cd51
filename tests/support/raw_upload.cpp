#include "support/raw_upload.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <stdexcept>

namespace portal::test {

UploadOutcome stream_upload(std::uint16_t port, const std::string& head, const UploadOptions& options) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    throw std::runtime_error("stream_upload: cannot connect to port " + std::to_string(port));
  }
  ::send(fd, head.data(), head.size(), MSG_NOSIGNAL);
  const std::string chunk(64 * 1024, 'x');
  UploadOutcome out;
  bool peer_closed = false;
  const auto deadline = std::chrono::steady_clock::now() + options.deadline;
  while (std::chrono::steady_clock::now() < deadline) {
    const bool sending = out.sent < options.body_bytes &&
                         (options.keep_sending_after_answer || out.answer.empty()) && !out.cut_off;
    if (!sending && peer_closed) break;
    pollfd p{fd, static_cast<short>((peer_closed ? 0 : POLLIN) | (sending ? POLLOUT : 0)), 0};
    if (::poll(&p, 1, 1000) <= 0) continue;
    if (!peer_closed && (p.revents & (POLLIN | POLLHUP | POLLERR))) {
      char buf[4096];
      const ssize_t n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
      if (n > 0) {
        out.answer.append(buf, static_cast<std::size_t>(n));
        continue;
      }
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) continue;
      peer_closed = true;  // end of stream, or reset
      if (n < 0) out.cut_off = out.sent < options.body_bytes;
      continue;
    }
    if (sending && (p.revents & POLLOUT)) {
      const ssize_t n = ::send(fd, chunk.data(), std::min(chunk.size(), options.body_bytes - out.sent),
                               MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) {
        out.sent += static_cast<std::size_t>(n);
      } else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        out.cut_off = true;  // reset or broken pipe: the server ended the connection
      }
    }
  }
  ::close(fd);
  return out;
}

}  // namespace portal::test
