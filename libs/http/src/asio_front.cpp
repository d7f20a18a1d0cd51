#include "asio_front.hpp"

#include <sys/socket.h>

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/redirect_error.hpp>
#include <chrono>
#include <future>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "http1_codec.hpp"
#include "policies.hpp"
#include "request_head.hpp"
#include "server_impl.hpp"
#include "url.hpp"

namespace portal::http {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;
using boost::system::error_code;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kReadChunk = 64 * 1024;
// A body this small is read whole before it goes upstream, so that a repeatable request can be sent to
// another instance after a failed attempt; larger ones stream.
constexpr std::uint64_t kPrefetchBytes = 64 * 1024;
// What a refused request may still send us (read and dropped, so that the client reads the answer
// instead of a reset): a refusal from the head alone, and any other.
constexpr std::uint64_t kRefusedDiscardBytes = 1024 * 1024;
constexpr std::uint64_t kMaxDiscardBytes = 64 * 1024 * 1024;
constexpr auto kDrainTime = std::chrono::seconds{1};
// A client that takes nothing of an answer for this long is gone.
constexpr auto kWriteTimeout = std::chrono::seconds{30};
// Kept-alive upstream connections older than this are closed, not reused (the services close theirs
// after 30 s idle; a connection they closed would fail the request that picked it).
constexpr auto kUpstreamIdleLimit = std::chrono::seconds{10};
constexpr std::size_t kUpstreamIdlePerTarget = 128;
constexpr auto kStopGrace = std::chrono::milliseconds{1000};

// A socket with a deadline: arm() before an operation, disarm() after; when the deadline passes first the
// socket's operations are cancelled and timed_out says why. The timer is lazy: disarm() only forgets the
// deadline, and a later deadline leaves the armed timer alone (it re-arms itself for the new one when it
// fires), so most operations change no kernel timer (each change is a timerfd_settime call; profiled at
// several per proxied request before).
struct Link : std::enable_shared_from_this<Link> {
  explicit Link(tcp::socket s) : socket(std::move(s)), timer(socket.get_executor()) {}
  explicit Link(const asio::any_io_executor& ex) : socket(ex), timer(ex) {}

  void arm(Clock::duration d) {
    timed_out = false;
    deadline = Clock::now() + d;
    if (!waiting || timer.expiry() > deadline) wait_for_deadline();
  }
  void disarm() { deadline = Clock::time_point::max(); }
  void close() {
    error_code ignored;
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
    timer.cancel();
  }

  tcp::socket socket;
  asio::steady_timer timer;
  Clock::time_point deadline = Clock::time_point::max();
  bool timed_out = false;
  Clock::time_point idle_since{};

 private:
  void wait_for_deadline() {
    waiting = true;
    const std::uint64_t generation = ++wait_generation;
    timer.expires_at(deadline);  // cancels a wait already pending: its handler sees another generation
    timer.async_wait([self = shared_from_this(), generation](const error_code& ec) {
      if (self->wait_generation != generation) return;
      self->waiting = false;
      if (ec || self->deadline == Clock::time_point::max()) return;
      if (Clock::now() < self->deadline) return self->wait_for_deadline();
      self->timed_out = true;
      error_code ignored;
      self->socket.cancel(ignored);
    });
  }
  bool waiting = false;
  std::uint64_t wait_generation = 0;
};

using LinkPtr = std::shared_ptr<Link>;

awaitable<std::size_t> read_some(Link& link, std::array<char, kReadChunk>& buffer, std::string& into,
                                 Clock::duration timeout) {
  link.arm(timeout);
  error_code ec;
  const std::size_t n =
      co_await link.socket.async_read_some(asio::buffer(buffer), asio::redirect_error(use_awaitable, ec));
  link.disarm();
  if (ec) co_return 0;
  into.append(buffer.data(), n);
  co_return n;
}

awaitable<bool> write_all(Link& link, std::string_view data, Clock::duration timeout = kWriteTimeout) {
  link.arm(timeout);
  error_code ec;
  co_await asio::async_write(link.socket, asio::buffer(data.data(), data.size()),
                             asio::redirect_error(use_awaitable, ec));
  link.disarm();
  co_return !ec;
}

// Kept-alive connections to upstreams, per I/O thread (a socket belongs to its io_context): no lock.
class UpstreamConnections {
 public:
  LinkPtr take(const std::string& key) {
    auto it = idle_.find(key);
    if (it == idle_.end()) return nullptr;
    auto& list = it->second;
    const auto now = Clock::now();
    while (!list.empty()) {
      LinkPtr link = std::move(list.back());
      list.pop_back();
      if (now - link->idle_since < kUpstreamIdleLimit && still_open(*link)) return link;
      link->close();
    }
    return nullptr;
  }
  void put(const std::string& key, LinkPtr link) {
    auto& list = idle_[key];
    if (list.size() >= kUpstreamIdlePerTarget) return;
    link->idle_since = Clock::now();
    list.push_back(std::move(link));
  }
  void clear() { idle_.clear(); }

