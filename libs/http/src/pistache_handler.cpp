#include "pistache_handler.hpp"

#include <pistache/peer.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <mutex>

#include "policies.hpp"
#include "request_head.hpp"
#include "url.hpp"

namespace portal::http {
namespace {

namespace P = Pistache::Http;

constexpr const char* kConnectionKey = "portal.connection";
// After a rejected request we read and drop what the client still sends (so that it reads our answer
// instead of a connection reset), up to this much; then we close.
constexpr std::size_t kMaxDiscardBytes = 64 * 1024 * 1024;
// An answer refused from its head alone (BodyAdmission) reads at most this much of the unwanted body.
constexpr std::size_t kRefusedDiscardBytes = 1024 * 1024;
// A write handed to Pistache's queue is on the wire well within this (its I/O thread serves the queue
// between reads); until then a rejection is queued behind it instead of written directly.
constexpr std::chrono::milliseconds kQueuedWriteGrace{100};

// A header with a name chosen at run time (Pistache only writes typed headers).
class NamedHeader final : public P::Header::Header {
 public:
  NamedHeader(std::string name, std::string value) : name_(std::move(name)), value_(std::move(value)) {}
  const char* name() const override { return name_.c_str(); }
  void write(std::ostream& os) const override { os << value_; }
  uint64_t hash() const override { return P::Header::detail::hash(name_.c_str()); }

 private:
  std::string name_;
  std::string value_;
};

// The body Pistache parsed, moved out instead of copied (Message::body_ is protected).
struct BodyAccess : P::Request {
  static std::string& of(P::Request& r) { return r.*(&BodyAccess::body_); }
};

// Framing and hop-by-hop headers are ours to write (Pistache adds Content-Length itself); a handler or a
// proxied upstream answer that carries them must not produce duplicates on the wire.
bool is_framing_header(std::string_view name) {
  static const Headers kFraming = {
      {"Content-Length", ""},  {"Transfer-Encoding", ""}, {"Connection", ""}, {"Keep-Alive", ""},
      {"Content-Type", ""},    {"Upgrade", ""},           {"Trailer", ""},    {"TE", ""},
      {"Proxy-Connection", ""}};
  return kFraming.count(name) > 0;
}

void copy_headers(const P::Request& from, Headers& to) {
  for (const auto& [key, raw] : from.headers().rawList()) to.insert_or_assign(raw.name(), raw.value());
}

}  // namespace

struct PistacheHandler::Connection {
  // The current request: its head as it arrives (leading empty lines skipped), then its verdict.
  std::string head;
  bool head_done = false;
  RequestHead request;
  std::optional<Method> method;  // of request, when it is one we serve
  std::size_t body_limit = 0;
  std::optional<std::size_t> body_left;  // Content-Length bytes still to come; nullopt when chunked
  std::size_t chunked_received = 0;
  bool continue_sent = false;  // "100 Continue" already answered for this request
  // Answered (an error, or a last answer with Connection: close): input is read and dropped until the
  // client closes, so that it reads our answer instead of a connection reset.
  bool draining = false;
  std::size_t discarded = 0;
  std::size_t discard_limit = kMaxDiscardBytes;
  // The closing answer (a rejection, or the last answer before a close) is on the wire: what the client
  // still sends past discard_limit ends the connection. Set by the I/O thread or the answering worker.
  std::atomic<bool> answer_out{false};
  // When something was last handed to Pistache's write queue for this connection (steady-clock ticks;
  // 0: never). A rejection written directly on the socket must not overtake such a write.
  std::atomic<std::int64_t> queued_write_at{0};
  std::chrono::steady_clock::time_point started{};
  std::uint64_t generation = 0;  // counts requests: a timer armed for an earlier one does nothing
  bool timer_armed = false;
  // The armed timer's descriptor, until its continuation closes it.
  int timer_fd = -1;

  // Shared with the worker that answers the request in flight.
  std::mutex mutex;
  bool in_flight = false;
  // A duplicate of the socket when the answer in flight must close the connection (HTTP/1.0, Connection:
  // close, chunked, pipelined input): the worker writes the answer on it and shuts the socket down. Our
  // own descriptor stays valid even if Pistache closes its one meanwhile, so it never hits another
  // connection that reused the number.
  int close_fd = -1;

  void note_queued_write() {
    queued_write_at.store(std::chrono::steady_clock::now().time_since_epoch().count(),
                          std::memory_order_release);
  }

