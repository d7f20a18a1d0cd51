// Issue 13: AUT-4 decisions (If-Match, the AUT-3 table, audited), AUT-8 Anexo 4 (authorization.pdf,
// denial.pdf), AUT-9 usage and indicators, and the CMS-0057-F decision metrics. HTTP <-> domain only: the
// rules are decision.hpp, pos_denial.hpp, shared_payment.hpp and indicators.hpp; the SQL decision_store.hpp.
#include <cmath>

#include "announcements.hpp"
#include "authorization_document.hpp"
#include "authorization_metrics.hpp"
#include "authorization_store.hpp"
#include "authorizations_http.hpp"
#include "decision.hpp"
#include "decision_store.hpp"
#include "indicators.hpp"
#include "portal/audit/audit_trail.hpp"
#include "portal/directory/provider_directory.hpp"
#include "portal/http/etag.hpp"
#include "portal/http/json_body.hpp"
#include "portal/http/path_params.hpp"
#include "portal/json/json.hpp"
#include "request_json.hpp"
#include "request_states.hpp"
#include "routes.hpp"

namespace portal::authorizations {
namespace {

std::string decision_reason(const Decision& d) {
  std::string why;
  switch (d.kind) {
    case DecisionKind::deny:
    case DecisionKind::partial:
      why = d.justification.value_or("");
      break;
    case DecisionKind::annul:
      why = d.reason.value_or("");
      break;
    case DecisionKind::refer:
      why = d.provider ? "refer: " + d.provider->nit + "/" + d.provider->habilitation_code : "refer";
      break;
    case DecisionKind::approve:
      why = "approve";
      break;
  }
  if (d.observations) why += (why.empty() ? "" : " — ") + *d.observations;
  return why;
}

// AUT-4 refer: the provider must exist in the registry with that branch (422 otherwise; 503 when the
// registry cannot answer).
std::optional<http::Response> check_referral(AuthorizationsContext& ctx, const http::Request& req,
                                             const Decision& d, ReferredTo& out) {
  const auto found = ctx.providers->find(d.provider->nit, req.bearer_token, req.request_id);
  if (found.status == directory::LookupStatus::unavailable)
    return http::problem(req, http::service_unavailable("auth"));
  core::FieldErrors errors;
  if (!found.provider) {
    errors.push_back({"provider.nit",
                      "not_found",
                      {"No hay un prestador con NIT " + d.provider->nit + " en el registro",
                       "There is no provider with NIT " + d.provider->nit + " in the registry"}});
  } else if (!found.provider->branch(d.provider->habilitation_code)) {
    errors.push_back({"provider.habilitation_code",
                      "not_found",
                      {"El prestador no tiene la sede " + d.provider->habilitation_code,
                       "The provider has no branch " + d.provider->habilitation_code}});
  }
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  out = ReferredTo{found.provider->nit, d.provider->habilitation_code, found.provider->legal_name};
  return std::nullopt;
}

http::Response decide(AuthorizationsContext& ctx, http::Request& req) {
  const auto id = http::positive_id_param(req);
  if (auto* bad = std::get_if<http::Response>(&id)) return std::move(*bad);
  const auto if_match = req.header("If-Match");
  if (!if_match) return http::problem(req, precondition_required());
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  core::FieldErrors errors;
  const auto decision = parse_decision(std::get<rapidjson::Document>(body), errors);
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));

  auto found = ctx.db->read(
      [&](db::Connection& c) { return authorization_store::find_by_id(c, std::get<long long>(id)); });
  if (!found) return http::problem(req, request_not_found());
  if (!http::etag_list_matches(*if_match, request_etag(*found)))
    return http::problem(req, precondition_failed());
  const auto from = found->status;
  const auto to = status_after(decision.kind);
  if (!can_transition(from, to)) return http::problem(req, decision_not_allowed(from, to));

  const auto now = ctx.clock.now();
  const auto plan = plan_decision(*found, decision, *ctx.catalogs, core::bogota_date(now), errors);
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  AuthorizationRequest decided = *found;
  if (decision.kind == DecisionKind::refer) {
    ReferredTo referred;
    if (auto refused = check_referral(ctx, req, decision, referred)) return std::move(*refused);
    decided.referred_to = referred;
  }
  decided.status = to;
  decided.decided_at = now;
  if (decision.kind == DecisionKind::annul) {
    decided.annulment_cause = decision.reason;
  } else {
    if (plan.has_authorization())
      decided.authorization_number = authorization_number(found->request_year, found->id);
    if (plan.has_denial()) decided.denial_number = denial_number(found->request_year, found->id);
    decided.line_outcome.clear();
    decided.line_justification = plan.justifications;
    for (const auto& o : plan.outcomes) decided.line_outcome.emplace_back(o ? to_string(*o) : "");
  }
  std::vector<bool> authorized;
  for (const auto& o : plan.outcomes) authorized.push_back(o == LineOutcome::approved);