 private:
  // An idle connection has nothing to read: a byte or an end of stream means the upstream is done with it.
  static bool still_open(Link& link) {
    char byte;
    const ssize_t n = ::recv(link.socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
  }
  std::unordered_map<std::string, std::vector<LinkPtr>> idle_;
};

struct Loop {
  asio::io_context context{1};
  std::thread thread;
  UpstreamConnections upstreams;
};

// The bytes of a whole (non-streamed) answer.
std::string serialize(const Response& res, bool keep_alive, bool head_only) {
  const bool bodiless = res.status == 204 || res.status == 304 || res.status < 200;
  std::string out;
  out.reserve(256 + res.body.size());
  out += "HTTP/1.1 ";
  out += std::to_string(res.status);
  out += ' ';
  out += reason_phrase(res.status);
  out += "\r\n";
  for (const auto& [name, value] : res.headers) {
    if (is_framing_field(name)) continue;
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  }
  const std::string& type = policy::effective_content_type(res);
  if (!type.empty() && !bodiless) out += "Content-Type: " + type + "\r\n";
  const std::string_view body = (head_only || bodiless) ? std::string_view{} : std::string_view{res.body};
  if (!bodiless) out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  // cpp-httplib (our services' client, and the tests') reads a 304 without a length until the connection
  // closes; Pistache writes "Content-Length: 0" on it, and so do we.
  if (res.status == 304) out += "Content-Length: 0\r\n";
  out += keep_alive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
  out += body;
  return out;
}

enum class BodyStep { data, done, eof, timeout, too_large, malformed };

// Runs task on the worker pool and resumes the awaiting coroutine on its own executor with the answer;
// nullopt when the pool's queue is full. Not a coroutine itself: GCC 12 freed a std::function moved into
// a lambda inside a coroutine twice (ASan), so everything crosses threads in shared_ptrs.
awaitable<std::optional<Response>> pool_call(WorkerPool& pool, const asio::any_io_executor& executor,
                                             std::shared_ptr<std::function<Response()>> task) {
  return asio::async_initiate<decltype(use_awaitable), void(std::optional<Response>)>(
      [&pool, executor, task](auto handler) {
        auto completion = std::make_shared<decltype(handler)>(std::move(handler));
        const bool queued = pool.try_submit([executor, completion, task] {
          auto res = std::make_shared<std::optional<Response>>((*task)());
          asio::post(executor, [completion, res] { (*completion)(std::move(*res)); });
        });
        if (!queued) asio::post(executor, [completion] { (*completion)(std::optional<Response>{}); });
      },
      use_awaitable);
}

bool same_name(std::string_view a, std::string_view b) {
  return !CaseInsensitiveLess{}(a, b) && !CaseInsensitiveLess{}(b, a);
}

}  // namespace

struct AsioFront::State {
  explicit State(Server::Impl& s) : server(s) {}
  Server::Impl& server;
  std::vector<std::unique_ptr<Loop>> loops;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::atomic<std::size_t> next_loop{0};
  std::atomic<std::uint16_t> port{0};
  std::atomic<int> exchanges{0};  // requests whose head was read and whose answer is not written yet
};

namespace {

class Session {
 public:
  Session(AsioFront::State& state, Loop& loop, LinkPtr client)
      : state_(state), server_(state.server), loop_(loop), client_(std::move(client)) {}

  awaitable<void> run();

 private:
  // One request; false ends the connection.
  awaitable<bool> exchange();
  awaitable<void> answer_and_close(const Problem& problem, const RequestHead* head,
                                   std::uint64_t discard_limit);
  awaitable<void> drain_and_close(std::uint64_t limit);
  awaitable<bool> write_answer(Request& req, Response& res, bool keep_alive, bool head_only);
  // A body that could not be read whole (timeout, too large, bad chunking): the answer, and a close.
  awaitable<void> refuse_body(Request& req, BodyStep step);
  awaitable<std::optional<Response>> on_pool(std::function<Response()> task);

  // The request body, as it arrives (Content-Length or chunked), into `out`; at most limit bytes.
  void begin_body(const RequestHead& head, std::size_t limit);
  awaitable<BodyStep> next_body_piece(std::string& out);
  bool body_finished() const { return body_done_; }
  Clock::duration time_left() const {
    const auto left = started_ + server_.options.request_timeout - Clock::now();
    return left > Clock::duration::zero() ? left : std::chrono::milliseconds{1};
  }

