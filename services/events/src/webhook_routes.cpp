// Issue 15 item 3: integrators' webhook endpoints. A provider admin or an integrator bound to a provider
// registers, lists, reads, rotates the secret of and disables its provider's endpoints, reads their delivery
// log and redelivers one event by hand. Another provider's endpoint is 404 (SPEC §1). The secret is in the
// answers of registration and rotation only; those answers are not kept for Idempotency-Key replays (they
// would store the secret), so a client that lost one rotates the secret.
#include <variant>

#include "deliverer.hpp"
#include "delivery_policy.hpp"
#include "event_store.hpp"
#include "events_context.hpp"
#include "portal/audit/audit_trail.hpp"
#include "portal/events/signature.hpp"
#include "portal/http/json_body.hpp"
#include "portal/http/pagination.hpp"
#include "portal/http/path_params.hpp"
#include "webhook_json.hpp"

namespace portal::events_hub {
namespace {

using Owned = http::Response (*)(EventsContext&, http::Request&, const std::string&);

http::Handler owners(EventsContext& ctx, Owned handler) {
  return [&ctx, handler](http::Request& req) {
    const auto nit = webhook_owner(*req.principal);
    if (!nit) return http::problem(req, http::forbidden());
    return handler(ctx, req, *nit);
  };
}

http::Response endpoint_answer(const http::Request& req, int status, const store::Endpoint& e,
                               bool with_secret) {
  auto res = http::json_response(status, [&](json::Writer& w) { write_endpoint(w, e, with_secret); });
  if (with_secret) res.with_header("Cache-Control", "no-store");
  if (status == 201) res.with_header("Location", std::string(kWebhooks) + "/" + std::to_string(e.id));
  return std::move(res.with_language(req.lang));
}

std::string audit_summary(const store::Endpoint& e) {
  rapidjson::StringBuffer b;
  json::Writer w(b);
  w.StartObject();
  json::write_key(w, "url");
  json::write_string(w, e.url);
  json::write_key(w, "status");
  json::write_string(w, e.status);
  w.EndObject();
  return b.GetString();
}

// The endpoint named by the path, if it is the caller's provider's; else the 404/400 to answer.
std::variant<store::Endpoint, http::Response> owned_endpoint(EventsContext& ctx, http::Request& req,
                                                             const std::string& nit) {
  auto id = http::positive_id_param(req);
  if (auto* r = std::get_if<http::Response>(&id)) return std::move(*r);
  auto e =
      ctx.db->read([&](db::Connection& c) { return store::find_endpoint(c, std::get<long long>(id), nit); });
  if (!e) return http::problem(req, http::not_found());
  return std::move(*e);
}

http::Response webhook_disabled(const http::Request& req) {
  return http::problem(
      req, http::conflict("webhook_disabled", {"El webhook está desactivado.", "The webhook is disabled."}));
}

http::Response create(EventsContext& ctx, http::Request& req, const std::string& nit) {
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  core::FieldErrors errors;
  const auto reg = read_registration(std::get<rapidjson::Document>(body), ctx.settings.sender, errors);
  if (!reg) return http::problem(req, http::validation_failed(std::move(errors)));
  const auto now = ctx.clock.now();
  store::Endpoint e;
  e.provider_nit = nit;
  e.url = reg->url;
  e.event_types = reg->event_types;
  e.description = reg->description;
  e.contact_email = reg->contact_email;
  e.secret = events::new_webhook_secret();
  e.created_by = req.principal->subject;
  e.created_at = e.updated_at = now;
  const bool created = ctx.db->write([&](db::Connection& c) {
    if (store::count_active_endpoints(c, nit) >= ctx.settings.max_endpoints_per_provider) return false;
    e.id = store::insert_endpoint(c, e);
    audit::record(c, audit::entry_for(req, now, "webhook_registered", "webhook", std::to_string(e.id),
                                      audit_summary(e)));
    return true;
  });
  if (!created)
    return http::problem(
        req,
        http::conflict("webhook_limit_reached",
                       {"El prestador ya tiene " + std::to_string(ctx.settings.max_endpoints_per_provider) +
                            " webhooks activos.",
                        "The provider already has " +
                            std::to_string(ctx.settings.max_endpoints_per_provider) + " active webhooks."}));
  ctx.logger.info("webhook_registered", {{"endpoint_id", e.id}, {"provider_nit", nit}});
  return endpoint_answer(req, 201, e, true);
}

http::Response list(EventsContext& ctx, http::Request& req, const std::string& nit) {
  auto page = http::read_page(req);
  if (auto* r = std::get_if<http::Response>(&page)) return std::move(*r);
  const auto& p = std::get<http::PageRequest>(page);
  auto [items, total] = ctx.db->read([&](db::Connection& c) {
    return std::pair{
        store::list_endpoints(c, nit, static_cast<int>(p.per_page), static_cast<int>(p.offset())),
        store::count_endpoints(c, nit)};
  });
  return http::list_response(req, p, total, [&](json::Writer& w) {
    for (const auto& e : items) write_endpoint(w, e, false);
  });
}

http::Response one(EventsContext& ctx, http::Request& req, const std::string& nit) {
  auto e = owned_endpoint(ctx, req, nit);
  if (auto* r = std::get_if<http::Response>(&e)) return std::move(*r);
  return endpoint_answer(req, 200, std::get<store::Endpoint>(e), false);
}

http::Response rotate_secret(EventsContext& ctx, http::Request& req, const std::string& nit) {
  auto found = owned_endpoint(ctx, req, nit);
  if (auto* r = std::get_if<http::Response>(&found)) return std::move(*r);
  auto e = std::get<store::Endpoint>(found);
  if (e.status != "active") return webhook_disabled(req);
  e.secret = events::new_webhook_secret();
  e.updated_at = ctx.clock.now();
  ctx.db->write([&](db::Connection& c) {
    store::set_secret(c, e.id, e.secret, e.updated_at);
    audit::record(c, audit::entry_for(req, e.updated_at, "webhook_secret_rotated", "webhook",
                                      std::to_string(e.id), audit_summary(e)));
  });
  return endpoint_answer(req, 200, e, true);
}

http::Response disable(EventsContext& ctx, http::Request& req, const std::string& nit) {
  auto found = owned_endpoint(ctx, req, nit);
  if (auto* r = std::get_if<http::Response>(&found)) return std::move(*r);
  auto e = std::get<store::Endpoint>(found);
  const auto now = ctx.clock.now();
  ctx.db->write([&](db::Connection& c) {
    if (store::disable_endpoint(c, e.id, "by_owner", now)) {
      e.status = "disabled";
      e.disabled_reason = "by_owner";
      e.updated_at = now;
      audit::record(c, audit::entry_for(req, now, "webhook_disabled", "webhook", std::to_string(e.id),
                                        audit_summary(e)));
    }
  });
  return endpoint_answer(req, 200, e, false);  // disabling a disabled endpoint answers the same
}

http::Response deliveries(EventsContext& ctx, http::Request& req, const std::string& nit) {
  auto found = owned_endpoint(ctx, req, nit);
  if (auto* r = std::get_if<http::Response>(&found)) return std::move(*r);
  auto page = http::read_page(req);
  if (auto* r = std::get_if<http::Response>(&page)) return std::move(*r);
  const auto& p = std::get<http::PageRequest>(page);
  const long long id = std::get<store::Endpoint>(found).id;
  auto [items, total] = ctx.db->read([&](db::Connection& c) {
    return std::pair{
        store::list_deliveries(c, id, static_cast<int>(p.per_page), static_cast<int>(p.offset())),
        store::count_deliveries(c, id)};
  });
  return http::list_response(req, p, total, [&](json::Writer& w) {
    for (const auto& d : items) write_delivery(w, d);
  });
}

http::Response redeliver(EventsContext& ctx, http::Request& req, const std::string& nit) {
  auto found = owned_endpoint(ctx, req, nit);
  if (auto* r = std::get_if<http::Response>(&found)) return std::move(*r);
  const auto& e = std::get<store::Endpoint>(found);
  auto delivery_id = http::positive_id_param(req, "delivery_id");
  if (auto* r = std::get_if<http::Response>(&delivery_id)) return std::move(*r);
  if (e.status != "active") return webhook_disabled(req);
  const auto now = ctx.clock.now();
  auto created = ctx.db->write([&](db::Connection& c) -> std::optional<store::Delivery> {
    const auto d = store::find_delivery(c, std::get<long long>(delivery_id), e.id);
    if (!d) return std::nullopt;
    const long long id = store::redeliver(c, *d, now);
    audit::record(c,
                  audit::entry_for(req, now, "webhook_redelivery_requested", "webhook", std::to_string(e.id),
                                   "{\"delivery_id\":" + std::to_string(d->id) + "}"));
    return store::find_delivery(c, id, e.id);
  });
  if (!created) return http::problem(req, http::not_found());
  ctx.deliverer->wake();
  auto res = http::json_response(202, [&](json::Writer& w) { write_delivery(w, *created); });
  return std::move(res.with_language(req.lang));
}

}  // namespace

void register_webhook_routes(http::Server& server, EventsContext& ctx) {
  const std::string base = kWebhooks;
  server.route(http::Method::post, base, owners(ctx, create));
  server.route(http::Method::get, base, owners(ctx, list));
  server.route(http::Method::get, base + "/:id", owners(ctx, one));
  server.route(http::Method::post, base + "/:id/rotate-secret", owners(ctx, rotate_secret));
  server.route(http::Method::post, base + "/:id/disable", owners(ctx, disable));
  server.route(http::Method::get, base + "/:id/deliveries", owners(ctx, deliveries));
  server.route(http::Method::post, base + "/:id/deliveries/:delivery_id/redeliver", owners(ctx, redeliver));
}

}  // namespace portal::events_hub
