#pragma once
// The HTTP server every service and the gateway use: Pistache endpoint with our own route table and
// middleware (request id, access log, RED metrics, authentication, body limit, CORS, security headers,
// problem+json errors). Each route says what kind of work its handler does (Work): blocking handlers
// (SQL writes, downstream HTTP, argon2) run on a bounded worker pool, so they never stall the other
// connections of Pistache's I/O thread; non-blocking ones (health, metrics, answers from memory) run on
// the I/O thread that read the request, without the two thread switches a hand-off costs (issue 14).
// An exception escaping a handler becomes a 500 problem+json without its message (logged with the
// request id).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "portal/core/log.hpp"
#include "portal/http/client_address.hpp"
#include "portal/http/forwarding.hpp"
#include "portal/http/message.hpp"
#include "portal/http/problem.hpp"
#include "portal/metrics/metrics.hpp"
#include "portal/security/jwt.hpp"

namespace portal::http {

using Handler = std::function<Response(Request&)>;

// Where a route's handler runs (issue 14, docs/architecture.md "Execution model").
enum class Work {
  // May wait: a durable write, a downstream HTTP call, argon2, a database on another machine. Runs on
  // the worker pool. The default, because a wrong non_blocking stalls every connection of an I/O thread.
  blocking,
  // Never waits on anything but memory and the CPU for a few microseconds: health, metrics, reference
  // data, answers from an in-process cache, a read of a few rows of a local SQLite file (WAL readers do
  // not wait for the writer). Runs on the I/O thread that owns the connection. Only for GET (and HEAD):
  // a write's revocation re-check may call auth. A request whose token names a key not fetched yet still
  // goes to the pool (fetching the JWKS blocks).
  non_blocking,
};

enum class Access {
  public_route,   // no token needed; a valid token, if sent, still sets the principal
  authenticated,  // a valid bearer token is required, else 401 problem+json
};

// A route allowed a different body size than ServerOptions::max_body_bytes (issue 3: roster CSV imports
// of up to 256 MiB through the gateway, while every JSON route keeps 1 MiB). path_prefix matches the raw
// request path itself or anything below it ("/api/v1/affiliates/imports" also covers ".../imports/x").
struct BodyLimit {
  Method method = Method::post;
  std::string path_prefix;
  std::size_t max_bytes = 0;
};

// What the server knows of a request once its head has arrived, before any of its body is read.
struct RequestHeadInfo {
  Method method = Method::get;
  std::string_view path;
  std::optional<std::string_view> authorization;
  std::optional<std::size_t> content_length;  // nullopt when chunked
  bool chunked = false;
  std::string_view peer;  // the connection's address (a refusal's audit record, issue 20)
};
// Decides from the head alone whether a request that carries a body may send it (issue 9: the gateway
// refuses an unauthenticated 200 MiB upload before reading it). nullopt admits the body; a Problem is
// answered at once and the connection closed without reading the body. Runs on an I/O thread: it must
// not block (no network or database calls).
using BodyAdmission = std::function<std::optional<Problem>(const RequestHeadInfo&)>;

// A Content-Security-Policy for the paths under one prefix, instead of the default
// "default-src 'none'; frame-ancestors 'none'" (issue 20: the gateway's browsable API reference at /docs
// needs its own scripts, styles and same-origin calls; every other path keeps the strict policy).
struct PathSecurityPolicy {
  std::string
      path_prefix;  // the path itself or anything below it ("/docs" covers "/docs/assets/x", not "/docsX")
  std::string content_security_policy;
};

// The transport under the server's pipeline (issue 14 item 4). Services use Pistache; the gateway uses
// the Asio front, the only one that serves forward routes (streamed bodies, upstream calls on the I/O
// thread). docs/architecture.md, "The gateway's proxy path", says why.
enum class Front { pistache, asio };

struct ServerOptions {
  std::string service_name = "service";
  Front front = Front::pistache;
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;  // 0 = pick a free port; port() tells which
  int io_threads = 2;
  int worker_threads = 16;
  std::size_t max_queue = 4096;              // pending tasks beyond this get 503
  std::size_t max_body_bytes = 1024 * 1024;  // larger bodies get 413 problem+json
  // Exceptions to max_body_bytes; the first matching entry wins. The limit is applied to the declared
  // Content-Length before the body is read, to the bytes actually received (chunked bodies) and to the
  // parsed body. Pistache's own request buffer is sized for the largest limit.
  std::vector<BodyLimit> body_limits;
  std::vector<std::string> cors_origins;  // exact origins allowed; others get no CORS headers
  std::chrono::seconds keep_alive_timeout{30};
  // A request whose head and body have not arrived whole within this time gets our 408 problem+json and
  // a close. Pistache's own timer, 5 s later, also bounds a handler that has not answered (measured: it
  // restarts when the request is dispatched). Keep it above every upstream timeout.
  std::chrono::seconds request_timeout{30};
  // How long a streamed answer (Response::stream) may last: Pistache's own timer, which otherwise cuts a
  // connection busy for request_timeout + 5 s, waits this long (issue 15). The stream must end by then.
  std::chrono::seconds max_stream_duration{0};
  // req.client_ip (client_address.hpp, issue 9): the peer's address, unless the peer is in
  // trusted_proxies (then X-Forwarded-For read from the right), or the request carries X-Portal-Client
  // signed under forwarding_key (the gateway's word for the client behind it). Both empty: the peer.
  std::vector<Cidr> trusted_proxies;
  std::string forwarding_key;
  // Who may read GET /metrics (issue 10): loopback unless configured (PORTAL_METRICS_ALLOW).
  MetricsAccess metrics_access;
  // Asked for every request with a body (Content-Length > 0 or chunked) before the body is read.
  BodyAdmission admit_body;
  // Is this verified token void (its subject revoked after it was issued, issue 9)? `write` for POST,
  // PUT, PATCH and DELETE. A void token is treated as no token (401 on authenticated routes).
  std::function<bool(const security::Principal&, bool write)> is_revoked;
  // Exceptions to the strict Content-Security-Policy of GW-5, by path prefix; the first match wins.
  std::vector<PathSecurityPolicy> security_policies;
};

// Readiness check for /readyz: returns an empty string when ready, else a reason.
using ReadinessCheck = std::function<std::string()>;

class Server {
 public:
  // verifier may be null: then every Access::authenticated route answers 401.
  Server(ServerOptions options, core::Logger& logger, metrics::Registry& metrics,
         const security::TokenVerifier* verifier);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Path templates: literal segments, ":name" parameters, and a final "*" matching any rest
  // ("/api/v1/*"). Literal matches win over parameters, which win over "*". A path matching a template
  // under another method answers 405; matching none answers 404 route_not_found.
  // Register every route before start() (throws std::logic_error after, std::invalid_argument for a
  // malformed or duplicate template). ":name" values are percent-decoded (req.param("name")); "*" puts
  // the raw, still-encoded rest of the path in req.params["*"] and also matches nothing ("/a/*" covers
  // "/a"). HEAD uses the GET route when there is no HEAD route (body dropped). CORS preflights are
  // answered by the server; other OPTIONS get 204 with Allow. 200 JSON answers to GET/HEAD get a weak
  // ETag, and If-None-Match turns them into 304.
  // work: Work::non_blocking only with Method::get (std::invalid_argument otherwise).
  void route(Method method, std::string path_template, Handler handler, Access access = Access::authenticated,
             Work work = Work::blocking);
  // A route whose request and answer stream to an upstream (forwarding.hpp). Front::asio only
  // (std::logic_error otherwise). The handler runs on the I/O thread after the token check, before the
  // body is read: it must not block.
  void forward_route(Method method, std::string path_template, ForwardHandler handler,
                     Access access = Access::public_route);
  // Also registers GET /healthz, GET /readyz (using check) and GET /metrics (public) — call once.
  // /healthz is non-blocking; /readyz (its check may touch the database) and /metrics (on_scrape
  // callbacks may) block.
  void add_standard_routes(ReadinessCheck check);

  void start();  // binds and serves in background threads; returns when listening
  void stop();
  std::uint16_t port() const;

  // Every registered (method, template), for `--list-routes` and the OpenAPI contract test.
  std::vector<std::pair<Method, std::string>> routes() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// Blocks SIGINT/SIGTERM, starts the server, waits for a signal, stops it. Call before creating other
// threads so that they inherit the blocked mask.
void block_stop_signals();
void wait_for_stop_signal();

// Responds with the problem for a list of field errors; handlers use it as `return problem(req, ...)`.
Response problem(const Request& req, const Problem& p);
}  // namespace portal::http