  awaitable<bool> relay(Request& req, const RequestHead& head, ForwardPlan& plan);
  awaitable<LinkPtr> connect(const ForwardTarget& target, std::chrono::milliseconds timeout);

  // The client's address, asked of the kernel once per connection (getpeername).
  const std::string& peer_address() {
    if (!peer_known_) {
      error_code ec;
      const auto peer = client_->socket.remote_endpoint(ec);
      if (!ec) peer_ = peer.address().to_string();
      peer_known_ = true;
    }
    return peer_;
  }

  AsioFront::State& state_;
  Server::Impl& server_;
  std::string peer_;
  bool peer_known_ = false;
  Loop& loop_;
  LinkPtr client_;
  std::array<char, kReadChunk> buffer_{};
  std::string in_;  // bytes read from the client and not consumed yet
  Clock::time_point started_{};
  // Body framing of the current request.
  std::optional<std::uint64_t> body_left_;  // Content-Length bytes still to come; nullopt when chunked
  ChunkedDecoder chunked_;
  std::uint64_t body_received_ = 0;
  std::size_t body_limit_ = 0;
  bool body_done_ = true;
};

awaitable<void> Session::run() {
  for (;;) {
    const bool keep = co_await exchange();
    if (!keep) break;
  }
  client_->close();
}

awaitable<std::optional<Response>> Session::on_pool(std::function<Response()> task) {
  auto executor = co_await asio::this_coro::executor;
  const auto result = co_await pool_call(*server_.pool, executor,
                                         std::make_shared<std::function<Response()>>(std::move(task)));
  co_return result;
}

awaitable<void> Session::drain_and_close(std::uint64_t limit) {
  error_code ignored;
  client_->socket.shutdown(tcp::socket::shutdown_send, ignored);
  const auto until = Clock::now() + kDrainTime;
  std::uint64_t dropped = 0;
  while (dropped < limit && Clock::now() < until) {
    in_.clear();
    const std::size_t n = co_await read_some(
        *client_, buffer_, in_, std::chrono::duration_cast<Clock::duration>(until - Clock::now()));
    if (n == 0) break;
    dropped += n;
  }
  in_.clear();
  client_->close();
}

// An answer given before the request was read whole (a bad head, a refused body, a timeout): written
// with Connection: close, then what the client still sends is dropped for a moment.
awaitable<void> Session::answer_and_close(const Problem& problem, const RequestHead* head,
                                          std::uint64_t discard_limit) {
  Request req;
  if (head) {
    if (head->accept_language) req.headers.emplace("Accept-Language", *head->accept_language);
    if (head->request_id) req.headers.emplace("X-Request-Id", *head->request_id);
    if (head->origin) req.headers.emplace("Origin", *head->origin);
    if (head->authorization) req.headers.emplace("Authorization", *head->authorization);
    if (auto m = method_from_string(head->method)) req.method = *m;
    req.path = std::string{url::split_target(head->target).first};
  }
  req.client_ip = peer_address();
  server_.identify(req);
  Response res = problem_response(problem, req.lang);
  if (problem.status == 503) res.with_header("Retry-After", "1");
  server_.finish(req, res);
  server_.record(req, res, started_ == Clock::time_point{} ? Clock::now() : started_);
  co_await write_all(*client_, serialize(res, false, req.method == Method::head));
  co_await drain_and_close(discard_limit);
}

awaitable<bool> Session::write_answer(Request& req, Response& res, bool keep_alive, bool head_only) {
  if (res.stream) {
    // Handler-streamed answers (Response::stream, issue 15) are written by the Pistache front only; on
    // this front answers stream through forward routes. A route that returns one here is a wiring error.
    server_.log.error("streamed_answer_unsupported", {{"request_id", req.request_id}, {"route", req.route}});
    res = problem_response(internal_error(), req.lang);
  }
  server_.finish(req, res);
  // Logged before the answer leaves, so a client that has its answer can rely on the log line.
  server_.record(req, res, started_);
  const bool written = co_await write_all(*client_, serialize(res, keep_alive, head_only));
  co_return written&& keep_alive;
}

awaitable<void> Session::refuse_body(Request& req, BodyStep step) {
  const Problem problem = step == BodyStep::timeout     ? request_timeout()
                          : step == BodyStep::too_large ? payload_too_large(body_limit_)
                                                        : malformed_request();
  Response res = problem_response(problem, req.lang);
  co_await write_answer(req, res, false, req.method == Method::head);
  co_await drain_and_close(kRefusedDiscardBytes);
}

void Session::begin_body(const RequestHead& head, std::size_t limit) {
  body_limit_ = limit;
  body_received_ = 0;
  chunked_ = ChunkedDecoder{};
  body_left_ = head.body_bytes();
  body_done_ = !head.chunked && head.content_length.value_or(0) == 0;
}

awaitable<BodyStep> Session::next_body_piece(std::string& out) {
  for (;;) {
    if (body_done_) co_return BodyStep::done;
    if (!in_.empty()) {
      if (body_left_) {
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(*body_left_, in_.size()));
        out.append(in_, 0, n);
        in_.erase(0, n);
        *body_left_ -= n;
        body_received_ += n;
        if (*body_left_ == 0) body_done_ = true;
        co_return BodyStep::data;
      }
      std::string_view view = in_;
      const auto before = out.size();
      const auto status = chunked_.feed(view, out);
      in_.erase(0, in_.size() - view.size());
      body_received_ += out.size() - before;
      if (status == ChunkedDecoder::Status::error) co_return BodyStep::malformed;
      if (body_received_ > body_limit_) co_return BodyStep::too_large;
      if (status == ChunkedDecoder::Status::done) body_done_ = true;
      if (out.size() > before || body_done_) co_return BodyStep::data;
    }
    const std::size_t n = co_await read_some(*client_, buffer_, in_, time_left());
    if (n == 0) co_return client_->timed_out ? BodyStep::timeout : BodyStep::eof;
  }
}

awaitable<bool> Session::exchange() {
  // The head: empty lines before it are skipped (RFC 9112 §2.2).
  started_ = {};
  std::optional<std::size_t> head_end;
  std::size_t searched = 0;
  for (;;) {
    if (started_ == Clock::time_point{}) {
      std::size_t skip = 0;
      while (skip < in_.size() && (in_[skip] == '\r' || in_[skip] == '\n')) ++skip;
      in_.erase(0, skip);
      if (!in_.empty()) started_ = Clock::now();
    }
    if (!in_.empty()) {
      head_end = find_head_end(in_, searched);
      if (head_end) break;
      if (in_.size() > Server::Impl::kMaxHeadBytes || has_bare_line_ending(in_)) {
        co_await answer_and_close(malformed_request(), nullptr, kRefusedDiscardBytes);
        co_return false;
      }
      searched = in_.size();
    }
    const auto timeout = started_ == Clock::time_point{}
                             ? std::chrono::duration_cast<Clock::duration>(server_.options.keep_alive_timeout)
                             : time_left();
    const std::size_t n = co_await read_some(*client_, buffer_, in_, timeout);
    if (n == 0) {
      if (client_->timed_out && started_ != Clock::time_point{})
        co_await answer_and_close(request_timeout(), nullptr, kRefusedDiscardBytes);
      co_return false;
    }
  }
  const std::string head_text = in_.substr(0, *head_end);
  in_.erase(0, *head_end);

  const auto check = check_request_head(head_text);
  if (!check.ok()) {
    co_await answer_and_close(malformed_request(), nullptr, kRefusedDiscardBytes);
    co_return false;
  }
  const RequestHead& head = check.head;
  const auto method = method_from_string(head.method);
  const auto [path, raw_query] = url::split_target(head.target);
  const std::size_t limit = method ? server_.body_limit(*method, path) : server_.options.max_body_bytes;
  if (head.content_length && *head.content_length > limit) {
    co_await answer_and_close(payload_too_large(limit), &head,
                              std::min<std::uint64_t>(*head.content_length, kMaxDiscardBytes));
    co_return false;
  }
  const bool has_body = head.chunked || head.content_length.value_or(0) > 0;
  if (has_body && method && server_.options.admit_body) {
    RequestHeadInfo info;
    info.method = *method;
    info.path = path;
    if (head.authorization) info.authorization = *head.authorization;
    info.content_length = head.content_length;
    info.chunked = head.chunked;
    info.peer = peer_address();
    if (auto refused = server_.options.admit_body(info)) {
      co_await answer_and_close(*refused, &head, kRefusedDiscardBytes);
      co_return false;
    }
  }
  if (has_body && head_text.find("100-continue") != std::string::npos) {
    const bool sent = co_await write_all(*client_, "HTTP/1.1 100 Continue\r\n\r\n");
    if (!sent) co_return false;
  }

  Request req;
  req.path = std::string{path};
  req.raw_query = std::string{raw_query};
  req.query = url::parse_query(raw_query);
  parse_header_fields(head_text, req.headers);
  req.client_ip = server_.client_address(peer_address(), req.headers);
  begin_body(head, limit);

  struct InFlight {
    explicit InFlight(AsioFront::State& s) : state(s) {
      state.server.metrics.in_flight().Increment();
      state.exchanges.fetch_add(1);
    }
    ~InFlight() {
      state.server.metrics.in_flight().Decrement();
      state.exchanges.fetch_sub(1);
    }
    AsioFront::State& state;
  } in_flight(state_);

  if (!method) {
    // TRACE, CONNECT and unknown methods are never served.
    req.method = Method::get;
    server_.identify(req);
    Response res = problem_response(method_not_allowed(), req.lang);
    co_await write_answer(req, res, false, false);
    co_await drain_and_close(kRefusedDiscardBytes);
    co_return false;
  }
  req.method = *method;
  server_.identify(req);
  const bool head_only = req.method == Method::head;

  const RouteEntry* entry = nullptr;
  std::optional<Response> early = server_.route_request(req, entry);
  if (!early && entry->forward) {
    if (!server_.authenticate(req, true)) {
      // The token names a key not fetched yet: verifying it may fetch the JWKS, which blocks.
      auto done = co_await on_pool([this, &req]() {
        server_.authenticate(req, false);
        return Response{};
      });
      if (!done) {
        Response res = problem_response(overloaded(), req.lang).with_header("Retry-After", "1");
        co_await write_answer(req, res, false, head_only);
        co_await drain_and_close(kRefusedDiscardBytes);
        co_return false;
      }
    }
    auto decision = server_.call_forward(req, *entry);
    if (auto* plan = std::get_if<ForwardPlan>(&decision)) {
      const bool kept = co_await relay(req, head, *plan);
      co_return kept;
    }
    // Refused from the head: the body is not read; the connection stays only if there is none.
    Response& res = std::get<Response>(decision);
    const bool keep = head.keep_alive && body_finished() && in_.empty();
    const bool kept = co_await write_answer(req, res, keep, head_only);
    if (!keep && !body_finished()) co_await drain_and_close(kRefusedDiscardBytes);
    co_return kept;
  }

  // A route that takes its body whole.
  for (;;) {
    const auto step = co_await next_body_piece(req.body);
    if (step == BodyStep::data) continue;
    if (step == BodyStep::done) break;
    if (step != BodyStep::eof) co_await refuse_body(req, step);
    co_return false;
  }
  // Pipelined requests (bytes of the next one already here) get this answer and a close, as with the
  // Pistache front (RFC 9112 §9.3.2 allows it).
  const bool keep_alive = head.keep_alive && in_.empty();

  std::optional<Response> res = std::move(early);
  if (!res) res = server_.run_route(req, *entry, true);
  if (!res) {
    res = co_await on_pool([this, &req, entry]() { return server_.run_route(req, *entry, false).value(); });
    if (!res) res = problem_response(overloaded(), req.lang).with_header("Retry-After", "1");
  }
  const bool kept = co_await write_answer(req, *res, keep_alive, head_only);
  co_return kept;
}

awaitable<LinkPtr> Session::connect(const ForwardTarget& target, std::chrono::milliseconds timeout) {
  auto link = std::make_shared<Link>(asio::any_io_executor{loop_.context.get_executor()});
  error_code ec;
  auto address = asio::ip::make_address(target.host, ec);
  tcp::endpoint endpoint;
  link->arm(timeout);
  if (ec) {
    tcp::resolver resolver(loop_.context);
    const auto results = co_await resolver.async_resolve(target.host, std::to_string(target.port),
                                                         asio::redirect_error(use_awaitable, ec));
    if (ec || results.empty()) {
      link->disarm();
      co_return nullptr;
    }
    endpoint = results.begin()->endpoint();
  } else {
    endpoint = tcp::endpoint(address, target.port);
  }
  co_await link->socket.async_connect(endpoint, asio::redirect_error(use_awaitable, ec));
  link->disarm();
  if (ec) co_return nullptr;
  link->socket.set_option(tcp::no_delay(true), ec);  // ARCHITECTURE.md: Nagle costs dearly on keep-alive
  co_return link;
}

// GW-1/GW-4/GW-6 on the stream: tries the plan's targets in order, then relays the answer. False ends the
// client's connection.
awaitable<bool> Session::relay(Request& req, const RequestHead& head, ForwardPlan& plan) {
  const bool head_only = req.method == Method::head;
  const auto first_attempt = Clock::now();
  // A small body is read whole first: it can then go to another instance after a failed attempt.
  std::string body;
  bool body_in_memory = false;
  if (!head.chunked && head.content_length.value_or(0) <= kPrefetchBytes) {
    for (;;) {
      const auto step = co_await next_body_piece(body);
      if (step == BodyStep::data) continue;
      if (step == BodyStep::done) break;
      if (step != BodyStep::eof) co_await refuse_body(req, step);
      co_return false;
    }
    body_in_memory = true;
  }

  // The upstream request head, framed for the body as it will be sent.
  std::string upstream_head;
  upstream_head.reserve(512);
  upstream_head += to_string(req.method);
  upstream_head += ' ';
  upstream_head += plan.target;
  upstream_head += " HTTP/1.1\r\nHost: ";
  upstream_head += plan.targets.empty() ? std::string{"upstream"} : plan.targets.front().host;
  upstream_head += "\r\n";
  for (const auto& [name, value] : plan.headers) {
    if (is_framing_field(name) || same_name(name, "Host") || same_name(name, "Expect")) continue;
    upstream_head += name;
    upstream_head += ": ";
    upstream_head += value;
    upstream_head += "\r\n";
  }
  if (auto type = req.headers.find("Content-Type"); type != req.headers.end())
    upstream_head += "Content-Type: " + type->second + "\r\n";
  const bool chunked_upstream = !body_in_memory && head.chunked;
  if (chunked_upstream) {
    upstream_head += "Transfer-Encoding: chunked\r\n";
  } else if (body_in_memory) {
    if (!body.empty() || req.method == Method::post || req.method == Method::put ||
        req.method == Method::patch)
      upstream_head += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  } else {
    upstream_head += "Content-Length: " + std::to_string(*head.content_length) + "\r\n";
  }
  upstream_head += "\r\n";
  // A body held in memory goes in the same write as the head: one system call, and the upstream reads the
  // whole request at once (a Pistache service arms a timer for a request that arrives in pieces).
  if (body_in_memory) upstream_head += body;

  ForwardAttempt attempt;
  attempt.error = ClientError::circuit_open;
  LinkPtr upstream;
  std::string upstream_in;  // bytes of the answer read so far
  std::optional<ResponseHead> answer;
  std::string key;
  bool client_failed = false;  // the client's body could not be read: answered or dropped below
  BodyStep client_step = BodyStep::done;

  for (std::size_t k = 0; k < plan.targets.size() && !answer; ++k) {
    const ForwardTarget& target = plan.targets[k];
    if (plan.allow && !plan.allow(k)) {
      if (k + 1 < plan.targets.size()) continue;  // another instance may still answer
      attempt = ForwardAttempt{ClientError::circuit_open, false, 0};
      break;
    }
    key = target.host + ":" + std::to_string(target.port);
    // A kept-alive connection the upstream closed meanwhile fails before any answer: a repeatable
    // request then gets one more try on a new connection to the same instance.
    for (int fresh = 0; fresh < 2 && !answer; ++fresh) {
      upstream = fresh == 0 ? loop_.upstreams.take(key) : nullptr;
      const bool reused = upstream != nullptr;
      if (!upstream) upstream = co_await connect(target, plan.connect_timeout);
      if (!upstream) {
        attempt = ForwardAttempt{ClientError::connect_failed, false, 0};
        break;
      }
      attempt = ForwardAttempt{ClientError::protocol, true, 0};
      upstream_in.clear();
      bool written = co_await write_all(*upstream, upstream_head, plan.read_timeout);
      if (written && !body_in_memory) {
        // Streamed: a piece is read from the client only after the previous one went upstream.
        std::string piece;
        for (;;) {
          piece.clear();
          client_step = co_await next_body_piece(piece);
          if (client_step != BodyStep::data) break;
          if (piece.empty()) continue;
          if (chunked_upstream) {
            std::string framed = chunk_size_line(piece.size());
            framed += piece;
            framed += "\r\n";
            written = co_await write_all(*upstream, framed, plan.read_timeout);
          } else {
            written = co_await write_all(*upstream, piece, plan.read_timeout);
          }
          if (!written) break;
        }
        if (client_step != BodyStep::done) {
          client_failed = true;
          break;
        }
        if (written && chunked_upstream)
          written = co_await write_all(*upstream, "0\r\n\r\n", plan.read_timeout);
      }
      if (!written) {
        if (upstream->timed_out) attempt.error = ClientError::timeout;
        upstream->close();
        if (reused && body_in_memory && plan.repeatable) continue;
        break;
      }
      // The answer's head; interim (1xx) answers are skipped.
      std::size_t searched = 0;
      for (;;) {
        if (auto end = find_head_end(upstream_in, searched)) {
          answer = parse_response_head(std::string_view{upstream_in}.substr(0, *end));
          if (!answer) break;
          if (answer->status >= 200) {
            upstream_in.erase(0, *end);
            // keep the head's bytes for nothing else: fields are in answer
            break;
          }
          upstream_in.erase(0, *end);
          answer.reset();
          searched = 0;
          continue;
        }
        if (upstream_in.size() > Server::Impl::kMaxHeadBytes) break;
        searched = upstream_in.size();
        std::array<char, kReadChunk>& scratch = buffer_;
        const std::size_t n = co_await read_some(*upstream, scratch, upstream_in, plan.read_timeout);
        if (n == 0) {
          if (upstream->timed_out) attempt.error = ClientError::timeout;
          break;
        }
      }
      if (answer) {
        attempt = ForwardAttempt{ClientError::none, true, answer->status};
        break;
      }
      const bool nothing_answered = upstream_in.empty() && !upstream->timed_out;
      upstream->close();
      if (reused && nothing_answered && body_in_memory && plan.repeatable) continue;
      break;
    }
    if (client_failed) break;
    const bool next = plan.after_attempt ? plan.after_attempt(k, attempt) : false;
    if (answer) break;
    if (!next || (!body_in_memory && attempt.sent)) break;
  }

  const auto seconds = [&] { return std::chrono::duration<double>(Clock::now() - first_attempt).count(); };
  if (client_failed) {
    if (upstream) upstream->close();
    if (plan.done) plan.done(attempt, seconds());
    if (client_step != BodyStep::eof) co_await refuse_body(req, client_step);
    co_return false;
  }
  if (!answer) {
    if (plan.done) plan.done(attempt, seconds());
    Response res = plan.failure_answer ? plan.failure_answer(attempt.error)
                                       : problem_response(service_unavailable("upstream"), req.lang);
    const bool keep = head.keep_alive && body_finished() && in_.empty();
    const bool kept = co_await write_answer(req, res, keep, head_only);
    if (!keep && !body_finished()) co_await drain_and_close(kRefusedDiscardBytes);
    co_return kept;
  }

  // The answer streams back: its head now, with the fields every answer of ours gets.
  Response res;
  res.status = answer->status;
  res.headers = std::move(answer->headers);
  if (auto type = res.headers.find("Content-Type"); type != res.headers.end()) {
    res.content_type = type->second;
  } else {
    res.content_type.clear();
  }
  for (auto it = res.headers.begin(); it != res.headers.end();)
    it = is_framing_field(it->first) ? res.headers.erase(it) : std::next(it);
  if (plan.response_headers) plan.response_headers(res.headers);
  server_.finish(req, res, false);

  const bool bodiless = head_only || res.status == 204 || res.status == 304 || res.status < 200;
  enum class Framing { none, length, chunked, until_close } upstream_framing = Framing::none;
  if (!bodiless) {
    if (answer->chunked) {
      upstream_framing = Framing::chunked;
    } else if (answer->content_length) {
      upstream_framing = Framing::length;
    } else {
      upstream_framing = Framing::until_close;
    }
  }
  const bool client_chunked =
      (upstream_framing == Framing::chunked || upstream_framing == Framing::until_close) && !head.http10;
  bool keep_client = head.keep_alive && body_finished() && in_.empty() &&
                     !(upstream_framing == Framing::until_close && head.http10);
  std::string out;
  out.reserve(512);
  out += "HTTP/1.1 ";
  out += std::to_string(res.status);
  out += ' ';
  out += reason_phrase(res.status);
  out += "\r\n";
  for (const auto& [name, value] : res.headers) {
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  }
  if (!res.content_type.empty() && res.status != 204 && res.status != 304)
    out += "Content-Type: " + res.content_type + "\r\n";
  if (upstream_framing == Framing::length || (head_only && answer->content_length)) {
    out += "Content-Length: " + std::to_string(*answer->content_length) + "\r\n";
  } else if (client_chunked) {
    out += "Transfer-Encoding: chunked\r\n";
  } else if (bodiless && res.status != 204) {
    out += "Content-Length: 0\r\n";  // a 304 too: see serialize()
  }
  out += keep_client ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
  server_.record(req, res, started_);

  const bool event_stream = res.content_type.rfind("text/event-stream", 0) == 0;
  const auto idle = std::chrono::duration_cast<Clock::duration>(event_stream ? plan.stream_idle_timeout
                                                                             : plan.read_timeout);
  bool complete = upstream_framing == Framing::none ||
                  (upstream_framing == Framing::length && *answer->content_length == 0);
  bool ok = true;
  std::uint64_t length_left = upstream_framing == Framing::length ? *answer->content_length : 0;
  ChunkedDecoder decoder;
  std::string decoded;
  // Head and body go out together when the body is already here (most JSON answers).
  for (;;) {
    decoded.clear();
    if (!upstream_in.empty() && !complete) {
      std::string_view view = upstream_in;
      if (upstream_framing == Framing::length) {
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(length_left, view.size()));
        decoded.assign(view.substr(0, n));
        view.remove_prefix(n);
        length_left -= n;
        complete = length_left == 0;
      } else if (upstream_framing == Framing::chunked) {
        const auto status = decoder.feed(view, decoded);
        if (status == ChunkedDecoder::Status::error) {
          ok = false;
        } else {
          complete = status == ChunkedDecoder::Status::done;
        }
      } else {
        decoded.assign(view);
        view = {};
      }
      upstream_in.erase(0, upstream_in.size() - view.size());
    }
    if (!ok) break;
    if (!decoded.empty()) {
      if (client_chunked) {
        out += chunk_size_line(decoded.size());
        out += decoded;
        out += "\r\n";
      } else {
        out += decoded;
      }
    }
    if (complete && client_chunked) out += "0\r\n\r\n";
    if (!out.empty()) {
      const bool written = co_await write_all(*client_, out);
      if (!written) {
        ok = false;
        keep_client = false;
        break;
      }
      out.clear();
    }
    if (complete) break;
    if (!upstream_in.empty()) continue;
    const std::size_t n = co_await read_some(*upstream, buffer_, upstream_in, idle);
    if (n == 0) {
      if (upstream_framing == Framing::until_close && !upstream->timed_out) {
        complete = true;
        if (client_chunked) out += "0\r\n\r\n";
        if (!out.empty()) ok = co_await write_all(*client_, out);
        break;
      }
      ok = false;
      break;
    }
  }
  if (ok && complete && answer->keep_alive && upstream_framing != Framing::until_close &&
      upstream_in.empty()) {
    loop_.upstreams.put(key, std::move(upstream));
  } else if (upstream) {
    upstream->close();
  }
  if (plan.done) plan.done(attempt, seconds());
  if (!ok) co_return false;  // cut in the middle: the client sees the connection end, not a short body
  if (!keep_client && !body_finished()) co_await drain_and_close(kRefusedDiscardBytes);
  co_return keep_client;
}

