// Issue 15: where the publishing services' relays hand over their events. Not under /api/v1, so the
// gateway never routes it; a POST counts only when signed with the key the services share (the relay's
// internal signature), so no client can inject an event. Idempotent by event id: a relay's retry of an
// event already taken in answers 202 again and changes nothing.
#include <chrono>

#include "deliverer.hpp"
#include "event_feed.hpp"
#include "event_store.hpp"
#include "events_context.hpp"
#include "events_metrics.hpp"
#include "portal/events/event.hpp"
#include "portal/events/relay.hpp"
#include "portal/events/signature.hpp"
#include "portal/http/json_body.hpp"

namespace portal::events_hub {
namespace {

http::Response ingest(EventsContext& ctx, http::Request& req) {
  const auto signature = req.header(events::kInternalSignatureHeader);
  const std::int64_t now_s =
      std::chrono::duration_cast<std::chrono::seconds>(ctx.clock.now().time_since_epoch()).count();
  if (!signature || !events::verify_internal_signature(ctx.ingest_key, *signature, req.body, now_s))
    return http::problem(req, http::unauthorized());
  core::FieldErrors errors;
  auto event = events::from_json(req.body, errors);
  if (!event) return http::problem(req, http::validation_failed(std::move(errors)));
  // The envelope is re-written from the parsed event, so every channel sends the same canonical text.
  const std::string envelope = events::to_json(*event);
  const auto seq = ctx.db->write(
      [&](db::Connection& c) { return store::insert_event(c, *event, envelope, ctx.clock.now()); });
  ctx.metrics->received(seq ? "new" : "duplicate");
  if (seq) {
    ctx.feed->published(*seq);
    ctx.deliverer->wake();
  }
  return http::json_response(202, [&](json::Writer& w) {
    w.StartObject();
    json::write_key(w, "id");
    json::write_string(w, event->id);
    json::write_key(w, "duplicate");
    w.Bool(!seq);
    w.EndObject();
  });
}

}  // namespace

void register_ingest_route(http::Server& server, EventsContext& ctx) {
  server.route(
      http::Method::post, events::kIngestPath, [&ctx](http::Request& req) { return ingest(ctx, req); },
      http::Access::public_route);
}

}  // namespace portal::events_hub
