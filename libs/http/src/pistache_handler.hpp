#pragma once
// The Pistache side of Server: reads requests off the I/O threads, answers there what must or can be
// answered there (oversize, unparseable, overload, unknown routes, non-blocking routes) and hands
// everything else to the worker pool.
#include <pistache/endpoint.h>
#include <pistache/http.h>

#include "server_impl.hpp"

namespace portal::http {

class PistacheHandler final : public Pistache::Http::Handler {
 public:
  HTTP_PROTOTYPE(PistacheHandler)

  explicit PistacheHandler(Server::Impl* impl) : impl_(impl) {}

  // Replaces Pistache's own input loop (Http::Handler::onInput) so that: the request head is framed and
  // checked by us before Pistache parses it (conflicting Content-Length, folded headers, bare LF,
  // HTTP/0.9, a header without a colon: 400 and close); a body over our limit gets our 413
  // problem+json (Pistache answers a plain-text 413 and then parses the rest of the body as new
  // requests); a body can be refused from the head alone (BodyAdmission); pipelined requests get an
  // answer to the first and a close (Pistache dropped them); Connection: close and HTTP/1.0 close the
  // connection after the answer; HTTP/1.1 clients without a Connection header keep their connection
  // (Pistache answers "Connection: Close" to them); the raw query string survives.
  void onInput(const char* buffer, size_t len, const std::shared_ptr<Pistache::Tcp::Peer>& peer) override;
  // Unused: onInput never calls it.
  void onRequest(const Pistache::Http::Request& request, Pistache::Http::ResponseWriter response) override;

 private:
  struct Connection;
  std::shared_ptr<Connection> connection(const std::shared_ptr<Pistache::Tcp::Peer>& peer);
  // A request that did not arrive in one read gets our 408 problem+json if it is not whole by
  // ServerOptions::request_timeout (a timer on the connection's I/O thread, armed once per request).
  void arm_request_timer(const std::shared_ptr<Pistache::Tcp::Peer>& peer, Connection& conn);
  void reject(const std::shared_ptr<Pistache::Tcp::Peer>& peer, Connection& conn, const Problem& problem);
  // The head of conn's request is complete: check it strictly (request_head.hpp), apply the body limit
  // and the BodyAdmission hook. False when the request was answered (rejected) already.
  bool begin_request(const std::shared_ptr<Pistache::Tcp::Peer>& peer, Connection& conn);
  // Answers a complete request: here when that cannot block (an early answer, a Work::non_blocking
  // route), else from the worker pool. close_after: answer with Connection: close and close.
  void dispatch(const std::shared_ptr<Pistache::Tcp::Peer>& peer, const std::shared_ptr<Connection>& conn,
                bool close_after);

  Server::Impl* impl_;
};

// Writes a Response through Pistache, with our Connection header. head_only drops the body (HEAD).
void send_response(Pistache::Http::ResponseWriter& writer, const Response& res, bool keep_alive,
                   bool head_only);

}  // namespace portal::http
