// AUT-1 create (parse → affiliate and provider from their services → AUT-1 rules → AUT-2 rules engine →
// insert → 201), AUT-7 list and detail, AUT-3 annulment request. Nothing is stored unless every check passed.
#include "announcements.hpp"
#include "authorization_metrics.hpp"
#include "authorization_store.hpp"
#include "authorizations_http.hpp"
#include "decision_store.hpp"
#include "judgement.hpp"
#include "portal/audit/audit_trail.hpp"
#include "portal/core/regulation.hpp"
#include "portal/http/idempotency.hpp"
#include "portal/http/json_body.hpp"
#include "portal/http/pagination.hpp"
#include "portal/http/path_params.hpp"
#include "portal/json/json.hpp"
#include "request_document.hpp"
#include "request_filter.hpp"
#include "request_json.hpp"
#include "request_states.hpp"
#include "routes.hpp"

namespace portal::authorizations {
namespace {

void count(AuthorizationsContext& ctx, CreateOutcome outcome) {
  if (ctx.metrics) ctx.metrics->create(outcome);
}

http::Response create(AuthorizationsContext& ctx, http::Request& req, const AuthorizationAccess& access,
                      http::IdempotentWrite& keyed) {
  const auto now = ctx.clock.now();  // the request instant (assigned by the system)
  auto result = judge(ctx, req, access, now, std::nullopt, /*evaluate_lines=*/false);
  if (!result.judgement) {
    count(ctx, result.kind == JudgementFailure::upstream_unavailable ? CreateOutcome::upstream_unavailable
                                                                     : CreateOutcome::invalid);
    return std::move(*result.failure);
  }
  auto& j = *result.judgement;
  AuthorizationRequest r;
  r.provider_nit = j.provider_nit;
  r.habilitation_code = j.habilitation_code;
  r.provider_name = j.provider.legal_name;
  r.draft = std::move(j.draft);
  r.draft.provider_nit = r.provider_nit;
  r.draft.habilitation_code = r.habilitation_code;
  r.affiliate = std::move(j.affiliate);
  r.request_year = request_year(now);
  r.created_at = now;
  r.created_by = req.principal->subject;
  r.due_at = due_at(now, r.draft.patient_location, ctx.due_times);
  r.warnings = std::move(j.warnings);

  std::optional<http::Committed<std::optional<long long>>> done;
  try {
    done = keyed.commit<long long>(
        *ctx.db, ctx.writer,
        [&](db::Connection& c) {
          judge_in_transaction(ctx, c, r);  // AUT-2 with the facts of this transaction
          const long long id = authorization_store::insert(c, r);
          if (r.status == RequestStatus::approved) {  // AUT-9: the authorization issued at once
            r.line_outcome.assign(r.draft.lines.size(), "approved");
            authorization_store::issue_authorization(
                c, issued_authorization(r, std::vector<bool>(r.draft.lines.size(), true), r.provider_nit,
                                        r.habilitation_code, now, *ctx.catalogs));
          }
          // The engine's outcome is a decision too: audited with the request (issue 20 part 3).
          audit::record(
              c, audit::entry_for(req, now, "authorization_request_created", "authorization_request",
                                  std::to_string(id),
                                  "{\"status\":\"" + std::string(to_string(r.status)) +
                                      "\",\"rule_set_version\":" + std::to_string(r.rule_set_version) + "}"));
          r.id = id;
          announce_created(ctx, c, r, now);  // issue 15 / AUT-6: in this same transaction
          return id;
        },
        [&](const long long&) {
          auto res = http::Response::json(201, request_json(r, now, req.lang)).with_language(req.lang);
          res.with_header("Location", std::string{kRequests} + "/" + std::to_string(r.id));
          return res;
        });
  } catch (const DuplicateRequestNumber&) {
    count(ctx, CreateOutcome::duplicate);
    return http::problem(req, duplicate_request_number(r.draft.request_number, r.request_year));
  } catch (const NoActiveRuleSet&) {
    return http::problem(req, no_active_rule_set());
  }
  if (!done->value) return std::move(done->response);  // the key's earlier answer
  wake_senders(ctx);
  count(ctx, r.status == RequestStatus::approved ? CreateOutcome::approved : CreateOutcome::pending);
  if (r.status == RequestStatus::approved && ctx.metrics) ctx.metrics->decision(r.status, true, 0.0);
  ctx.logger.info("authorization_request_created", {{"id", r.id},
                                                    {"provider_nit", r.provider_nit},
                                                    {"status", std::string(to_string(r.status))},
                                                    {"rule_set_version", r.rule_set_version},
                                                    {"request_id", req.request_id}});
  return std::move(done->response);
}

http::Response list(AuthorizationsContext& ctx, http::Request& req, const AuthorizationAccess& access) {
  const auto now = ctx.clock.now();
  core::FieldErrors errors;
  auto filter = parse_filter(req.query, *ctx.catalogs, now,
                             access.own_provider.has_value() && req.principal->is_provider(), errors);
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  if (access.own_provider) filter.provider_nit = access.own_provider;  // SPEC §1: own provider only
  const auto range = bogota_range(filter, now);
  auto [items, total] = ctx.db->read([&](db::Connection& db) {
    return std::pair{authorization_store::list(db, filter, range, now),
                     authorization_store::count(db, filter, range, now)};
  });
  return http::list_response(req, http::PageRequest{filter.page, filter.per_page}, total,
                             [&](json::Writer& w) {
                               for (const auto& r : items) write_request(w, r, now, req.lang);
                             })
      .with_language(req.lang);
}

http::Problem not_under_res2335(const AuthorizationRequest& r) {
  const auto day = core::bogota_date_string(r.created_at);
  return http::make_problem(
      406, "not_under_res2335",
      {"Registro anterior a la Res. 2335 de 2023", "Record predates Res. 2335 de 2023"},
      {"La solicitud del " + day +
           " se rige por la Res. 3047 de 2008 (anterior al 1 de abril de 2026): pida application/json o su "
           "Anexo 3 "
           "en request.pdf.",
       "The request of " + day +
           " is under Res. 3047 de 2008 (before 1 April 2026): ask for application/json or its Anexo 3 at "
           "request.pdf."});
}

http::Response get_one(AuthorizationsContext& ctx, http::Request& req, const AuthorizationAccess& access) {
  const auto id = http::positive_id_param(req);
  if (auto* bad = std::get_if<http::Response>(&id)) return std::move(*bad);
  auto found = find_visible(ctx, std::get<long long>(id), access);
  if (!found) return http::problem(req, request_not_found());
  if (wants_res2335_matrix(req.header("Accept"))) {
    if (core::format_in_force(found->created_at) != core::RecordFormat::res2335) {
      return http::problem(req, not_under_res2335(*found));
    }
    DocumentContext doc;
    doc.payer_name = ctx.payer.name;
    doc.payer_code = ctx.payer.code;
    auto res = http::Response::json(
        200, documents::res2335::matrix_json(authorization_request_record(*found, doc, *ctx.catalogs)));
    res.content_type = std::string{kRes2335MatrixMediaType};
    res.with_header("Vary", "Accept");
    return res;
  }
  auto res =
      http::Response::json(200, request_json(*found, ctx.clock.now(), req.lang)).with_language(req.lang);
  res.with_header("Vary", "Accept");
  // AUT-4 If-Match: the version, not the body (the light changes with the clock, the body with the language).
  res.with_header("ETag", request_etag(*found));
  return res;
}

// AUT-3: a provider asks to annul its request with a reason (manual 001 §4.1.2.3); an auditor carries it
// out (next issue). Recorded once; a request that can no longer be annulled answers 409.
http::Response request_annulment(AuthorizationsContext& ctx, http::Request& req,
                                 const AuthorizationAccess& access) {
  const auto id = http::positive_id_param(req);
  if (auto* bad = std::get_if<http::Response>(&id)) return std::move(*bad);
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  core::FieldErrors errors;
  json::ObjectReader reader(std::get<rapidjson::Document>(body), errors);
  const auto reason = reader.required_string("reason", 500);
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  auto found = find_visible(ctx, std::get<long long>(id), access);
  if (!found) return http::problem(req, request_not_found());
  if (!annulment_can_be_requested(found->status)) {
    return http::problem(
        req, annulment_not_allowed(
                 "Una solicitud en estado " + std::string(to_string(found->status)) + " no puede anularse.",
                 "A request in status " + std::string(to_string(found->status)) + " cannot be annulled."));
  }
  const auto now = ctx.clock.now();
  const bool recorded = ctx.db->write([&](db::Connection& c) {
    if (!authorization_store::record_annulment_request(c, found->id, *reason, now, req.principal->subject))
      return false;
    audit::record(c, audit::entry_for(req, now, "annulment_requested", "authorization_request",
                                      std::to_string(found->id),
                                      "{\"reason\":\"" + core::json_escape(*reason) + "\"}"));
    return true;
  });
  if (!recorded) {
    return http::problem(req,
                         annulment_not_allowed("La solicitud ya tiene una solicitud de anulación registrada.",
                                               "The request already has an annulment request recorded."));
  }
  found->annulment_reason = *reason;
  found->annulment_requested_at = now;
  found->annulment_requested_by = req.principal->subject;
  ctx.logger.info("annulment_requested",
                  {{"id", found->id}, {"by", req.principal->subject}, {"request_id", req.request_id}});
  return http::Response::json(200, request_json(*found, now, req.lang)).with_language(req.lang);
}

}  // namespace

void register_request_routes(http::Server& server, AuthorizationsContext& ctx) {
  const std::string base = kRequests;
  server.route(http::Method::post, base, [&ctx](http::Request& req) {
    auto allowed = require(req, &AuthorizationAccess::create);
    if (allowed.denied) return std::move(*allowed.denied);
    return http::idempotent(
        *ctx.idempotency, req, core::to_rfc3339(ctx.clock.now()),
        [&](http::IdempotentWrite& keyed) { return create(ctx, req, allowed.access, keyed); });
  });
  server.route(http::Method::get, base, [&ctx](http::Request& req) {
    auto allowed = require(req, &AuthorizationAccess::read);
    if (allowed.denied) return std::move(*allowed.denied);
    return list(ctx, req, allowed.access);
  });
  server.route(http::Method::get, base + "/:id", [&ctx](http::Request& req) {
    auto allowed = require(req, &AuthorizationAccess::read);
    if (allowed.denied) return std::move(*allowed.denied);
    return get_one(ctx, req, allowed.access);
  });
  server.route(http::Method::post, base + "/:id/annulment-request", [&ctx](http::Request& req) {
    auto allowed = require(req, &AuthorizationAccess::request_annulment);
    if (allowed.denied) return std::move(*allowed.denied);
    return request_annulment(ctx, req, allowed.access);
  });
}

// AUT-8 and §13: the document in force (request.pdf), and annex3.pdf as its alias.
void register_document_routes(http::Server& server, AuthorizationsContext& ctx) {
  for (const char* path : {"/:id/request.pdf", "/:id/annex3.pdf"}) {
    server.route(http::Method::get, std::string{kRequests} + path, [&ctx](http::Request& req) {
      auto allowed = require(req, &AuthorizationAccess::read);
      if (allowed.denied) return std::move(*allowed.denied);
      const auto id = http::positive_id_param(req);
      if (auto* bad = std::get_if<http::Response>(&id)) return std::move(*bad);
      auto found = find_visible(ctx, std::get<long long>(id), allowed.access);
      if (!found) return http::problem(req, request_not_found());
      const auto doc = document_context(ctx, req, *found);
      auto document = render_document_in_force(*found, doc, *ctx.catalogs);
      http::Response res;
      res.status = 200;
      res.content_type = "application/pdf";
      res.body = std::move(document.bytes);
      res.with_header("Content-Disposition", "attachment; filename=\"" + document.file_name + "\"");
      return res;
    });
  }
}

}  // namespace portal::authorizations