  void reset_request() {
    ++generation;
    // A request that arrived in pieces armed a timer for its deadline; it is done now, so the timer fires
    // at once and its continuation closes the descriptor. Left to run, every such request held a
    // descriptor for request_timeout (30 s): a client (or the gateway) sending heads and bodies in
    // separate writes ran a service out of descriptors at ~700 requests/s, and SQLite could no longer
    // open its files ("unable to open database file").
    if (timer_armed && timer_fd >= 0) {
      itimerspec soon{};
      soon.it_value.tv_nsec = 1000;
      ::timerfd_settime(timer_fd, 0, &soon, nullptr);
    }
    timer_fd = -1;
    timer_armed = false;
    head.clear();
    head_done = false;
    request = RequestHead{};
    method.reset();
    body_left.reset();
    chunked_received = 0;
    continue_sent = false;
  }
};

namespace {

// An answer that closes the connection, as it goes on the wire.
std::string closing_answer(const Response& res, bool head_only) {
  const bool bodiless = res.status == 204 || res.status == 304 || res.status < 200;
  std::string out = "HTTP/1.1 " + std::to_string(res.status) + " " +
                    P::codeString(static_cast<P::Code>(res.status)) + "\r\n";
  for (const auto& [name, value] : res.headers)
    if (!is_framing_header(name)) out += name + ": " + value + "\r\n";
  const std::string& type = policy::effective_content_type(res);
  if (!type.empty() && !bodiless) out += "Content-Type: " + type + "\r\n";
  const std::string_view body = (head_only || bodiless) ? std::string_view{} : std::string_view{res.body};
  if (!bodiless) out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  out += "Connection: close\r\n\r\n";
  out += body;
  return out;
}

// Writes all of `rest` on a socket we own, waiting while it is full, for at most 10 s; false when the peer
// is gone or the time ran out. The socket is non-blocking (it shares Pistache's file status flags).
bool send_all(int fd, std::string_view rest) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{10};
  while (!rest.empty()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    const ssize_t n = ::send(fd, rest.data(), rest.size(), MSG_NOSIGNAL);
    if (n > 0) {
      rest.remove_prefix(static_cast<std::size_t>(n));
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
      pollfd p{fd, POLLOUT, 0};
      ::poll(&p, 1, 1000);
    } else {
      return false;  // the peer is gone
    }
  }
  return true;
}

// Writes a whole answer on a socket we own and shuts our sending side: the client reads the answer,
// then the end of the stream.
void write_and_close(int fd, const Response& res, bool head_only) {
  send_all(fd, closing_answer(res, head_only));
  ::shutdown(fd, SHUT_WR);
  ::close(fd);
}

// Ends a connection at once (RST), discarding what it still holds: a TCP socket "connected" to AF_UNSPEC
// is disconnected by Linux (tcp_disconnect). Unlike shutdown(SHUT_RD), which Linux ignores for incoming
// TCP data, this makes Pistache's read loop (it reads until EAGAIN) see an error and drop the peer, so a
// client that keeps sending cannot hold the I/O thread. The descriptor stays Pistache's to close.
void abort_connection(int fd) {
  sockaddr unspecified{};
  unspecified.sa_family = AF_UNSPEC;
  ::connect(fd, &unspecified, sizeof unspecified);
}

}  // namespace

namespace {

// A streamed answer (issue 15): written by the answering worker on a duplicate of the socket, never through
// Pistache's write queue. Measured: chunks queued from a worker (ResponseStream::flush) while another
// connection of the same I/O thread was answered and closed made Pistache 0.0.5 throw "could not find write
// data" on its I/O thread and abort the process. Writing ourselves also gives back-pressure: a client that
// reads nothing for 10 s ends its stream instead of growing a queue. HTTP/1.1 gets a chunked body, HTTP/1.0
// one delimited by the close (RFC 9112 §6.3); the connection ends with the stream either way.
void stream_and_close(int fd, const Response& res, bool head_only, bool chunked) {
  std::string head = "HTTP/1.1 " + std::to_string(res.status) + " " +
                     P::codeString(static_cast<P::Code>(res.status)) + "\r\n";
  for (const auto& [name, value] : res.headers)
    if (!is_framing_header(name)) head += name + ": " + value + "\r\n";
  const std::string& type = policy::effective_content_type(res);
  if (!type.empty()) head += "Content-Type: " + type + "\r\n";
  if (chunked) head += "Transfer-Encoding: chunked\r\n";
  head += "Connection: close\r\n\r\n";
  auto write_all = [fd](std::string_view bytes) { return send_all(fd, bytes); };
  if (write_all(head) && !head_only) {
    bool open = true;
    res.stream([&](std::string_view piece) {
      if (piece.empty()) return open;  // an empty chunk would end the body
      if (!chunked) return open = open && write_all(piece);
      char size[20];
      const int len = std::snprintf(size, sizeof size, "%zx\r\n", piece.size());
      std::string framed;
      framed.reserve(piece.size() + static_cast<std::size_t>(len) + 2);
      framed.append(size, static_cast<std::size_t>(len)).append(piece).append("\r\n");
      return open = open && write_all(framed);
    });
    if (open && chunked) write_all("0\r\n\r\n");
  }
  ::shutdown(fd, SHUT_WR);
  ::close(fd);
}

}  // namespace

