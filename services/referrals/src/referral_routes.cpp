// REF-1 register (parse → affiliate and providers from their services → REF-1 rules → insert → 201), REF-2/3
// steps (If-Match → rules → side → state machine → append → 201), REF-4 list and the detail. Nothing is
// stored unless every check passed.
#include "portal/audit/audit_trail.hpp"
#include "portal/core/regulation.hpp"
#include "portal/directory/affiliate_directory.hpp"
#include "portal/directory/provider_directory.hpp"
#include "portal/events/relay.hpp"
#include "portal/http/etag.hpp"
#include "portal/http/idempotency.hpp"
#include "portal/http/json_body.hpp"
#include "portal/http/pagination.hpp"
#include "portal/http/path_params.hpp"
#include "portal/http/query_reader.hpp"
#include "portal/json/json.hpp"
#include "referral_document.hpp"
#include "referral_events.hpp"
#include "referral_filter.hpp"
#include "referral_json.hpp"
#include "referral_metrics.hpp"
#include "referral_rules.hpp"
#include "referral_store.hpp"
#include "referrals_http.hpp"
#include "routes.hpp"

namespace portal::referrals {
namespace {

using directory::LookupStatus;

void count(ReferralsContext& ctx, const char* outcome) {
  if (ctx.metrics) ctx.metrics->registered(outcome);
}

double seconds_between(core::Instant from, core::Instant to) {
  return std::chrono::duration<double>(to - from).count();
}

http::Response created(const Referral& r, const http::Request& req) {
  auto res = http::Response::json(201, referral_json(r, req.lang)).with_language(req.lang);
  res.with_header("Location", std::string{kReferrals} + "/" + std::to_string(r.id));
  res.with_header("ETag", referral_etag(r));
  return res;
}

// A registered origin or destination as auth's registry answers it (nullopt: not registered, or not asked).
struct ProviderLookup {
  std::optional<directory::ProviderInfo> info;
  bool unavailable = false;
};
ProviderLookup lookup_provider(ReferralsContext& ctx, const http::Request& req, const ProviderRef& ref,
                               const std::string& field, const core::FieldErrors& errors) {
  if (!ref.registered() || ref.nit.empty() || directory::already_reported(errors, field + ".nit")) return {};
  const auto found = ctx.providers->find(ref.nit, req.bearer_token, req.request_id);
  if (found.status == LookupStatus::unavailable) return {std::nullopt, true};
  return {found.provider, false};
}

http::Response create(ReferralsContext& ctx, http::Request& req, http::IdempotentWrite& keyed) {
  const auto now = ctx.clock.now();
  auto body = http::read_json_body(req);
  if (auto* bad = std::get_if<http::Response>(&body)) return std::move(*bad);
  core::FieldErrors errors;
  auto draft = parse_registration(std::get<rapidjson::Document>(body), *ctx.catalogs, errors);

  std::optional<AffiliateFacts> affiliate;
  if (!directory::affiliate_ref_rejected(errors)) {
    const auto found = ctx.affiliates->find(draft.affiliate, req.bearer_token, req.request_id);
    if (found.status == LookupStatus::unavailable) {
      count(ctx, "upstream_unavailable");
      return http::problem(req, http::service_unavailable("affiliates"));
    }
    affiliate = found.facts;
  }
  const auto origin = lookup_provider(ctx, req, draft.origin, "origin", errors);
  const auto destination = lookup_provider(ctx, req, draft.destination, "destination", errors);
  if (origin.unavailable || destination.unavailable) {
    count(ctx, "upstream_unavailable");
    return http::problem(req, http::service_unavailable("auth"));
  }
  auto check = validate_registration(
      draft, affiliate ? &*affiliate : nullptr,
      {origin.info ? &*origin.info : nullptr, destination.info ? &*destination.info : nullptr}, now,
      *ctx.catalogs, ctx.attention_phone, std::move(errors));
  if (!check.ok() || !affiliate) {
    count(ctx, "invalid");
    return http::problem(req, http::validation_failed(std::move(check.errors)));
  }

  Referral r;
  r.draft = std::move(check.draft);
  r.affiliate = std::move(*affiliate);
  r.warnings = std::move(check.warnings);
  r.status = Status::open;
  r.created_at = now;
  r.created_by = req.principal->subject;
  r.created_by_type = req.principal->user_type;
  r.created_from = req.client_ip;
  std::optional<http::Committed<std::optional<long long>>> done;
  try {
    done = keyed.commit<long long>(
        *ctx.db, ctx.writer,
        [&](db::Connection& c) {
          r.id = referral_store::insert(c, r);
          audit::record(c, audit::entry_for(req, now, "referral_registered", "referral", std::to_string(r.id),
                                            "{\"destination_nit\":\"" +
                                                core::json_escape(r.draft.destination.nit) + "\"}"));
          for (const auto& e : registered_events(r, now)) events::publish(c, e);
          return r.id;
        },
        [&](const long long&) { return created(r, req); });
  } catch (const OpenReferralExists& e) {
    count(ctx, "open_exists");
    return open_referral_exists(req, e.open_id);
  }
  if (!done->value) return std::move(done->response);  // the key's earlier answer
  if (ctx.events) ctx.events->wake();
  count(ctx, "created");
  ctx.logger.info("referral_registered", {{"id", r.id},
                                          {"origin_nit", r.draft.origin.nit},
                                          {"destination_nit", r.draft.destination.nit},
                                          {"request_id", req.request_id}});
  return std::move(done->response);
}

http::Response add_step(ReferralsContext& ctx, http::Request& req, const ReferralAccess& access,
                        http::IdempotentWrite& keyed) {
  const auto id = http::positive_id_param(req);
  if (auto* bad = std::get_if<http::Response>(&id)) return std::move(*bad);
  auto body = http::read_json_body(req);
  if (auto* bad = std::get_if<http::Response>(&body)) return std::move(*bad);
  core::FieldErrors errors;
  auto draft = parse_step(std::get<rapidjson::Document>(body), errors);
  auto found = find_visible(ctx, std::get<long long>(id), access);
  if (!found) return http::problem(req, referral_not_found());
  const auto if_match = req.header("If-Match");
  if (!if_match) return http::problem(req, precondition_required());
  if (!http::etag_list_matches(*if_match, referral_etag(*found)))
    return http::problem(req, precondition_failed());

  const auto now = ctx.clock.now();
  auto check = validate_step(draft, *found, now, *ctx.catalogs, std::move(errors));
  if (!check.ok()) return http::problem(req, http::validation_failed(std::move(check.errors)));
  auto& step_draft = check.draft;
  const bool closure = step_draft.kind == StepKind::closure;
  const std::string code = closure ? step_draft.closure_reason : step_draft.step;  // step_draft moves below
  const auto* item = ctx.catalogs->find(closure ? catalog::kClosureReasons : catalog::kReferralSteps, code);
  const auto parties = parties_of(access.own_provider, access.eps, *found);
  if (!item || !side_allows(item->text("side"), parties)) return http::problem(req, step_not_for_your_side());
  const auto t = transition(found->status, step_draft.kind, code, item->flag("requires_acceptance"),
                            accepted_before(*found));
  if (t.refused == Refusal::closed) return http::problem(req, referral_closed());
  if (t.refused == Refusal::acceptance_required) return http::problem(req, acceptance_required());

  Step step;
  step.seq = static_cast<int>(found->timeline.size()) + 1;
  step.draft = std::move(step_draft);
  step.status_before = found->status;
  step.status_after = *t.next;
  step.at = now;
  step.actor = {req.principal->subject, req.principal->user_type, req.principal->provider_nit, req.client_ip};
  const bool first_acceptance = !found->accepted_at && !closure && code == kPatientAccepted;
  Referral& r = *found;
  r.timeline.push_back(step);
  r.status = step.status_after;
  r.version += 1;
  if (first_acceptance) r.accepted_at = now;
  if (r.status == Status::closed) r.closed_at = now;
  std::optional<http::Committed<std::optional<int>>> done;
  try {
    done = keyed.commit<int>(
        *ctx.db, ctx.writer,
        [&](db::Connection& c) {
          referral_store::append_step(c, r.id, r.version - 1, step);
          audit::record(c, audit::entry_for(req, now, closure ? "referral_closed" : "referral_step",
                                            "referral", std::to_string(r.id),
                                            "{\"seq\":" + std::to_string(step.seq) + ",\"code\":\"" +
                                                core::json_escape(code) + "\",\"status\":\"" +
                                                std::string(to_string(r.status)) + "\"}"));
          if (r.status == Status::closed)
            for (const auto& e : closed_events(r, step)) events::publish(c, e);
          return step.seq;
        },
        [&](const int&) {
          auto res = http::Response::json(201, referral_json(r, req.lang)).with_language(req.lang);
          res.with_header("Location", std::string{kReferrals} + "/" + std::to_string(r.id));
          res.with_header("ETag", referral_etag(r));
          return res;
        });
  } catch (const StaleVersion&) {
    return http::problem(req, precondition_failed());
  }
  if (!done->value) return std::move(done->response);  // the key's earlier answer
  if (r.status == Status::closed && ctx.events) ctx.events->wake();
  if (ctx.metrics) {
    if (first_acceptance) ctx.metrics->accepted(seconds_between(r.created_at, now));
    if (closure && code == kArrivalConfirmed) ctx.metrics->arrived(seconds_between(r.created_at, now));
  }
  ctx.logger.info("referral_step", {{"id", r.id},
                                    {"seq", step.seq},
                                    {"code", code},
                                    {"status", std::string(to_string(r.status))},
                                    {"request_id", req.request_id}});
  return std::move(done->response);
}

http::Response list(ReferralsContext& ctx, http::Request& req, const ReferralAccess& access) {
  core::FieldErrors errors;
  auto filter = parse_filter(req.query, errors);
  const auto page = http::read_page(req, {}, errors);
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  filter.page = page.page;
  filter.per_page = page.per_page;
  if (access.own_provider) filter.party_nit = access.own_provider;  // SPEC §1: origin or destination only
  const auto range = time_range(filter);
  auto [items, total] = ctx.db->read([&](db::Connection& c) {
    return std::pair{referral_store::list(c, filter, range, *ctx.catalogs),
                     referral_store::count(c, filter, range)};
  });
  return http::list_response(req, page, total,
                             [&](json::Writer& w) {
                               for (const auto& r : items) write_summary(w, r, req.lang);
                             })
      .with_language(req.lang);
}

http::Response get_one(ReferralsContext& ctx, http::Request& req, const ReferralAccess& access) {
  const auto id = http::positive_id_param(req);
  if (auto* bad = std::get_if<http::Response>(&id)) return std::move(*bad);
  auto found = find_visible(ctx, std::get<long long>(id), access);
  if (!found) return http::problem(req, referral_not_found());
  if (wants_res2335_matrix(req.header("Accept"))) {
    if (core::format_in_force(found->created_at) != core::RecordFormat::res2335)
      return http::problem(req, not_under_res2335(*found));
    // SPEC §13: the referral as procedure 5, and each counter-referral step as its own procedure 6 record.
    const DocumentContext doc{ctx.payer.name, ctx.payer.code, ctx.clock.now()};
    std::string body =
        "{\"referral\":" + documents::res2335::matrix_json(referral_record(*found, doc, *ctx.catalogs)) +
        ",\"counter_referrals\":[";
    bool first = true;
    for (const auto* step : counter_referrals(*found)) {
      body += (first ? "" : ",") +
              documents::res2335::matrix_json(counter_referral_record(*found, *step, doc, *ctx.catalogs));
      first = false;
    }
    body += "]}";
    auto res = http::Response::json(200, std::move(body));
    res.content_type = std::string{kRes2335MatrixMediaType};
    res.with_header("Vary", "Accept");
    return res;
  }
  // SPEC §2 polling on the version's ETag (the one a step's If-Match names); the server's body hash is not
  // used.
  const auto etag = referral_etag(*found);
  if (const auto inm = req.header("If-None-Match"); inm && http::etag_list_matches(*inm, etag)) {
    http::Response not_modified;
    not_modified.status = 304;
    not_modified.with_header("ETag", etag);
    not_modified.with_header("Vary", "Accept");
    return not_modified;
  }
  auto res = http::Response::json(200, referral_json(*found, req.lang)).with_language(req.lang);
  res.with_header("Vary", "Accept");
  res.with_header("ETag", etag);
  return res;
}

// SPEC §13: the Res. 2335 referral document (procedure 5), or with ?step=<seq> a counter-referral step's own
// procedure-6 document.
http::Response document(ReferralsContext& ctx, http::Request& req, const ReferralAccess& access) {
  const auto id = http::positive_id_param(req);
  if (auto* bad = std::get_if<http::Response>(&id)) return std::move(*bad);
  core::FieldErrors errors;
  http::QueryReader q(req.query, errors);
  const auto seq = q.integer("step", 1, 100000);
  if (!errors.empty()) return http::problem(req, http::bad_request(std::move(errors)));
  auto found = find_visible(ctx, std::get<long long>(id), access);
  if (!found) return http::problem(req, referral_not_found());
  if (core::format_in_force(found->created_at) != core::RecordFormat::res2335)
    return http::problem(req, not_under_res2335(*found));
  const DocumentContext doc{ctx.payer.name, ctx.payer.code, ctx.clock.now()};
  ReferralDocument rendered;
  if (seq) {
    const Step* counter = nullptr;
    for (const auto* s : counter_referrals(*found))
      if (s->seq == *seq) counter = s;
    if (!counter) return http::problem(req, no_counter_referral(*seq));
    rendered = render_counter_referral_pdf(*found, *counter, doc, *ctx.catalogs);
  } else {
    rendered = render_referral_pdf(*found, doc, *ctx.catalogs);
  }
  http::Response res;
  res.status = 200;
  res.content_type = "application/pdf";
  res.body = std::move(rendered.bytes);
  res.with_header("Content-Disposition", "attachment; filename=\"" + rendered.file_name + "\"");
  return res;
}

}  // namespace

void register_referral_routes(http::Server& server, ReferralsContext& ctx) {
  const std::string base = kReferrals;
  server.route(http::Method::post, base, [&ctx](http::Request& req) {
    auto allowed = require(req, &ReferralAccess::create);
    if (allowed.denied) return std::move(*allowed.denied);
    return http::idempotent(*ctx.idempotency, req, core::to_rfc3339(ctx.clock.now()),
                            [&](http::IdempotentWrite& keyed) { return create(ctx, req, keyed); });
  });
  server.route(http::Method::get, base, [&ctx](http::Request& req) {
    auto allowed = require(req, &ReferralAccess::read);
    if (allowed.denied) return std::move(*allowed.denied);
    return list(ctx, req, allowed.access);
  });
  server.route(http::Method::get, base + "/:id", [&ctx](http::Request& req) {
    auto allowed = require(req, &ReferralAccess::read);
    if (allowed.denied) return std::move(*allowed.denied);
    return get_one(ctx, req, allowed.access);
  });
  server.route(http::Method::post, base + "/:id/steps", [&ctx](http::Request& req) {
    auto allowed = require(req, &ReferralAccess::record_steps);
    if (allowed.denied) return std::move(*allowed.denied);
    return http::idempotent(
        *ctx.idempotency, req, core::to_rfc3339(ctx.clock.now()),
        [&](http::IdempotentWrite& keyed) { return add_step(ctx, req, allowed.access, keyed); });
  });
  server.route(http::Method::get, base + "/:id/document.pdf", [&ctx](http::Request& req) {
    auto allowed = require(req, &ReferralAccess::read);
    if (allowed.denied) return std::move(*allowed.denied);
    return document(ctx, req, allowed.access);
  });
}

}  // namespace portal::referrals
