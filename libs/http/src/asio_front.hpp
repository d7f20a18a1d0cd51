#pragma once
// The Asio front of Server (issue 14 item 4): one io_context per I/O thread, each connection a coroutine
// on one of them. It reads a request head with the same strict check as the Pistache front
// (request_head.hpp), then runs the transport-neutral pipeline (server_impl.hpp): early answers and
// non-blocking routes on the I/O thread, blocking ones on the worker pool, forward routes streamed to
// their upstream on the I/O thread over kept-alive upstream connections (forwarding.hpp). Every read and
// write has a deadline. Back-pressure is natural: nothing more is read from one side until the other side
// took what was read.
#include <cstdint>
#include <memory>

#include "portal/http/server.hpp"

namespace portal::http {

class AsioFront {
 public:
  explicit AsioFront(Server::Impl& server);
  ~AsioFront();
  AsioFront(const AsioFront&) = delete;
  AsioFront& operator=(const AsioFront&) = delete;

  void start();  // binds and runs the I/O threads; returns when listening
  void stop_accepting();
  // Waits (up to a grace period) for the exchanges under way to end, then stops the I/O threads.
  void stop();
  std::uint16_t port() const;

  struct State;

 private:
  std::unique_ptr<State> state_;
};

}  // namespace portal::http