void send_response(P::ResponseWriter& writer, const Response& res, bool keep_alive, bool head_only) {
  auto& headers = writer.headers();
  for (const auto& [name, value] : res.headers)
    if (!is_framing_header(name)) headers.add(std::make_shared<NamedHeader>(name, value));
  const bool bodiless = res.status == 204 || res.status == 304 || res.status < 200;
  const std::string& type = policy::effective_content_type(res);
  if (!type.empty() && !bodiless) headers.add(std::make_shared<NamedHeader>("Content-Type", type));
  headers.add(std::make_shared<NamedHeader>("Connection", keep_alive ? "keep-alive" : "close"));
  const std::string_view body = (head_only || bodiless) ? std::string_view{} : std::string_view{res.body};
  // The promise send() returns is dropped on purpose, never given a continuation: this runs on a worker
  // thread, and Pistache 0.0.5 fulfils that promise on the connection's I/O thread (asyncWriteImpl ->
  // putOnWire's Chainer) walking its continuation list without the lock that Promise::then() takes to
  // append to it. A then() here raced with that walk and crashed auth-io under load (libpistache.so
  // +0x5748a, a torn vector read). Nothing waits for the write's result: a failed write is the peer's
  // hang-up, which Pistache handles on its own thread. Answers that close the connection do not come
  // here: write_and_close writes them on a socket of their own.
  writer.send(static_cast<P::Code>(res.status), body.data(), body.size());
}

std::shared_ptr<PistacheHandler::Connection> PistacheHandler::connection(
    const std::shared_ptr<Pistache::Tcp::Peer>& peer) {
  if (auto data = peer->tryGetData(kConnectionKey)) return std::static_pointer_cast<Connection>(data);
  auto conn = std::make_shared<Connection>();
  peer->putData(kConnectionKey, conn);
  return conn;
}

void PistacheHandler::onRequest(const P::Request&, P::ResponseWriter) {}

void PistacheHandler::arm_request_timer(const std::shared_ptr<Pistache::Tcp::Peer>& peer, Connection& conn) {
  if (conn.timer_armed) return;
  conn.timer_armed = true;
  const auto elapsed = std::chrono::steady_clock::now() - conn.started;
  const auto left = std::max(
      std::chrono::milliseconds{1},
      std::chrono::duration_cast<std::chrono::milliseconds>(impl_->options.request_timeout - elapsed));
  const int timer_fd = ::timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  if (timer_fd < 0) return;  // Pistache's own 408 (at request_timeout + kPistacheTimeoutSlack) remains
  conn.timer_fd = timer_fd;
  auto* transport = this->transport();
  Pistache::Async::Promise<uint64_t> fired([&](Pistache::Async::Deferred<uint64_t> deferred) {
    transport->armTimer(timer_fd, left, std::move(deferred));
  });
  // Armed and fulfilled on this connection's I/O thread, so the continuation is safe (see send_response).
  std::weak_ptr<Pistache::Tcp::Peer> weak = peer;
  const std::uint64_t generation = conn.generation;
  fired.then(
      [this, weak, generation, timer_fd](uint64_t) {
        ::close(timer_fd);
        auto p = weak.lock();
        if (!p) return;
        auto c = connection(p);
        if (c->generation != generation || c->draining) return;  // that request completed meanwhile
        c->timer_armed = false;
        reject(p, *c, request_timeout());
      },
      [timer_fd](std::exception_ptr) { ::close(timer_fd); });
}