awaitable<void> run_session(std::shared_ptr<Session> session) { co_await session->run(); }

awaitable<void> accept_loop(AsioFront::State& state) {
  for (;;) {
    Loop& loop = *state.loops[state.next_loop.fetch_add(1) % state.loops.size()];
    tcp::socket socket(loop.context);
    error_code ec;
    co_await state.acceptor->async_accept(socket, asio::redirect_error(use_awaitable, ec));
    if (ec) {
      if (ec == asio::error::operation_aborted || !state.acceptor->is_open()) co_return;
      continue;  // EMFILE and the like: the next connection may do
    }
    socket.set_option(tcp::no_delay(true), ec);
    auto session = std::make_shared<Session>(state, loop, std::make_shared<Link>(std::move(socket)));
    asio::co_spawn(loop.context, run_session(std::move(session)), asio::detached);
  }
}

}  // namespace

AsioFront::AsioFront(Server::Impl& server) : state_(std::make_unique<State>(server)) {}

AsioFront::~AsioFront() { stop(); }

void AsioFront::start() {
  const auto& o = state_->server.options;
  const int threads = o.io_threads < 1 ? 1 : o.io_threads;
  for (int i = 0; i < threads; ++i) state_->loops.push_back(std::make_unique<Loop>());
  auto& first = state_->loops.front()->context;
  state_->acceptor = std::make_unique<tcp::acceptor>(first);
  const tcp::endpoint endpoint(asio::ip::make_address(o.host), o.port);
  state_->acceptor->open(endpoint.protocol());
  state_->acceptor->set_option(tcp::acceptor::reuse_address(true));
  state_->acceptor->bind(endpoint);
  state_->acceptor->listen(1024);
  state_->port = state_->acceptor->local_endpoint().port();
  asio::co_spawn(first, accept_loop(*state_), asio::detached);
  const std::string name = o.service_name.substr(0, 8) + "-io";
  for (auto& loop : state_->loops) {
    Loop* l = loop.get();
    l->thread = std::thread([l, name] {
      pthread_setname_np(pthread_self(), name.c_str());
      auto guard = asio::make_work_guard(l->context);
      l->context.run();
    });
  }
}

void AsioFront::stop_accepting() {
  if (!state_->acceptor) return;
  std::promise<void> closed;
  asio::post(state_->loops.front()->context, [this, &closed] {
    error_code ignored;
    state_->acceptor->close(ignored);
    closed.set_value();
  });
  closed.get_future().wait_for(std::chrono::seconds{2});
}

void AsioFront::stop() {
  if (state_->loops.empty()) return;
  stop_accepting();
  const auto until = Clock::now() + kStopGrace;
  while (state_->exchanges.load() > 0 && Clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds{5});
  for (auto& loop : state_->loops) loop->context.stop();
  for (auto& loop : state_->loops)
    if (loop->thread.joinable()) loop->thread.join();
  // Coroutine frames left (idle keep-alive connections, exchanges cut by the grace) go with their
  // contexts; the acceptor belongs to the first one.
  for (auto& loop : state_->loops) loop->upstreams.clear();
  state_->acceptor.reset();
  state_->loops.clear();
}

std::uint16_t AsioFront::port() const { return state_->port.load(); }

}  // namespace portal::http
