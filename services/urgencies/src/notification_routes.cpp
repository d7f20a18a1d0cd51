// URG-1 create (parse → affiliate and provider from their services → URG-2 rules → insert through group
// commit → 201), URG-3 list and detail. Nothing is stored unless every check passed.
#include <future>

#include "annex2_pdf.hpp"
#include "emergency_report.hpp"
#include "portal/audit/audit_trail.hpp"
#include "portal/core/regulation.hpp"
#include "portal/directory/affiliate_directory.hpp"
#include "portal/directory/provider_directory.hpp"
#include "portal/http/idempotency.hpp"
#include "portal/http/json_body.hpp"
#include "portal/http/pagination.hpp"
#include "portal/http/path_params.hpp"
#include "portal/service/read_work.hpp"
#include "routes.hpp"
#include "urgencies_http.hpp"
#include "urgency_json.hpp"
#include "urgency_metrics.hpp"
#include "urgency_rules.hpp"
#include "urgency_store.hpp"

namespace portal::urgencies {
namespace {

using directory::LookupStatus;
using directory::ProviderInfo;

void count(UrgenciesContext& ctx, CreateOutcome outcome) {
  if (ctx.metrics) ctx.metrics->create(outcome);
}

core::FieldError field_error(std::string field, std::string code, core::Text message) {
  return core::FieldError{std::move(field), std::move(code), std::move(message)};
}

// The provider and branch a notification is filed for (URG-1): a provider-bound caller's own NIT (its
// token's branch unless the body names one of its branches); agents and EPS integrators name both.
struct ProviderChoice {
  std::optional<std::string> nit;
  std::optional<std::string> habilitation_code;
};

ProviderChoice choose_provider(const UrgencyAccess& access, const security::Principal& p,
                               const NotificationDraft& d, core::FieldErrors& errors) {
  ProviderChoice c;
  c.nit = access.own_provider ? access.own_provider : d.provider_nit;
  c.habilitation_code =
      d.habilitation_code ? d.habilitation_code : (access.own_provider ? p.branch : std::nullopt);
  if (!c.nit)
    errors.push_back(
        field_error("provider_nit", "required",
                    {"Es obligatorio: indique el NIT del prestador.", "Required: name the provider's NIT."}));
  if (!c.habilitation_code)
    errors.push_back(field_error("habilitation_code", "required",
                                 {"Es obligatorio: indique el código de habilitación de la sede.",
                                  "Required: name the branch's habilitation code."}));
  return c;
}

bool has_error_under(const core::FieldErrors& errors, std::string_view prefix) {
  return std::any_of(errors.begin(), errors.end(), [&](const core::FieldError& e) {
    return e.field == prefix || std::string_view{e.field}.starts_with(std::string{prefix} + ".");
  });
}

http::Response created_response(const http::Request& req, const Notification& n) {
  auto res = http::Response::json(201, notification_json(n, req.lang)).with_language(req.lang);
  res.with_header("Location", std::string{kBase} + "/" + std::to_string(n.id));
  return res;
}

http::Response create(UrgenciesContext& ctx, http::Request& req, const UrgencyAccess& access,
                      http::IdempotentWrite& keyed) {
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  const auto now = ctx.clock.now();  // the notification instant (URG-1: assigned by the system)
  core::FieldErrors parse_errors;
  // Issue 11: old clients' Res. 3047 bodies are accepted (and mapped) until the configured last day.
  const ParseOptions options{accepts_res3047_body(now, ctx.res3047_bodies_until)};
  auto draft = parse_notification(std::get<rapidjson::Document>(body), *ctx.catalogs, parse_errors, options);
  const auto choice = choose_provider(access, *req.principal, draft, parse_errors);

  // The affiliate and the provider from their services, with the caller's token. Either one down →
  // 503 and nothing stored (issue 4 item 3).
  std::optional<AffiliateFacts> affiliate;
  const bool affiliate_readable = !has_error_under(parse_errors, "affiliate");
  if (affiliate_readable) {
    const auto found = ctx.affiliates->find(draft.affiliate, req.bearer_token, req.request_id);
    if (found.status == LookupStatus::unavailable) {
      count(ctx, CreateOutcome::upstream_unavailable);
      return http::problem(req, http::service_unavailable("affiliates"));
    }
    affiliate = found.facts;
  }
  std::optional<ProviderInfo> provider;
  core::FieldErrors provider_errors;
  if (choice.nit && !has_error_under(parse_errors, "provider_nit")) {
    const auto found = ctx.providers->find(*choice.nit, req.bearer_token, req.request_id);
    if (found.status == LookupStatus::unavailable) {
      count(ctx, CreateOutcome::upstream_unavailable);
      return http::problem(req, http::service_unavailable("auth"));
    }
    if (!found.provider) {
      provider_errors.push_back(field_error(
          "provider_nit", "unknown_provider",
          {"El NIT no corresponde a un prestador registrado.", "The NIT is not a registered provider."}));
    } else if (choice.habilitation_code && !found.provider->branch(*choice.habilitation_code) &&
               !has_error_under(parse_errors, "habilitation_code")) {
      provider_errors.push_back(
          field_error("habilitation_code", "unknown_branch",
                      {"El código de habilitación no es de una sede del prestador.",
                       "The habilitation code is not one of the provider's branches."}));
    }
    provider = found.provider;
  }

  // The rules skip what failed parsing (an unreadable document was not looked up), so every error of
  // the request comes back at once (SPEC §2).
  auto result = validate_notification(draft, affiliate ? &*affiliate : nullptr, now, *ctx.catalogs,
                                      ctx.attention_phone, std::move(parse_errors));
  result.errors.insert(result.errors.end(), provider_errors.begin(), provider_errors.end());
  if (!result.ok() || !affiliate || !provider) {
    count(ctx, CreateOutcome::invalid);
    return http::problem(req, http::validation_failed(std::move(result.errors)));
  }

  Notification n;
  n.provider_nit = *choice.nit;
  n.habilitation_code = *choice.habilitation_code;
  n.provider_name = provider->legal_name;
  n.draft = std::move(draft);
  n.draft.diagnoses = std::move(result.diagnoses);
  n.draft.provider_nit = n.provider_nit;
  n.draft.habilitation_code = n.habilitation_code;
  n.affiliate = std::move(*affiliate);
  n.notified_at = now;
  n.notified_day = notification_day(now);
  n.created_by = req.principal->subject;
  n.warnings = std::move(result.warnings);
  for (auto& w : mapping_warnings(n.draft)) n.warnings.push_back(std::move(w));
  std::optional<http::Committed<std::optional<long long>>> done;
  try {
    // Group commit on SQLite: returns once the transaction holding this insert (and the Idempotency-Key's
    // record, issue 8) is on disk; PostgreSQL commits it on its own connection.
    done = keyed.commit<long long>(
        *ctx.db, ctx.writer,
        [&](db::Connection& c) {
          const long long id = urgency_store::insert(c, n);
          // SPEC §1: the record commits with the notification (issue 20 part 3). No patient data.
          audit::record(c, audit::entry_for(req, now, "urgency_created", "urgency", std::to_string(id),
                                            "{\"provider_nit\":\"" + core::json_escape(n.provider_nit) +
                                                "\",\"attention_number\":\"" +
                                                core::json_escape(n.draft.attention_number) + "\"}"));
          return id;
        },
        [&](const long long& id) {
          n.id = id;
          return created_response(req, n);
        });
  } catch (const DuplicateAttentionNumber&) {
    count(ctx, CreateOutcome::duplicate);
    return http::problem(req, duplicate_attention_number(n.draft.attention_number, n.notified_day));
  }
  if (!done->value) return std::move(done->response);  // the key's earlier answer (another request ran it)
  count(ctx, CreateOutcome::created);
  if (ctx.metrics) ctx.metrics->group_commit(ctx.writer->transactions(), ctx.writer->jobs());
  ctx.logger.info(
      "notification_created",
      {{"id", n.id}, {"provider_nit", n.provider_nit}, {"by", n.created_by}, {"request_id", req.request_id}});
  return std::move(done->response);
}

http::Response list(UrgenciesContext& ctx, http::Request& req, const UrgencyAccess& access) {
  core::FieldErrors errors;
  auto filter = parse_filter(req.query, *ctx.catalogs, errors);
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  if (access.own_provider) filter.provider_nit = access.own_provider;  // SPEC §1: own provider only
  const auto range = bogota_range(filter, ctx.clock.now());
  auto [items, total] = ctx.db->read([&](db::Connection& db) {
    return std::pair{urgency_store::list(db, filter, range), urgency_store::count(db, filter, range)};
  });
  // The server adds the weak ETag and answers If-None-Match with 304 (SPEC §2 cheap polling).
  return http::list_response(req, http::PageRequest{filter.page, filter.per_page}, total,
                             [&](json::Writer& w) {
                               for (const auto& n : items) write_notification(w, n, req.lang);
                             })
      .with_language(req.lang);
}

// 406 for the matrix export of a record dated before Res. 2335 was in force: it was never a 2335 report.
http::Problem not_under_res2335(const Notification& n) {
  return http::make_problem(
      406, "not_under_res2335",
      {"Registro anterior a la Res. 2335 de 2023", "Record predates Res. 2335 de 2023"},
      {"La notificación del " + n.notified_day +
           " se rige por la Res. 3047 de 2008 (anterior al 1 de abril de 2026): pida application/json o su "
           "Anexo 2 en report.pdf.",
       "The notification of " + n.notified_day +
           " is under Res. 3047 de 2008 (before 1 April 2026): ask for application/json or its Anexo 2 at "
           "report.pdf."});
}

http::Response get_one(UrgenciesContext& ctx, http::Request& req, const UrgencyAccess& access) {
  auto visible = visible_notification(ctx, req, access);
  if (auto* answer = std::get_if<http::Response>(&visible)) return std::move(*answer);
  const Notification& found = std::get<Notification>(visible);
  if (wants_res2335_matrix(req.header("Accept"))) {
    // Issue 11 item 5: the numbered matrix fields of procedure 2, for the EPS's own systems.
    if (core::format_in_force(found.notified_at) != core::RecordFormat::res2335)
      return http::problem(req, not_under_res2335(found));
    Annex2Context doc;  // fields 6-8: the stored provider codes and the configured payer
    doc.payer_name = ctx.payer.name;
    doc.payer_code = ctx.payer.code;
    auto res = http::Response::json(
        200, documents::res2335::matrix_json(emergency_care_record(found, doc, *ctx.catalogs)));
    res.content_type = std::string{kRes2335MatrixMediaType};
    res.with_header("Vary", "Accept");
    return res;
  }
  // Localized warnings: Content-Language, and the server adds Accept-Language to Vary (issue 10).
  auto res = http::Response::json(200, notification_json(found, req.lang)).with_language(req.lang);
  res.with_header("Vary", "Accept");
  return res;
}

}  // namespace

std::variant<Notification, http::Response> visible_notification(UrgenciesContext& ctx,
                                                                const http::Request& req,
                                                                const UrgencyAccess& access) {
  const auto id = http::positive_id_param(req);
  if (const auto* bad = std::get_if<http::Response>(&id)) return *bad;
  auto found = ctx.db->read(
      [&](db::Connection& db) { return urgency_store::find_by_id(db, std::get<long long>(id)); });
  if (!found || (access.own_provider && found->provider_nit != *access.own_provider))
    return http::problem(req, notification_not_found());
  return std::move(*found);
}

void register_notification_routes(http::Server& server, UrgenciesContext& ctx) {
  const std::string base = kBase;
  server.route(http::Method::post, base, [&ctx](http::Request& req) {
    auto allowed = require_create(req);
    if (allowed.denied) return std::move(*allowed.denied);
    // SPEC §2 Idempotency-Key: a retry replays the first 201; the same key with another body is 409.
    return http::idempotent(
        *ctx.idempotency, req, core::to_rfc3339(ctx.clock.now()),
        [&](http::IdempotentWrite& keyed) { return create(ctx, req, allowed.access, keyed); });
  });
  server.route(http::Method::get, base, [&ctx](http::Request& req) {
    auto allowed = require_read(req);
    if (allowed.denied) return std::move(*allowed.denied);
    return list(ctx, req, allowed.access);
  });
  // Issue 14: one read by primary key, so on SQLite the detail is answered on the I/O thread.
  server.route(
      http::Method::get, base + "/:id",
      [&ctx](http::Request& req) {
        auto allowed = require_read(req);
        if (allowed.denied) return std::move(*allowed.denied);
        return get_one(ctx, req, allowed.access);
      },
      http::Access::authenticated, service::keyed_read(ctx.db));
}

}  // namespace portal::urgencies