void PistacheHandler::onInput(const char* buffer, size_t len,
                              const std::shared_ptr<Pistache::Tcp::Peer>& peer) {
  auto conn_ptr = connection(peer);
  Connection& conn = *conn_ptr;
  std::string_view data{buffer, len};
  if (!conn.draining) {
    std::lock_guard lock(conn.mutex);
    if (conn.in_flight) {
      // Pipelined: the next request came before our answer to this one. Answer this one, then close
      // (RFC 9112 §9.3.2 allows either order-preserving answers or this); the rest is dropped.
      if (conn.close_fd < 0) conn.close_fd = ::dup(peer->fd());
      conn.draining = true;
    }
  }
  if (conn.draining) {
    conn.discarded += len;
    // Only once our answer is out: ending the connection earlier would lose it.
    if (conn.discarded > conn.discard_limit && conn.answer_out.load(std::memory_order_acquire))
      abort_connection(peer->fd());
    return;
  }
  auto parser = getParser(peer);
  while (!data.empty()) {
    if (!conn.head_done) {
      if (conn.head.empty()) {
        // RFC 9112 §2.2: empty lines before a request line are ignored (some clients send a CRLF after
        // a body).
        while (!data.empty() && (data.front() == '\r' || data.front() == '\n')) data.remove_prefix(1);
        if (data.empty()) return;
        conn.started = std::chrono::steady_clock::now();
      }
      const std::size_t before = conn.head.size();
      conn.head.append(data);
      const auto end = find_head_end(conn.head, before);
      if (!end) {
        if (conn.head.size() > Server::Impl::kMaxHeadBytes || has_bare_line_ending(conn.head))
          return reject(peer, conn, malformed_request());
        return arm_request_timer(peer, conn);
      }
      data = data.substr(*end - before);  // what follows the head in this read
      conn.head.resize(*end);
      if (!begin_request(peer, conn)) return;
      parser->feed(conn.head.data(), conn.head.size());
    }
    if (conn.body_left) {
      const std::size_t n = std::min(data.size(), *conn.body_left);
      if (n > 0 && !parser->feed(data.data(), n))
        return reject(peer, conn, payload_too_large(conn.body_limit));
      *conn.body_left -= n;
      data.remove_prefix(n);
      if (*conn.body_left > 0) return arm_request_timer(peer, conn);
    } else {
      // Chunked: the limit applies to what arrives (no declared length); Pistache finds the last chunk.
      conn.chunked_received += data.size();
      if (conn.chunked_received > conn.body_limit + Server::Impl::kMaxHeadBytes ||
          !parser->feed(data.data(), data.size()))
        return reject(peer, conn, payload_too_large(conn.body_limit));
      data = {};
    }
    P::Private::State state;
    try {
      state = parser->parse();
    } catch (const std::exception&) {
      return reject(peer, conn, malformed_request());
    }
    if (state != P::Private::State::Done) {
      if (conn.body_left) return reject(peer, conn, malformed_request());  // all its bytes are here
      return arm_request_timer(peer, conn);                                // more chunks to come
    }
    const bool chunked = !conn.body_left.has_value();
    dispatch(peer, conn_ptr, chunked || !data.empty());
    parser->reset();
    if (chunked || !data.empty()) {
      conn.draining = true;  // what follows a chunked body, or pipelined requests, is dropped
      return;
    }
  }
}

bool PistacheHandler::begin_request(const std::shared_ptr<Pistache::Tcp::Peer>& peer, Connection& conn) {
  const auto check = check_request_head(conn.head);
  if (!check.ok()) {
    reject(peer, conn, malformed_request());
    return false;
  }
  conn.request = check.head;
  conn.head_done = true;
  conn.method = method_from_string(conn.request.method);
  const auto& method = conn.method;
  const auto path = url::split_target(conn.request.target).first;
  conn.body_limit = method ? impl_->body_limit(*method, path) : impl_->options.max_body_bytes;
  conn.body_left = conn.request.body_bytes();
  // Decide on the declared length before the body arrives: a 3 MB upload is refused at once.
  if (conn.request.content_length && *conn.request.content_length > conn.body_limit) {
    reject(peer, conn, payload_too_large(conn.body_limit));
    return false;
  }
  const bool has_body = conn.request.chunked || conn.request.content_length.value_or(0) > 0;
  if (has_body && impl_->options.admit_body && method) {
    RequestHeadInfo info;
    info.method = *method;
    info.path = path;
    if (conn.request.authorization) info.authorization = *conn.request.authorization;
    info.content_length = conn.request.content_length;
    info.chunked = conn.request.chunked;
    const std::string peer_host = peer->address().host();
    info.peer = peer_host;
    if (auto refused = impl_->options.admit_body(info)) {
      // Refused before its body: answer, close, and read little of what is still coming.
      conn.discard_limit = kRefusedDiscardBytes;
      reject(peer, conn, *refused);
      return false;
    }
  }
  // Pistache does not answer "Expect: 100-continue" (curl waits a second for it).
  if (has_body && !conn.continue_sent && conn.head.find("100-continue") != std::string::npos) {
    conn.continue_sent = true;
    conn.note_queued_write();
    peer->send(Pistache::RawBuffer("HTTP/1.1 100 Continue\r\n\r\n", 25))
        .then([](ssize_t) {}, Pistache::Async::IgnoreException);
  }
  return true;
}