  // AUT-6: the provider's notification address (its registry e-mail), asked before the transaction.
  std::optional<std::string> provider_email;
  if (ctx.providers) {
    const auto registry = ctx.providers->find(found->provider_nit, req.bearer_token, req.request_id);
    if (registry.provider && !registry.provider->email.empty())
      provider_email = registry.provider->email;
    else
      ctx.logger.warn("decision_notice_without_address",
                      {{"provider_nit", found->provider_nit}, {"id", found->id}});
  }

  const bool applied = ctx.db->write([&](db::Connection& c) {
    if (!authorization_store::apply_decision(c, decided, found->version, plan)) return false;
    if (decision.kind == DecisionKind::annul) {
      authorization_store::annul_authorization(c, found->id, now);
    } else {
      if (plan.has_denial()) {
        authorization_store::insert_denial(
            c, DenialRecord{*decided.denial_number, found->id, now, decision.treating_doctor->name,
                            decision.treating_doctor->document_number, decision.justification.value_or(""),
                            decision.alternatives});
      }
      if (plan.has_authorization()) {
        const auto& nit = decided.referred_to ? decided.referred_to->nit : found->provider_nit;
        const auto& branch =
            decided.referred_to ? decided.referred_to->habilitation_code : found->habilitation_code;
        authorization_store::issue_authorization(
            c, issued_authorization(*found, authorized, nit, branch, now, *ctx.catalogs));
      }
    }
    // The shared audit trail too (issue 20 part 3: one trail across the services, GET /api/v1/audit).
    audit::record(
        c, audit::entry_for(
               req, now, "authorization_request_decided", "authorization_request", std::to_string(found->id),
               "{\"decision\":\"" + std::string(to_string(decision.kind)) + "\",\"from\":\"" +
                   std::string(to_string(from)) + "\",\"to\":\"" + std::string(to_string(to)) + "\"}"));
    authorization_store::insert_audit(
        c, DecisionAudit{found->id, std::string(to_string(decision.kind)), std::string(to_string(from)),
                         std::string(to_string(to)), now, req.principal->subject, req.client_ip,
                         req.request_id, decision_reason(decision), req.body});
    announce_decided(ctx, c, decided, now, provider_email);  // issue 15 / AUT-6: in this same transaction
    return true;
  });
  if (!applied) return http::problem(req, precondition_failed());  // another auditor won meanwhile
  wake_senders(ctx);
  if (ctx.metrics) {
    ctx.metrics->decision(to, false, std::chrono::duration<double>(now - found->created_at).count());
  }
  ctx.logger.info("authorization_request_decided", {{"id", found->id},
                                                    {"decision", std::string(to_string(decision.kind))},
                                                    {"from", std::string(to_string(from))},
                                                    {"to", std::string(to_string(to))},
                                                    {"by", req.principal->subject},
                                                    {"request_id", req.request_id}});
  auto stored =
      ctx.db->read([&](db::Connection& c) { return authorization_store::find_by_id(c, found->id); });
  auto res = http::Response::json(200, request_json(*stored, now, req.lang)).with_language(req.lang);
  res.with_header("ETag", request_etag(*stored));
  return res;
}

SharedPayment payment_of(AuthorizationsContext& ctx, const AuthorizationRequest& r) {
  bool copay = false;
  for (std::size_t i = 0; i < r.draft.lines.size(); ++i) {
    const auto& l = r.draft.lines[i];
    if (i >= r.line_outcome.size() || r.line_outcome[i] != "approved" || l.type != LineType::procedure)
      continue;
    if (const auto p = ctx.catalogs->procedure(l.code, l.classification)) copay = copay || p->copay;
  }
  return shared_payment(r.affiliate.regime, r.draft.patient_location == "outpatient", copay,
                        ctx.shared_payment);
}

http::Response pdf_response(RequestDocument document) {
  http::Response res;
  res.status = 200;
  res.content_type = "application/pdf";
  res.body = std::move(document.bytes);
  res.with_header("Content-Disposition", "attachment; filename=\"" + document.file_name + "\"");
  return res;
}

