#pragma once
// The Pistache side of Server: reads requests off the I/O threads, answers what must be answered there
// (oversize, unparseable, overload) and hands everything else to the worker pool.
#include <pistache/endpoint.h>
#include <pistache/http.h>

#include "server_impl.hpp"

namespace portal::http {

class PistacheHandler final : public Pistache::Http::Handler {
 public:
  HTTP_PROTOTYPE(PistacheHandler)

  explicit PistacheHandler(Server::Impl* impl) : impl_(impl) {}

  // Replaces Pistache's own input loop (Http::Handler::onInput) so that: a body over our limit gets our
  // 413 problem+json (Pistache answers a plain-text 413 and then parses the rest of the body as new
  // requests); HTTP/1.1 clients without a Connection header keep their connection (Pistache answers
  // "Connection: Close" to them); the raw query string survives (Pistache keeps only a map).
  void onInput(const char* buffer, size_t len, const std::shared_ptr<Pistache::Tcp::Peer>& peer) override;
  // Unused: onInput never calls it.
  void onRequest(const Pistache::Http::Request& request, Pistache::Http::ResponseWriter response) override;

 private:
  struct Connection;
  std::shared_ptr<Connection> connection(const std::shared_ptr<Pistache::Tcp::Peer>& peer);
  void reject(const std::shared_ptr<Pistache::Tcp::Peer>& peer, Connection& conn, const Problem& problem);
  void dispatch(const std::shared_ptr<Pistache::Tcp::Peer>& peer, Connection& conn);
  // The body limit of the request whose request line ("METHOD target HTTP/1.1") this is.
  std::size_t request_body_limit(std::string_view request_line) const;

  Server::Impl* impl_;
};

// Writes a Response through Pistache, with our Connection header. head_only drops the body (HEAD).
void send_response(Pistache::Http::ResponseWriter& writer, const Response& res, bool keep_alive,
                   bool head_only);

}  // namespace portal::http