void PistacheHandler::dispatch(const std::shared_ptr<Pistache::Tcp::Peer>& peer,
                               const std::shared_ptr<Connection>& conn_ptr, bool close_after) {
  Connection& conn = *conn_ptr;
  auto parser = getParser(peer);
  P::Request& preq = parser->request;

  auto exchange = std::make_shared<std::pair<Request, P::ResponseWriter>>(
      Request{}, P::ResponseWriter(preq.version(), transport(), this, peer));
  Request& req = exchange->first;
  const auto started = conn.started;

  // The target as it came (Pistache keeps only a map of the query).
  auto [path, raw_query] = url::split_target(conn.request.target);
  req.path = std::string{path};
  req.raw_query = std::string{raw_query};
  req.query = url::parse_query(raw_query);
  copy_headers(preq, req.headers);
  req.body = std::move(BodyAccess::of(preq));
  req.client_ip = impl_->client_address(peer->address().host(), req.headers);
  const bool keep_alive = conn.request.keep_alive && !close_after;
  const auto method = conn.method;
  conn.reset_request();
  peer->setIdle(false);
  {
    std::lock_guard lock(conn.mutex);
    conn.in_flight = true;
    if (!keep_alive) conn.close_fd = ::dup(peer->fd());
  }

  // Answers the request, on this thread or a worker: through Pistache while the connection stays open,
  // else on our own duplicate of the socket, which is then shut down.
  const bool http11 = preq.version() == P::Version::Http11;
  auto answer = [conn_ptr, http11](P::ResponseWriter& writer, const Response& res, bool head_only) {
    if (res.stream) {
      // The request stays in flight while it streams: input arriving meanwhile is dropped as pipelined.
      int fd = -1;
      {
        std::lock_guard lock(conn_ptr->mutex);
        if (conn_ptr->close_fd < 0) {
          try {
            if (auto p = writer.peer()) conn_ptr->close_fd = ::dup(p->fd());
          } catch (const std::exception&) {
            // the client has gone already
          }
        }
        fd = conn_ptr->close_fd;
      }
      if (fd >= 0) stream_and_close(fd, res, head_only, http11);
      {
        std::lock_guard lock(conn_ptr->mutex);
        conn_ptr->close_fd = -1;
        conn_ptr->in_flight = false;
      }
      conn_ptr->answer_out.store(true, std::memory_order_release);
      return;
    }
    int close_fd = -1;
    {
      std::lock_guard lock(conn_ptr->mutex);
      conn_ptr->in_flight = false;
      std::swap(close_fd, conn_ptr->close_fd);
    }
    if (close_fd >= 0) {
      write_and_close(close_fd, res, head_only);
      conn_ptr->answer_out.store(true, std::memory_order_release);
    } else {
      conn_ptr->note_queued_write();
      send_response(writer, res, true, head_only);
    }
  };

  if (!method) {
    // TRACE / CONNECT / unknown methods: never served by us.
    req.method = Method::get;
    impl_->identify(req);
    Response res = problem_response(method_not_allowed(), req.lang);
    impl_->finish(req, res);
    impl_->record(req, res, started);
    answer(exchange->second, res, false);
    return;
  }
  req.method = *method;

  Server::Impl* impl = impl_;
  auto& in_flight = impl->metrics.in_flight();  // queued or being handled (issue 10)
  in_flight.Increment();
  // Issue 14: what cannot block is answered here, on the I/O thread that read the request: early answers
  // (404, 405, 413, preflights) and non-blocking routes. The rest goes to the pool.
  impl->identify(req);
  const RouteEntry* entry = nullptr;
  std::optional<Response> inline_answer = impl->route_request(req, entry);
  if (!inline_answer) inline_answer = impl->run_route(req, *entry, true);
  if (inline_answer) {
    impl->finish(req, *inline_answer);
    impl->record(req, *inline_answer, started);
    answer(exchange->second, *inline_answer, req.method == Method::head);
    in_flight.Decrement();
    return;
  }
  const bool queued = impl->pool->try_submit([impl, exchange, entry, started, answer, &in_flight] {
    Request& r = exchange->first;
    Response res = impl->run_route(r, *entry, false).value();
    impl->finish(r, res);
    // Logged before the answer leaves, so a client that has its answer can rely on the log line.
    impl->record(r, res, started);
    answer(exchange->second, res, r.method == Method::head);
    in_flight.Decrement();
    if (impl->stopping.load(std::memory_order_acquire)) impl->answered_while_stopping.fetch_add(1);
  });
  if (!queued) {
    in_flight.Decrement();
    Response res = problem_response(overloaded(), req.lang).with_header("Retry-After", "1");
    impl_->finish(req, res);
    impl_->record(req, res, started);
    answer(exchange->second, res, req.method == Method::head);
  }
}