// AUT-8: the authorization for approved and partially approved requests; the denial for denied and partially
// approved ones; 409 with the status otherwise.
http::Response document(AuthorizationsContext& ctx, http::Request& req, const AuthorizationAccess& access,
                        bool denial) {
  const auto id = http::positive_id_param(req);
  if (auto* bad = std::get_if<http::Response>(&id)) return std::move(*bad);
  auto found = find_visible(ctx, std::get<long long>(id), access);
  if (!found) return http::problem(req, request_not_found());
  const auto s = found->status;
  const bool allowed = denial ? (s == RequestStatus::denied || s == RequestStatus::partially_approved)
                              : (s == RequestStatus::approved || s == RequestStatus::partially_approved);
  const std::string name = denial ? "denial.pdf" : "authorization.pdf";
  if (!allowed) return http::problem(req, document_not_available(name, s));
  if (denial) {
    const auto d =
        ctx.db->read([&](db::Connection& c) { return authorization_store::find_denial(c, found->id); });
    if (!d) return http::problem(req, document_not_available(name, s));
    return pdf_response(
        render_denial_document(*found, *d, document_context(ctx, req, *found), *ctx.catalogs));
  }
  const auto a =
      ctx.db->read([&](db::Connection& c) { return authorization_store::authorization_of(c, found->id); });
  if (!a) return http::problem(req, document_not_available(name, s));
  if (found->auto_approved) found->line_outcome.assign(found->draft.lines.size(), "approved");
  return pdf_response(render_authorization_document(*found, *a, payment_of(ctx, *found),
                                                    document_context(ctx, req, *found), *ctx.catalogs));
}

void write_authorization(json::Writer& w, const AuthorizationRecord& a) {
  w.StartObject();
  json::write_key(w, "number");
  json::write_string(w, a.number);
  json::write_key(w, "request_id");
  w.Int64(a.request_id);
  json::write_key(w, "provider_nit");
  json::write_string(w, a.provider_nit);
  json::write_key(w, "habilitation_code");
  json::write_string(w, a.habilitation_code);
  json::write_key(w, "issued_at");
  json::write_string(w, core::to_rfc3339(a.issued_at));
  json::write_key(w, "scope");
  json::write_string(w, a.scope);
  json::write_key(w, "service_group");
  json::write_string(w, a.service_group);
  json::write_key(w, "used_on");
  json::write_optional(w, a.used_on);
  json::write_key(w, "annulled");
  w.Bool(a.annulled_at.has_value());
  w.EndObject();
}

// AUT-9: the provider the authorization is directed to records its use once, with the day of delivery.
http::Response record_usage(AuthorizationsContext& ctx, http::Request& req,
                            const AuthorizationAccess& access) {
  const auto number = req.param("number").value_or("");
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  core::FieldErrors errors;
  json::ObjectReader reader(std::get<rapidjson::Document>(body), errors);
  const auto text = reader.required_string("used_on", 10);
  const auto day = text ? core::parse_date(*text) : std::nullopt;
  if (text && !day)
    reader.add_error("used_on", "invalid_format",
                     {"Debe ser una fecha AAAA-MM-DD", "Must be a YYYY-MM-DD date"});
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  auto found =
      ctx.db->read([&](db::Connection& c) { return authorization_store::find_authorization(c, number); });
  if (!found || !access.own_provider || found->provider_nit != *access.own_provider)
    return http::problem(req, authorization_not_found());
  if (found->annulled_at)
    return http::problem(req,
                         authorization_not_usable({"La autorización " + found->number + " fue anulada.",
                                                   "Authorization " + found->number + " was annulled."}));
  const auto already = core::Text{"La autorización " + found->number + " ya fue usada.",
                                  "Authorization " + found->number + " was already used."};
  if (found->used_on) return http::problem(req, authorization_not_usable(already));
  const auto now = ctx.clock.now();
  const auto used_on = core::format_date(*day);
  const auto days = days_between(found->issued_date, used_on).value_or(-1);
  if (days < 0) {
    errors.push_back({"used_on",
                      "before_issue",
                      {"No puede ser anterior a la fecha de la autorización (" + found->issued_date + ")",
                       "Cannot be before the authorization's date (" + found->issued_date + ")"}});
  } else if (used_on > core::bogota_date_string(now)) {
    errors.push_back({"used_on", "in_future", {"No puede ser una fecha futura", "Cannot be a future date"}});
  }
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  const bool recorded = ctx.db->write([&](db::Connection& c) {
    if (!authorization_store::record_usage(c, *found, used_on, days, now, req.principal->subject))
      return false;
    audit::record(c, audit::entry_for(req, now, "authorization_used", "authorization", found->number,
                                      "{\"used_on\":\"" + used_on + "\"}"));
    return true;
  });
  if (!recorded) return http::problem(req, authorization_not_usable(already));
  found->used_on = used_on;
  ctx.logger.info(
      "authorization_used",
      {{"number", found->number}, {"by", req.principal->subject}, {"request_id", req.request_id}});
  return http::json_response(200, [&](json::Writer& w) { write_authorization(w, *found); });
}

