#pragma once
// Internals of Server shared by the pipeline (transport-neutral) and the Pistache glue.
#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "portal/http/server.hpp"
#include "route_table.hpp"
#include "worker_pool.hpp"

namespace Pistache::Http {
class Endpoint;
}

namespace portal::http {

struct RouteEntry {
  Handler handler;
  Access access;
  Work work = Work::blocking;
  ForwardHandler forward;  // set for forward routes (Front::asio), then handler is empty
};

class AsioFront;

struct Server::Impl {
  Impl(ServerOptions o, core::Logger& l, metrics::Registry& m, const security::TokenVerifier* v);
  ~Impl();

  // Request id, language, CORS preflight, path check, routing, body limit, authentication, the handler
  // (exceptions become 500 internal_error), then finish(), all on the calling thread.
  Response handle(Request& req);
  // The first half of handle(), after identify(): CORS preflight, path check, routing (sets req.route and
  // req.params) and body limit; never blocks. An answer when one is due already (404, 405, 413, a
  // preflight), else the route whose handler is to run.
  std::optional<Response> route_request(Request& req, const RouteEntry*& entry) const;
  // The second half: authentication and the handler. on_io_thread: the token is verified with the keys
  // already known only, and nullopt is returned when that is not enough to decide (a key to fetch: the
  // request must move to the pool); the handler runs either way only if the entry is non-blocking or
  // on_io_thread is false.
  std::optional<Response> run_route(Request& req, const RouteEntry& entry, bool on_io_thread);
  // Sets req.principal from a valid bearer token its subject has not revoked (AUTH-4, GW-2, issue 9).
  // on_io_thread: only the keys already known are used, and false is returned (nothing set) when the
  // token names another key: the request must move to the pool, where verifying may fetch the JWKS.
  bool authenticate(Request& req, bool on_io_thread) const;
  // What every response gets, whoever produced it: ETag/304, CORS, security headers, X-Request-Id.
  // body_known false: a streamed answer whose body is not in res (no ETag is computed for it).
  void finish(const Request& req, Response& res, bool body_known = true) const;
  // req.client_ip for a request from `peer`: X-Forwarded-For from trusted proxies, or the gateway's signed
  // X-Portal-Client (issue 9); else the peer.
  std::string client_address(std::string peer, const Headers& headers) const;
  // A forward route's handler; an exception becomes 500 internal_error, as for other handlers.
  std::variant<Response, ForwardPlan> call_forward(Request& req, const RouteEntry& entry);
  // Access log line and RED metrics for one answered request.
  void record(const Request& req, const Response& res, std::chrono::steady_clock::time_point started) const;
  // Request id and language for requests answered before reaching handle() (413 early, 400, 503).
  void identify(Request& req) const;
  // The body limit of one request (ServerOptions::body_limits, else max_body_bytes).
  std::size_t body_limit(Method method, std::string_view path) const;
  // Pistache's own buffer limit: our largest body limit plus room for the request line and headers, so
  // that our checks (413 problem+json) run first.
  std::size_t max_request_bytes() const;

  static constexpr std::size_t kMaxHeadBytes = 64 * 1024;

  ServerOptions options;
  core::Logger& log;
  metrics::Registry& metrics;
  const security::TokenVerifier* verifier;
  RouteTable table;
  std::vector<RouteEntry> entries;
  bool standard_routes_added = false;

  std::unique_ptr<WorkerPool> pool;
  std::shared_ptr<Pistache::Http::Endpoint> endpoint;
  std::unique_ptr<AsioFront> asio;
  std::atomic<std::uint16_t> bound_port{0};
  bool running = false;
  // Set by stop(); answers handed to Pistache after that are counted, so that stop() can give the I/O
  // threads time to write them before it shuts them down.
  std::atomic<bool> stopping{false};
  std::atomic<int> answered_while_stopping{0};

 private:
  Response call_handler(Request& req, const RouteEntry& entry);
  // An exception a handler let escape: logged with the request id (its message never reaches the client).
  void log_handler_exception(const Request& req, std::string_view what) const;
  Response preflight(const Request& req, const std::string& origin) const;
  bool origin_allowed(std::string_view origin) const;
};

}  // namespace portal::http
