// AFF-5 contact-centre calls ("Otras llamadas", manual 000 §4.1.3): filed by agents, validated against
// Tabla 4.1, queryable by Bogotá date, agent and action.
#include "affiliate_store.hpp"
#include "affiliates_http.hpp"
#include "call_rules.hpp"
#include "call_store.hpp"
#include "portal/http/idempotency.hpp"
#include "portal/http/json_body.hpp"
#include "portal/http/path_params.hpp"
#include "routes.hpp"

namespace portal::affiliates {
namespace {

void write_call(json::Writer& w, const CallRecord& r) {
  w.StartObject();
  json::write_key(w, "id");
  w.Int64(r.id);
  write_str(w, "call_type", r.call.call_type);
  write_str(w, "caller_type", r.call.caller_type);
  write_str(w, "caller_name", r.call.caller_name);
  write_opt(w, "caller_phone", r.call.caller_phone);
  json::write_key(w, "provider");
  if (r.call.provider_nit) {
    w.StartObject();
    write_opt(w, "nit", r.call.provider_nit);
    write_opt(w, "name", r.call.provider_name);
    write_opt(w, "municipality_code", r.call.provider_municipality_code);
    w.EndObject();
  } else {
    w.Null();
  }
  json::write_key(w, "affiliate");
  if (r.affiliate_id) {
    w.StartObject();
    json::write_key(w, "id");
    w.Int64(*r.affiliate_id);
    write_opt(w, "document_type", r.call.affiliate_document_type);
    write_opt(w, "document_number", r.call.affiliate_document_number);
    w.EndObject();
  } else {
    w.Null();
  }
  write_str(w, "action", r.call.action);
  write_opt(w, "procedure", r.call.procedure);
  write_opt(w, "other_text", r.call.other_text);
  write_opt(w, "notes", r.call.notes);
  write_str(w, "agent", r.agent);
  write_str(w, "created_at", r.created_at);
  w.EndObject();
}

CallDraft read_call(const rapidjson::Value& body, core::FieldErrors& errors) {
  json::ObjectReader r(body, errors);
  CallDraft c;
  c.call_type = r.optional_string("call_type", 20).value_or("");
  c.caller_type = r.optional_string("caller_type", 20).value_or("");
  c.caller_name = r.optional_string("caller_name", 200).value_or("");
  c.caller_phone = r.optional_string("caller_phone", 20);
  if (const auto* p = r.optional_object("provider")) {
    json::ObjectReader pr(*p, errors, "provider.");
    c.provider_nit = pr.optional_string("nit", 20);
    c.provider_name = pr.optional_string("name", 200);
    c.provider_municipality_code = pr.optional_string("municipality_code", 10);
  }
  if (const auto* a = r.optional_object("affiliate")) {
    json::ObjectReader ar(*a, errors, "affiliate.");
    c.affiliate_document_type = ar.optional_string("document_type", 10);
    c.affiliate_document_number = ar.optional_string("document_number", 40);
  }
  c.action = r.optional_string("action", 60).value_or("");
  c.procedure = r.optional_string("procedure", 100);
  c.other_text = r.optional_string("other_text", 2000);
  c.notes = r.optional_string("notes", 4000);
  return c;
}

http::Response create_call(AffiliatesContext& ctx, http::Request& req) {
  if (auto denied = require(req, Capability::file_call)) return std::move(*denied);
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  core::FieldErrors errors;
  CallRecord record;
  record.call = read_call(std::get<rapidjson::Document>(body), errors);
  if (errors.empty()) errors = validate_call(record.call, ctx.ref);
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  record.agent = req.principal->subject;
  const auto now = ctx.clock.now();
  record.created_at = core::to_rfc3339(now);
  std::optional<http::Response> refused;
  auto change = [&](db::Connection& c) -> std::optional<CallRecord> {
    if (record.call.affiliate_document_type) {
      auto a = affiliate_store::find_by_document(c, *record.call.affiliate_document_type,
                                                 record.call.affiliate_document_number.value_or(""));
      if (!a) {
        // Manual 000 §4.1.2: callers about non-affiliates are recorded with caller type "other", without
        // affiliate.
        refused = http::problem(
            req,
            http::validation_failed({core::FieldError{
                "affiliate",
                "affiliate_not_found",
                {"No es afiliado de la EPS: registre la llamada con tipo de llamante «other» y sin afiliado.",
                 "Not an affiliate of the EPS: record the call with caller type \"other\" and no "
                 "affiliate."}}}));
        return std::nullopt;
      }
      record.affiliate_id = a->id;
    }
    const auto id = call_store::insert(c, record, core::bogota_date_string(now));
    return call_store::find(c, id);
  };
  auto respond = [&](const std::optional<CallRecord>& stored) {
    if (!stored) return refused ? *refused : http::problem(req, http::internal_error());
    auto res = json_response(201, [&](json::Writer& w) { write_call(w, *stored); });
    res.with_header("Location", std::string{kApi} + "/calls/" + std::to_string(stored->id));
    return res;
  };
  // SPEC §2 Idempotency-Key (issue 10): a retry replays the first 201; the same key with another body is 409.
  return http::idempotent(*ctx.idempotency, req, record.created_at, [&](http::IdempotentWrite& keyed) {
    return keyed.commit<std::optional<CallRecord>>(*ctx.db, nullptr, change, respond).response;
  });
}

http::Response list_calls(AffiliatesContext& ctx, http::Request& req) {
  if (auto denied = require(req, Capability::read_calls)) return std::move(*denied);
  auto page = read_page(req);
  if (auto* r = std::get_if<http::Response>(&page)) return std::move(*r);
  CallFilter filter;
  core::FieldErrors errors;
  if (auto date = req.query_param("date"); date && !date->empty()) {
    if (!core::parse_date(*date)) {
      errors.push_back(
          core::FieldError{"date",
                           "invalid_date",
                           {"La fecha debe tener el formato AAAA-MM-DD.", "The date must be YYYY-MM-DD."}});
    }
    filter.date = *date;
  }
  if (auto agent = req.query_param("agent"); agent && !agent->empty()) filter.agent = agent->substr(0, 200);
  if (auto action = req.query_param("action"); action && !action->empty()) {
    if (!ctx.ref.call_action(*action)) {
      errors.push_back(
          core::FieldError{"action",
                           "unknown_action",
                           {"La acción no existe en la Tabla 4.1.", "The action is not in Table 4.1."}});
    }
    filter.action = *action;
  }
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  const auto& p = std::get<PageRequest>(page);
  auto [items, total] = ctx.db->read([&](db::Connection& c) {
    return std::pair{call_store::list(c, filter, p), call_store::count(c, filter)};
  });
  return http::list_response(req, p, total, [&](json::Writer& w) {
    for (const auto& c : items) write_call(w, c);
  });
}

http::Response get_call(AffiliatesContext& ctx, http::Request& req) {
  if (auto denied = require(req, Capability::read_calls)) return std::move(*denied);
  const auto id = http::positive_id_param(req);
  if (auto* bad = std::get_if<http::Response>(&id)) return std::move(*bad);
  auto found = ctx.db->read([&](db::Connection& c) { return call_store::find(c, std::get<long long>(id)); });
  if (!found) {
    return http::problem(
        req,
        http::make_problem(404, "call_not_found", {"Llamada no encontrada", "Call not found"},
                           {"No existe una llamada con ese número.", "There is no call with that number."}));
  }
  return json_response(200, [&](json::Writer& w) { write_call(w, *found); });
}

}  // namespace

void register_call_routes(http::Server& server, AffiliatesContext& ctx) {
  const std::string base = std::string{kApi} + "/calls";
  server.route(http::Method::post, base, [&ctx](http::Request& req) { return create_call(ctx, req); });
  server.route(http::Method::get, base, [&ctx](http::Request& req) { return list_calls(ctx, req); });
  // The call a notification, request or referral filed by an agent refers to (AFF-5).
  server.route(http::Method::get, base + "/:id", [&ctx](http::Request& req) { return get_call(ctx, req); });
}

}  // namespace portal::affiliates