void PistacheHandler::reject(const std::shared_ptr<Pistache::Tcp::Peer>& peer, Connection& conn,
                             const Problem& problem) {
  Request req;
  if (conn.request.accept_language) req.headers.emplace("Accept-Language", *conn.request.accept_language);
  if (conn.request.request_id) req.headers.emplace("X-Request-Id", *conn.request.request_id);
  if (conn.request.origin) req.headers.emplace("Origin", *conn.request.origin);
  if (conn.request.authorization) req.headers.emplace("Authorization", *conn.request.authorization);
  if (conn.method) req.method = *conn.method;
  req.path = std::string{url::split_target(conn.request.target).first};
  req.client_ip = peer->address().host();
  impl_->identify(req);
  Response res = problem_response(problem, req.lang);
  // Answers given from the head alone: a 503 says when to come back (finish() adds a 401's
  // WWW-Authenticate from the Authorization header).
  if (problem.status == 503) res.with_header("Retry-After", "1");
  impl_->finish(req, res);

  // The rest of the request may still be coming: answer, close our side once the answer is out, and
  // drop whatever else arrives (closing with unread input would reset the connection before the client
  // reads the answer).
  impl_->record(req, res, conn.started);
  const std::string out = closing_answer(res, conn.method == Method::head);
  std::string_view rest = out;
  // Written here, on the I/O thread, rather than queued: Pistache serves its write queue only between
  // reads, and it reads a socket until EAGAIN, so a client streaming a refused body fast would not see
  // its answer until it had sent the whole body. Queued only when an earlier write may still wait in
  // Pistache's queue (an answer handed over moments ago, a "100 Continue"), which must go first.
  const auto queued_at = conn.queued_write_at.load(std::memory_order_acquire);
  const bool queue_idle =
      queued_at == 0 || std::chrono::steady_clock::now().time_since_epoch().count() - queued_at >
                            std::chrono::steady_clock::duration{kQueuedWriteGrace}.count();
  if (queue_idle) {
    const ssize_t n = ::send(peer->fd(), rest.data(), rest.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) rest.remove_prefix(static_cast<std::size_t>(n));
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) rest = {};  // the peer is gone
  }
  conn.answer_out.store(false, std::memory_order_release);
  if (rest.empty()) {
    ::shutdown(peer->fd(), SHUT_WR);
    conn.answer_out.store(true, std::memory_order_release);
  } else {
    // A continuation is safe here (unlike in send_response): we are on the connection's I/O thread, and
    // Pistache queues the write, so the promise is fulfilled later on this same thread.
    std::weak_ptr<Pistache::Tcp::Peer> weak = peer;
    conn.note_queued_write();
    peer->send(Pistache::RawBuffer(std::string{rest}, rest.size()))
        .then(
            [this, weak](ssize_t) {
              if (auto p = weak.lock()) {
                ::shutdown(p->fd(), SHUT_WR);
                connection(p)->answer_out.store(true, std::memory_order_release);
              }
            },
            Pistache::Async::IgnoreException);
  }
  conn.draining = true;
  conn.reset_request();
  getParser(peer)->reset();
}

}  // namespace portal::http
