// Issue 15 item 4: GET /api/v1/events, Server-Sent Events for the SPAs. The caller's provider's events only
// (or every provider's for EPS employees with the right role, delegates only for their modules); a
// reconnection with Last-Event-ID (header, or ?last_event_id= for clients that cannot set headers) replays
// what came after that event; a comment every heartbeat keeps the connection alive; the stream ends when the
// token expires (the SPA reconnects with a fresh one); at most PORTAL_EVENTS_MAX_STREAMS_PER_CLIENT streams
// per token subject (429 too_many_streams). Without Last-Event-ID a stream starts with the events that arrive
// after it opened. Each stream holds one worker thread while it is open.
#include <memory>

#include "delivery_policy.hpp"
#include "event_feed.hpp"
#include "event_store.hpp"
#include "events_context.hpp"
#include "events_metrics.hpp"
#include "sse.hpp"

namespace portal::events_hub {
namespace {

constexpr int kPage = 100;

// Releases the client's stream slot when the stream (or an answer that never streamed) is destroyed.
class StreamSlot {
 public:
  StreamSlot(EventFeed& feed, std::string client) : feed_(feed), client_(std::move(client)) {}
  ~StreamSlot() { feed_.close_stream(client_); }
  StreamSlot(const StreamSlot&) = delete;
  StreamSlot& operator=(const StreamSlot&) = delete;

 private:
  EventFeed& feed_;
  std::string client_;
};

http::Response too_many_streams(const http::Request& req, int max) {
  auto res = http::problem(
      req, http::make_problem(429, "too_many_streams",
                              {"Demasiados canales de eventos abiertos", "Too many event streams open"},
                              {"Ya tiene " + std::to_string(max) + " canales abiertos.",
                               "You already have " + std::to_string(max) + " streams open."}));
  return std::move(res.with_header("Retry-After", "5"));
}

http::Response stream(EventsContext& ctx, http::Request& req) {
  const auto& principal = *req.principal;
  const auto scope = event_scope(principal);
  if (!scope.allowed) return http::problem(req, http::forbidden());
  auto last_id = req.header("Last-Event-ID");
  if (!last_id || last_id->empty()) last_id = req.query_param("last_event_id");
  long long after = ctx.db->read([&](db::Connection& c) {
    std::optional<long long> seq;
    if (last_id && !last_id->empty()) seq = store::seq_of(c, *last_id);
    // An id we do not know (or none): from now on. Replays are bounded by replay_limit.
    if (!seq) return store::last_seq(c);
    const long long newest = store::last_seq(c);
    return std::max(*seq, newest - ctx.settings.replay_limit);
  });
  if (!ctx.feed->open_stream(principal.subject))
    return too_many_streams(req, ctx.settings.max_streams_per_client);
  auto slot = std::make_shared<StreamSlot>(*ctx.feed, principal.subject);
  // The token's expiry, or the longest a stream may last (the client then reconnects with Last-Event-ID).
  const core::Instant token_expiry{std::chrono::seconds{principal.expires_at}};
  const core::Instant expires = std::min(
      token_expiry,
      ctx.clock.now() + std::chrono::duration_cast<std::chrono::milliseconds>(ctx.settings.max_stream));

  http::Response res;
  res.status = 200;
  res.content_type = "text/event-stream";
  res.with_header("Cache-Control", "no-store");
  res.with_header("X-Accel-Buffering", "no");  // reverse proxies: pass the bytes as they come
  res.stream = [&ctx, slot, principal, scope, expires, token_expiry,
                after](const http::StreamWrite& write) mutable {
    ctx.metrics->open_streams().Increment();
    struct Gauge {
      EventsMetrics& m;
      ~Gauge() { m.open_streams().Decrement(); }
    } gauge{*ctx.metrics};
    if (!write(sse_retry(3000))) return;
    auto next_heartbeat = std::chrono::steady_clock::now() + ctx.settings.heartbeat;
    while (!ctx.feed->closed()) {
      if (ctx.clock.now() >= expires) {
        write(sse_comment(ctx.clock.now() >= token_expiry ? "token expired" : "reconnect"));
        return;
      }
      const auto rows = ctx.db->read(
          [&](db::Connection& c) { return store::events_after(c, after, scope.provider_nit, kPage); });
      for (const auto& e : rows) {
        after = e.seq;
        if (!may_read_type(principal, e.type)) continue;
        if (!write(sse_event(e.id, e.type, e.envelope))) return;
        ctx.metrics->delivered("sse", "sent");
      }
      if (static_cast<int>(rows.size()) == kPage) continue;
      const auto now = std::chrono::steady_clock::now();
      if (now >= next_heartbeat) {
        if (!write(sse_comment("heartbeat"))) return;
        next_heartbeat = now + ctx.settings.heartbeat;
      }
      const auto until_expiry =
          std::chrono::duration_cast<std::chrono::milliseconds>(expires - ctx.clock.now());
      auto until = std::min(next_heartbeat, now + ctx.settings.poll_interval);
      until = std::min(until, now + std::max(until_expiry, std::chrono::milliseconds{0}));
      ctx.feed->wait(after, until);
    }
  };
  return res;
}

}  // namespace

void register_stream_route(http::Server& server, EventsContext& ctx) {
  server.route(http::Method::get, kEvents, [&ctx](http::Request& req) { return stream(ctx, req); });
}

}  // namespace portal::events_hub
