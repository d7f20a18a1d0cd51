#include "pistache_handler.hpp"

#include <pistache/peer.h>
#include <sys/socket.h>

#include "policies.hpp"
#include "url.hpp"

namespace portal::http {
namespace {

namespace P = Pistache::Http;

constexpr const char* kConnectionKey = "portal.connection";
// After a rejected request we read and drop what the client still sends (so that it reads our answer
// instead of a connection reset), up to this much; then we close.
constexpr std::size_t kMaxDiscardBytes = 64 * 1024 * 1024;
constexpr std::size_t kMaxRequestLine = 16 * 1024;

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

std::optional<Method> to_method(P::Method m) {
  switch (m) {
    case P::Method::Get:
      return Method::get;
    case P::Method::Head:
      return Method::head;
    case P::Method::Post:
      return Method::post;
    case P::Method::Put:
      return Method::put;
    case P::Method::Patch:
      return Method::patch;
    case P::Method::Delete:
      return Method::del;
    case P::Method::Options:
      return Method::options;
    default:
      return std::nullopt;
  }
}

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
  std::string request_line;  // bytes of the current request up to the first CRLF
  bool line_complete = false;
  bool continue_sent = false;  // "100 Continue" already answered for this request
  bool rejected = false;       // answered with an error; input is discarded until the client closes
  std::size_t discarded = 0;
  std::size_t received = 0;    // bytes of the current request so far (head and body)
  std::size_t body_limit = 0;  // of the current request, known once its request line is complete
  std::chrono::steady_clock::time_point started{};
};

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
  // hang-up, which Pistache handles on its own thread.
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

std::size_t PistacheHandler::request_body_limit(std::string_view request_line) const {
  const auto sp1 = request_line.find(' ');
  if (sp1 == std::string_view::npos) return impl_->options.max_body_bytes;
  const auto method = method_from_string(request_line.substr(0, sp1));
  const auto sp2 = request_line.find(' ', sp1 + 1);
  const auto target =
      request_line.substr(sp1 + 1, sp2 == std::string_view::npos ? std::string_view::npos : sp2 - sp1 - 1);
  if (!method) return impl_->options.max_body_bytes;
  return impl_->body_limit(*method, url::split_target(target).first);
}

void PistacheHandler::onInput(const char* buffer, size_t len,
                              const std::shared_ptr<Pistache::Tcp::Peer>& peer) {
  auto conn_ptr = connection(peer);
  Connection& conn = *conn_ptr;
  if (conn.rejected) {
    conn.discarded += len;
    if (conn.discarded > kMaxDiscardBytes) ::shutdown(peer->fd(), SHUT_RDWR);
    return;
  }
  auto parser = getParser(peer);
  if (!conn.line_complete) {
    if (conn.request_line.empty()) conn.started = std::chrono::steady_clock::now();
    const std::string_view chunk{buffer, len};
    if (!conn.request_line.empty() && conn.request_line.back() == '\r' && !chunk.empty() &&
        chunk.front() == '\n') {
      conn.request_line.pop_back();  // the CRLF was split across two reads
      conn.line_complete = true;
    } else {
      const auto crlf = chunk.find("\r\n");
      conn.request_line.append(chunk.substr(0, crlf));
      conn.line_complete = crlf != std::string_view::npos;
    }
    if (conn.request_line.size() > kMaxRequestLine) return reject(peer, conn, malformed_request());
    if (conn.line_complete) conn.body_limit = request_body_limit(conn.request_line);
  }
  // Bytes beyond the route's limit are refused as they arrive, whatever the framing (a chunked body has
  // no Content-Length to check): Pistache's buffer is sized for the largest route, not this one.
  conn.received += len;
  const std::size_t limit = conn.line_complete ? conn.body_limit : impl_->options.max_body_bytes;
  if (conn.line_complete && conn.received > limit + Server::Impl::kMaxHeadBytes)
    return reject(peer, conn, payload_too_large(limit));
  if (!parser->feed(buffer, len)) return reject(peer, conn, payload_too_large(limit));

  P::Private::State state;
  try {
    state = parser->parse();
  } catch (const std::exception&) {
    return reject(peer, conn, malformed_request());
  }
  if (state != P::Private::State::Done) {
    if (parser->step()->id() == P::Private::BodyStep::Id) {
      const auto& headers = parser->request.headers();
      // Decide on the declared length before the body arrives: a 3 MB upload is refused at once.
      if (auto cl = headers.tryGet<P::Header::ContentLength>(); cl && cl->value() > limit)
        return reject(peer, conn, payload_too_large(limit));
      // Pistache does not answer "Expect: 100-continue" (curl waits a second for it).
      if (!conn.continue_sent) {
        auto expect = headers.tryGetRaw("Expect");
        if (expect && expect->value().find("100") != std::string::npos) {
          conn.continue_sent = true;
          peer->send(Pistache::RawBuffer("HTTP/1.1 100 Continue\r\n\r\n", 25))
              .then([](ssize_t) {}, Pistache::Async::IgnoreException);
        }
      }
    }
    return;
  }
  dispatch(peer, conn);
  parser->reset();
}

void PistacheHandler::dispatch(const std::shared_ptr<Pistache::Tcp::Peer>& peer, Connection& conn) {
  auto parser = getParser(peer);
  P::Request& preq = parser->request;

  auto exchange = std::make_shared<std::pair<Request, P::ResponseWriter>>(
      Request{}, P::ResponseWriter(preq.version(), transport(), this, peer));
  Request& req = exchange->first;
  const auto started = conn.started;

  // Request line "METHOD SP target SP version": the target keeps the raw query string.
  std::string_view line = conn.request_line;
  std::string_view target;
  if (auto sp1 = line.find(' '); sp1 != std::string_view::npos) {
    auto sp2 = line.find(' ', sp1 + 1);
    target = line.substr(sp1 + 1, sp2 == std::string_view::npos ? std::string_view::npos : sp2 - sp1 - 1);
  }
  if (target.empty()) target = preq.resource();
  auto [path, raw_query] = url::split_target(target);
  req.path = std::string{path};
  req.raw_query = std::string{raw_query};
  req.query = url::parse_query(raw_query);
  copy_headers(preq, req.headers);
  req.body = std::move(BodyAccess::of(preq));
  req.client_ip = peer->address().host();
  for (const auto& proxy : impl_->options.trusted_proxies) {
    if (proxy != req.client_ip) continue;
    if (auto xff = req.headers.find("X-Forwarded-For"); xff != req.headers.end())
      if (auto client = policy::last_forwarded_for(xff->second)) req.client_ip = std::string{*client};
    break;
  }
  const bool http11 = preq.version() == P::Version::Http11;
  auto connection_header = req.headers.find("Connection");
  const bool keep_alive =
      policy::keep_connection(http11, connection_header == req.headers.end()
                                          ? std::nullopt
                                          : std::optional<std::string_view>{connection_header->second});
  conn.request_line.clear();
  conn.line_complete = false;
  conn.continue_sent = false;
  conn.received = 0;
  peer->setIdle(false);

  auto method = to_method(preq.method());
  if (!method) {
    // TRACE / CONNECT: parsed by Pistache, never served by us.
    req.method = Method::get;
    impl_->identify(req);
    Response res = problem_response(method_not_allowed(), req.lang);
    impl_->finish(req, res);
    impl_->record(req, res, started);
    send_response(exchange->second, res, keep_alive, false);
    return;
  }
  req.method = *method;

  Server::Impl* impl = impl_;
  const bool queued = impl->pool->try_submit([impl, exchange, keep_alive, started] {
    Request& r = exchange->first;
    Response res = impl->handle(r);
    // Logged before the answer leaves, so a client that has its answer can rely on the log line.
    impl->record(r, res, started);
    send_response(exchange->second, res, keep_alive, r.method == Method::head);
    if (impl->stopping.load(std::memory_order_acquire)) impl->answered_while_stopping.fetch_add(1);
  });
  if (!queued) {
    impl_->identify(req);
    Response res = problem_response(overloaded(), req.lang).with_header("Retry-After", "1");
    impl_->finish(req, res);
    impl_->record(req, res, started);
    send_response(exchange->second, res, keep_alive, req.method == Method::head);
  }
}

void PistacheHandler::reject(const std::shared_ptr<Pistache::Tcp::Peer>& peer, Connection& conn,
                             const Problem& problem) {
  auto parser = getParser(peer);
  Request req;
  copy_headers(parser->request, req.headers);
  if (auto method = to_method(parser->request.method())) req.method = *method;
  std::string_view line = conn.request_line;
  if (auto sp1 = line.find(' '); sp1 != std::string_view::npos) {
    auto sp2 = line.find(' ', sp1 + 1);
    auto target =
        line.substr(sp1 + 1, sp2 == std::string_view::npos ? std::string_view::npos : sp2 - sp1 - 1);
    req.path = std::string{url::split_target(target).first};
  }
  req.client_ip = peer->address().host();
  impl_->identify(req);
  Response res = problem_response(problem, req.lang);
  impl_->finish(req, res);

  // The rest of the request is still coming: answer, close our side once the answer is out, and drop
  // whatever else arrives (closing with unread input would reset the connection before the client
  // reads the answer).
  impl_->record(req, res, conn.started);
  P::ResponseWriter writer(parser->request.version(), transport(), this, peer);
  auto& headers = writer.headers();
  for (const auto& [name, value] : res.headers)
    if (!is_framing_header(name)) headers.add(std::make_shared<NamedHeader>(name, value));
  headers.add(std::make_shared<NamedHeader>("Content-Type", res.content_type));
  headers.add(std::make_shared<NamedHeader>("Connection", "close"));
  // A continuation is safe here (unlike in send_response): we are on the connection's I/O thread, and
  // Pistache queues the write, so the promise is fulfilled later on this same thread.
  std::weak_ptr<Pistache::Tcp::Peer> weak = peer;
  writer.send(static_cast<P::Code>(res.status), res.body.data(), res.body.size())
      .then(
          [weak](ssize_t) {
            if (auto p = weak.lock()) ::shutdown(p->fd(), SHUT_WR);
          },
          Pistache::Async::IgnoreException);
  conn.rejected = true;
  parser->reset();
}

}  // namespace portal::http
