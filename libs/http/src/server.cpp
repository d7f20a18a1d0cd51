#include "portal/http/server.hpp"

#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "asio_front.hpp"
#include "pistache_handler.hpp"

namespace portal::http {

namespace {
constexpr std::chrono::milliseconds kAnswerDrainGrace{250};
// Pistache's own timeout (a bare 408 without our headers) is set this much later than ours, so that a
// request arriving too slowly gets our problem+json (PistacheHandler::arm_request_timer); Pistache's
// still bounds a handler that never answers.
constexpr std::chrono::seconds kPistacheTimeoutSlack{5};

// Measured (issue 15): Pistache answers 408 and drops a connection whose request has been in progress
// longer than this, streamed answers included (an SSE stream was cut at 35 s). Ours still bounds slow heads
// and bodies at request_timeout; Pistache's backstop waits for the longest stream.
std::chrono::seconds pistache_timeout(const ServerOptions& o) {
  return std::max(o.request_timeout, o.max_stream_duration) + kPistacheTimeoutSlack;
}
}  // namespace

Server::Impl::Impl(ServerOptions o, core::Logger& l, metrics::Registry& m, const security::TokenVerifier* v)
    : options(std::move(o)), log(l), metrics(m), verifier(v) {}

Server::Impl::~Impl() = default;

Server::Server(ServerOptions options, core::Logger& logger, metrics::Registry& metrics,
               const security::TokenVerifier* verifier)
    : impl_(std::make_unique<Impl>(std::move(options), logger, metrics, verifier)) {}

Server::~Server() { stop(); }

void Server::route(Method method, std::string path_template, Handler handler, Access access, Work work) {
  if (impl_->running) throw std::logic_error("routes must be registered before start()");
  // A write is judged against the revocation list re-loaded from auth (issue 9): never on an I/O thread.
  if (work == Work::non_blocking && method != Method::get)
    throw std::invalid_argument("only GET routes may be non-blocking: " + path_template);
  impl_->table.add(method, path_template, impl_->entries.size());
  impl_->entries.push_back({std::move(handler), access, work});
}

void Server::forward_route(Method method, std::string path_template, ForwardHandler handler, Access access) {
  if (impl_->running) throw std::logic_error("routes must be registered before start()");
  if (impl_->options.front != Front::asio)
    throw std::logic_error("forward routes need the Asio front: " + path_template);
  impl_->table.add(method, path_template, impl_->entries.size());
  impl_->entries.push_back({Handler{}, access, Work::blocking, std::move(handler)});
}

void Server::add_standard_routes(ReadinessCheck check) {
  if (impl_->standard_routes_added) return;
  impl_->standard_routes_added = true;
  route(
      Method::get, "/healthz", [](Request&) { return Response::json(200, R"({"status":"ok"})"); },
      Access::public_route, Work::non_blocking);
  route(
      Method::get, "/readyz",
      [check = std::move(check)](Request& req) {
        const std::string reason = check ? check() : std::string{};
        if (!reason.empty()) return problem(req, not_ready(reason));
        return Response::json(200, R"({"status":"ready"})");
      },
      Access::public_route);
  metrics::Registry* registry = &impl_->metrics;
  route(
      Method::get, "/metrics",
      [registry, access = impl_->options.metrics_access](Request& req) {
        // Not for the public (issue 10): the same 404 as an unknown route.
        if (!access.allows(req.client_ip)) return problem(req, route_not_found());
        Response res = Response::json(200, registry->serialize());
        res.content_type = "text/plain; version=0.0.4; charset=utf-8";
        return res;
      },
      // Blocking: a scrape runs the registry's on_scrape callbacks, and a service may read its database
      // there (authorizations counts its pending requests); scrapes are rare, the hop costs nothing.
      Access::public_route);
}

void Server::start() {
  if (impl_->running) return;
  // A peer that hangs up while its answer is being written must cost an EPIPE, not the process.
  ::signal(SIGPIPE, SIG_IGN);
  impl_->stopping.store(false);
  impl_->answered_while_stopping.store(0);
  const auto& o = impl_->options;
  impl_->pool =
      std::make_unique<WorkerPool>(o.worker_threads, o.max_queue, o.service_name.substr(0, 8) + "-wk");
  if (o.front == Front::asio) {
    try {
      impl_->asio = std::make_unique<AsioFront>(*impl_);
      impl_->asio->start();
    } catch (...) {
      impl_->asio.reset();
      impl_->pool->stop();
      throw;
    }
    impl_->bound_port = impl_->asio->port();
    impl_->running = true;
    impl_->log.info("listening", {{"host", o.host}, {"port", static_cast<int>(impl_->bound_port.load())}});
    return;
  }
  Pistache::Address address(o.host, Pistache::Port(o.port));
  impl_->endpoint = std::make_shared<Pistache::Http::Endpoint>(address);
  auto opts = Pistache::Http::Endpoint::options()
                  .threads(o.io_threads < 1 ? 1 : o.io_threads)
                  .threadsName(o.service_name.substr(0, 8) + "-io")
                  .flags(Pistache::Tcp::Options::ReuseAddr)
                  .backlog(1024)
                  .maxRequestSize(impl_->max_request_bytes())
                  .keepaliveTimeout(o.keep_alive_timeout)
                  .headerTimeout(pistache_timeout(o))
                  .bodyTimeout(pistache_timeout(o));
  impl_->endpoint->init(opts);
  impl_->endpoint->setHandler(Pistache::Http::make_handler<PistacheHandler>(impl_.get()));
  try {
    impl_->endpoint->serveThreaded();
  } catch (...) {
    impl_->pool->stop();
    impl_->endpoint.reset();
    throw;
  }
  impl_->bound_port = static_cast<std::uint16_t>(impl_->endpoint->getPort());
  impl_->running = true;
  impl_->log.info("listening", {{"host", o.host}, {"port", static_cast<int>(impl_->bound_port.load())}});
}

void Server::stop() {
  if (!impl_->running) return;
  impl_->running = false;
  // Finish the requests already taken, then close the listener and connections. A worker's answer is
  // only queued for the connection's I/O thread (Pistache writes it there and gives no safe way to wait
  // for that write, see send_response), so when answers were queued during the stop the I/O threads get
  // a short grace to write them before they are shut down. An idle server stops at once.
  impl_->stopping.store(true, std::memory_order_release);
  if (impl_->asio) {
    // No new connections; the pool finishes what it took; the I/O threads write those answers (and end
    // the exchanges under way) within a grace period, then stop.
    impl_->asio->stop_accepting();
    impl_->pool->stop();
    impl_->asio->stop();
    impl_->asio.reset();
    impl_->pool.reset();
    return;
  }
  impl_->pool->stop();
  if (impl_->answered_while_stopping.load() > 0) std::this_thread::sleep_for(kAnswerDrainGrace);
  impl_->endpoint->shutdown();
  impl_->endpoint.reset();
  impl_->pool.reset();
}

std::uint16_t Server::port() const { return impl_->bound_port.load(); }

std::vector<std::pair<Method, std::string>> Server::routes() const { return impl_->table.routes(); }

void block_stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

void wait_for_stop_signal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  int signal = 0;
  sigwait(&set, &signal);
}

Response problem(const Request& req, const Problem& p) { return problem_response(p, req.lang); }

}  // namespace portal::http