void write_filter(json::Writer& w, const IndicatorFilter& f) {
  json::write_key(w, "year");
  w.Int(f.year);
  const auto list = [&](const char* key, const std::vector<std::string>& values) {
    json::write_key(w, key);
    w.StartArray();
    for (const auto& v : values) json::write_string(w, v);
    w.EndArray();
  };
  list("scope", f.scopes);
  list("service_group", f.service_groups);
  json::write_key(w, "branch");
  json::write_optional(w, f.branch);
}

void write_number_or_null(json::Writer& w, const char* key, const std::optional<double>& v) {
  json::write_key(w, key);
  if (v) {
    w.Double(*v);
  } else {
    w.Null();
  }
}

http::Response indicator(AuthorizationsContext& ctx, http::Request& req, const AuthorizationAccess& access,
                         bool delivery) {
  (void)access;  // access.indicators: a provider user, whose provider is the token's
  if (!req.principal->provider_nit) return http::problem(req, http::forbidden());
  core::FieldErrors errors;
  auto filter = parse_indicator_filter(req.query, *ctx.catalogs, ctx.clock.now(), errors);
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  filter.provider_nit = *req.principal->provider_nit;
  const auto rows = ctx.db->read([&](db::Connection& c) {
    return delivery ? authorization_store::effective_delivery(c, filter)
                    : authorization_store::timeliness(c, filter);
  });
  return http::json_response(200, [&](json::Writer& w) {
    w.StartObject();
    write_filter(w, filter);
    json::write_key(w, "months");
    w.StartArray();
    if (delivery) {
      for (const auto& m : delivery_months(rows, filter.last_month)) {
        w.StartObject();
        json::write_key(w, "month");
        w.Int(m.month);
        json::write_key(w, "directed");
        w.Int64(m.directed);
        json::write_key(w, "used");
        w.Int64(m.used);
        write_number_or_null(w, "effective_delivery_percent", m.percent);
        w.EndObject();
      }
    } else {
      for (const auto& m : timeliness_months(rows, filter.last_month, *ctx.catalogs)) {
        w.StartObject();
        json::write_key(w, "month");
        w.Int(m.month);
        json::write_key(w, "used");
        w.Int64(m.all.used);
        write_number_or_null(w, "average_days", m.all.average_days);
        json::write_key(w, "by_service_type");
        w.StartArray();
        for (const auto& cell : m.by_service_type) {
          w.StartObject();
          json::write_key(w, "service_group");
          json::write_string(w, cell.service_group);
          json::write_key(w, "used");
          w.Int64(cell.used);
          write_number_or_null(w, "average_days", cell.average_days);
          w.EndObject();
        }
        w.EndArray();
        w.EndObject();
      }
    }
    w.EndArray();
    w.EndObject();
  });
}

std::optional<double> share(long long part, long long whole) {
  if (whole == 0) return std::nullopt;
  return std::round(1000.0 * static_cast<double>(part) / static_cast<double>(whole)) / 10.0;
}

void write_counts(json::Writer& w, const StatusCounts& c) {
  const long long decided = c.requests - c.pending;
  const auto n = [&](const char* key, long long v) {
    json::write_key(w, key);
    w.Int64(v);
  };
  n("requests", c.requests);
  n("pending", c.pending);
  n("decided", decided);
  n("approved", c.approved);
  n("auto_approved", c.auto_approved);
  n("denied", c.denied);
  n("partially_approved", c.partially_approved);
  n("referred", c.referred);
  n("annulled", c.annulled);
  write_number_or_null(w, "approved_percent", share(c.approved, decided));
  write_number_or_null(w, "auto_approved_percent", share(c.auto_approved, decided));
  write_number_or_null(w, "denied_percent", share(c.denied, decided));
  write_number_or_null(w, "partially_approved_percent", share(c.partially_approved, decided));
}

