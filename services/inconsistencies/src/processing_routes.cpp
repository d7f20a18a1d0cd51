// INC-3: the EPS processes a report. A step that changes the registry calls the affiliates service with the
// service's own token (registry_client.hpp) before the step is committed; the provider is notified by
// e-mail and an event written in the step's transaction.
#include <algorithm>

#include "inconsistencies_http.hpp"
#include "inconsistency_metrics.hpp"
#include "portal/audit/audit_trail.hpp"
#include "portal/directory/provider_directory.hpp"
#include "portal/events/relay.hpp"
#include "portal/http/etag.hpp"
#include "portal/http/json_body.hpp"
#include "portal/mail/mime.hpp"
#include "portal/mail/outbox.hpp"
#include "registry_client.hpp"
#include "report_json.hpp"
#include "report_notices.hpp"
#include "report_rules.hpp"
#include "report_store.hpp"
#include "routes.hpp"

namespace portal::inconsistencies {
namespace {

http::Problem precondition_failed() {
  return http::make_problem(
      412, "precondition_failed", {"El recurso cambió", "The resource has changed"},
      {"El informe cambió después de consultarlo (If-Match no coincide). Consúltelo de nuevo.",
       "The report changed after you read it (If-Match does not match). Read it again."});
}

http::Problem registry_refused(const std::string& detail) {
  // What the registry said, kept short: the auditor corrects the report's data or annuls it.
  return http::make_problem(
      422, "validation_failed",
      {"El registro de afiliados rechazó el cambio", "The affiliates registry refused the change"},
      {"La base de datos de afiliados rechazó los datos del informe: " + detail.substr(0, 500),
       "The affiliates registry refused the report's data: " + detail.substr(0, 500)});
}

std::string action_name(RegistryAction a) {
  switch (a) {
    case RegistryAction::create_affiliate:
      return "affiliate_created";
    case RegistryAction::correct_affiliate:
      return "affiliate_corrected";
    case RegistryAction::none:
      return "none";
  }
  return "none";
}

http::Response process(InconsistenciesContext& ctx, http::Request& req) {
  auto [denied, access] = require(req, &InconsistencyAccess::process);
  if (denied) return std::move(*denied);
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  auto v = visible_report(ctx, req, access);
  if (v.refused) return std::move(*v.refused);
  Report& report = v.report;

  core::FieldErrors errors;
  json::ObjectReader in(std::get<rapidjson::Document>(body), errors);
  ProcessingRequest request;
  const auto status_text = in.required_enum("status", status_names());
  if (status_text) request.status = *report_status_from_string(*status_text);
  request.note = in.optional_string("note", 2000).value_or("");
  if (const auto corrected = in.optional_string_array("corrected_variables", 3, 40)) {
    for (std::size_t i = 0; i < corrected->size(); ++i) {
      if (auto var = variable_from_string((*corrected)[i])) {
        request.corrected.push_back(*var);
      } else {
        in.add_error("corrected_variables[" + std::to_string(i) + "]", "invalid_value",
                     {"Variable desconocida.", "Unknown variable."});
      }
    }
  }
  if (const auto* affiliate = in.optional_object("affiliate")) {
    json::ObjectReader a(*affiliate, errors, "affiliate.");
    request.sex = a.optional_string("sex", 1).value_or("");
    request.regime = a.optional_string("regime", 20).value_or("");
  }
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  if (request.status == ReportStatus::pending || !move_allowed(report.type, report.status, request.status))
    return http::problem(req, status_not_allowed(report.type, report.status, request.status));
  errors = validate_processing(report, request);
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  if (const auto if_match = req.header("If-Match")) {
    const auto current = http::weak_etag(report_body(report, Labels{ctx.insurer, core::Lang::es}));
    const auto current_en = http::weak_etag(report_body(report, Labels{ctx.insurer, core::Lang::en}));
    if (!http::etag_list_matches(*if_match, current) && !http::etag_list_matches(*if_match, current_en))
      return http::problem(req, precondition_failed());
  }

  // The registry first (no transaction open while another service is called).
  const auto plan = plan_processing(report, request);
  ProcessingStep step;
  step.from = report.status;
  step.to = request.status;
  step.corrected = plan.corrected;
  step.note = request.note;
  step.processed_by = req.principal->subject;
  step.registry_action = action_name(plan.action);
  if (plan.action != RegistryAction::none) {
    const auto result = plan.action == RegistryAction::create_affiliate
                            ? ctx.registry->create(report, request, req.request_id)
                            : ctx.registry->correct(report, plan, req.request_id);
    switch (result.outcome) {
      case RegistryOutcome::done:
        break;
      case RegistryOutcome::unavailable:
        return http::problem(req, http::service_unavailable("affiliates"));
      case RegistryOutcome::conflict:
        return http::problem(
            req,
            http::conflict(
                "affiliate_already_exists",
                {"Ya existe un afiliado con ese documento: tramite el informe como processed_already_exists.",
                 "An affiliate with that document already exists: process the report as "
                 "processed_already_exists."}));
      case RegistryOutcome::refused:
        return http::problem(req, registry_refused(result.detail));
    }
    step.affiliate_id = result.affiliate_id
                            ? result.affiliate_id
                            : (report.registry ? std::optional(report.registry->id) : std::nullopt);
  }
  const auto now = ctx.clock.now();
  step.processed_at = core::to_rfc3339(now);

  // INC-3: the provider's registry e-mail, asked before the transaction.
  std::optional<std::string> provider_email;
  if (ctx.providers) {
    const auto found = ctx.providers->find(report.provider_nit, req.bearer_token, req.request_id);
    if (found.provider && !found.provider->email.empty()) provider_email = found.provider->email;
  }
  Report processed = report;
  processed.status = step.to;
  const bool applied = ctx.db->write([&](db::Connection& c) {
    if (!report_store::apply_step(c, report.id, report.version, step)) return false;
    audit::record(c, audit::entry_for(req, now, "inconsistency_report_processed", "inconsistency_report",
                                      std::to_string(report.id),
                                      "{\"from\":\"" + std::string(to_string(step.from)) + "\",\"to\":\"" +
                                          std::string(to_string(step.to)) + "\",\"registry_action\":\"" +
                                          step.registry_action + "\"}"));
    events::publish(c, processed_event(processed, step, now));
    if (provider_email && mail::valid_recipient(*provider_email))
      mail::Outbox::enqueue(
          c, processed_notice(processed, step, *provider_email, ctx.insurer, ctx.public_url), ctx.clock);
    return true;
  });
  if (!applied) {
    // Another auditor's step came first; the registry change made above is the same data (idempotent for
    // a correction; a second creation would have been refused as a duplicate).
    return http::problem(req, precondition_failed());
  }
  if (ctx.events) ctx.events->wake();
  if (ctx.outbox) ctx.outbox->wake();
  if (ctx.metrics) ctx.metrics->processed(to_string(step.to));
  ctx.logger.info("inconsistency_report_processed", {{"id", report.id},
                                                     {"to", std::string(to_string(step.to))},
                                                     {"registry_action", step.registry_action},
                                                     {"by", req.principal->subject},
                                                     {"request_id", req.request_id}});
  auto stored = ctx.db->read([&](db::Connection& c) { return report_store::find(c, report.id); });
  return http::Response::json(200, report_body(*stored, Labels{ctx.insurer, req.lang}))
      .with_language(req.lang);
}

}  // namespace

void register_processing_routes(http::Server& server, InconsistenciesContext& ctx) {
  server.route(http::Method::post, std::string(kReports) + "/:id/processing",
               [&ctx](http::Request& req) { return process(ctx, req); });
}

}  // namespace portal::inconsistencies