// CMS-0057-F in the manner of its public metrics: counts and percentages per outcome, and the average and
// median hours from request to decision by priority and service type, per Bogotá month of the request.
http::Response decision_metrics(AuthorizationsContext& ctx, http::Request& req) {
  core::FieldErrors errors;
  http::QueryReader q(req.query, errors);
  const auto now = ctx.clock.now();
  const int year = q.integer("year", 2000, core::bogota_year(now)).value_or(core::bogota_year(now));
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  std::vector<core::Instant> starts;
  for (int m = 1; m <= 13; ++m) {
    const int y = m == 13 ? year + 1 : year;
    starts.push_back(core::bogota_day_start(std::chrono::year_month_day{
        std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m == 13 ? 1 : m)},
        std::chrono::day{1}}));
  }
  auto [counts, times] = ctx.db->read([&](db::Connection& c) {
    return std::pair{authorization_store::status_counts(c, starts),
                     authorization_store::decision_times(c, starts)};
  });
  StatusCounts total;
  for (const auto& c : counts) {
    total.requests += c.requests;
    total.pending += c.pending;
    total.approved += c.approved;
    total.auto_approved += c.auto_approved;
    total.denied += c.denied;
    total.partially_approved += c.partially_approved;
    total.referred += c.referred;
    total.annulled += c.annulled;
  }
  const auto hours = [](double ms) { return std::round(ms / 3600000.0 * 100.0) / 100.0; };
  return http::json_response(200, [&](json::Writer& w) {
    w.StartObject();
    json::write_key(w, "year");
    w.Int(year);
    json::write_key(w, "totals");
    w.StartObject();
    write_counts(w, total);
    w.EndObject();
    json::write_key(w, "months");
    w.StartArray();
    for (const auto& c : counts) {
      w.StartObject();
      json::write_key(w, "month");
      w.Int(c.month);
      write_counts(w, c);
      w.EndObject();
    }
    w.EndArray();
    json::write_key(w, "decision_times");
    w.StartArray();
    for (const auto& t : times) {
      w.StartObject();
      json::write_key(w, "month");
      w.Int(t.month);
      json::write_key(w, "priority");
      json::write_optional(w, t.priority.empty() ? std::nullopt : std::optional<std::string>{t.priority});
      json::write_key(w, "service_type");
      json::write_string(w, t.service_type);
      json::write_key(w, "decisions");
      w.Int64(t.decisions);
      json::write_key(w, "average_hours");
      w.Double(hours(t.average_ms));
      json::write_key(w, "median_hours");
      w.Double(hours(t.median_ms));
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  });
}

}  // namespace

void register_decision_routes(http::Server& server, AuthorizationsContext& ctx) {
  const std::string base = kRequests;
  server.route(http::Method::post, base + "/:id/decision", [&ctx](http::Request& req) {
    auto allowed = require(req, &AuthorizationAccess::decide);
    if (allowed.denied) return std::move(*allowed.denied);
    return decide(ctx, req);
  });
  server.route(http::Method::get, base + "/:id/authorization.pdf", [&ctx](http::Request& req) {
    auto allowed = require(req, &AuthorizationAccess::read);
    if (allowed.denied) return std::move(*allowed.denied);
    return document(ctx, req, allowed.access, false);
  });
  server.route(http::Method::get, base + "/:id/denial.pdf", [&ctx](http::Request& req) {
    auto allowed = require(req, &AuthorizationAccess::read);
    if (allowed.denied) return std::move(*allowed.denied);
    return document(ctx, req, allowed.access, true);
  });
  server.route(http::Method::post, std::string{kAuthorizations} + "/:number/usage",
               [&ctx](http::Request& req) {
                 auto allowed = require(req, &AuthorizationAccess::record_usage);
                 if (allowed.denied) return std::move(*allowed.denied);
                 return record_usage(ctx, req, allowed.access);
               });
  server.route(http::Method::get, std::string{kIndicators} + "/effective-delivery",
               [&ctx](http::Request& req) {
                 auto allowed = require(req, &AuthorizationAccess::indicators);
                 if (allowed.denied) return std::move(*allowed.denied);
                 return indicator(ctx, req, allowed.access, true);
               });
  server.route(http::Method::get, std::string{kIndicators} + "/timeliness", [&ctx](http::Request& req) {
    auto allowed = require(req, &AuthorizationAccess::indicators);
    if (allowed.denied) return std::move(*allowed.denied);
    return indicator(ctx, req, allowed.access, false);
  });
  server.route(http::Method::get, kAuthorizationMetrics, [&ctx](http::Request& req) {
    auto allowed = require(req, &AuthorizationAccess::decision_metrics);
    if (allowed.denied) return std::move(*allowed.denied);
    return decision_metrics(ctx, req);
  });
}

}  // namespace portal::authorizations
