// FIN-4 (issue 19): portfolio requests. The provider uploads its .xlsx (the template's six columns, one
// sheet, at most 50,000 invoices, three accepted requests per Bogotá day); the file is stored durably and
// the request registered (with its acknowledgement e-mail) in one transaction, answered 202, and run as a
// job by PortfolioRunner; the provider follows its progress and downloads the result. The ERP loads the
// EPS's view of the invoices the result is made from.
#include <filesystem>

#include "finance_access.hpp"
#include "finance_metrics.hpp"
#include "portal/audit/audit_trail.hpp"
#include "portal/core/durable_file.hpp"
#include "portal/directory/provider_directory.hpp"
#include "portal/http/idempotency.hpp"
#include "portal/http/json_body.hpp"
#include "portal/http/multipart.hpp"
#include "portal/http/path_params.hpp"
#include "portal/json/json.hpp"
#include "portal/mail/mime.hpp"
#include "portal/security/password.hpp"
#include "portfolio_file.hpp"
#include "portfolio_invoice_load.hpp"
#include "portfolio_notices.hpp"
#include "portfolio_result.hpp"
#include "portfolio_runner.hpp"
#include "portfolio_store.hpp"
#include "routes.hpp"
#include "sheet_files.hpp"

namespace portal::finance {
namespace {

http::Response xlsx_file(std::string body, const std::string& name) {
  http::Response res;
  res.status = 200;
  res.content_type = kXlsxContentType;
  res.body = std::move(body);
  res.with_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
  return res;
}

std::optional<std::string> iso_time(const std::optional<long long>& ms) {
  if (!ms) return std::nullopt;
  return core::to_rfc3339(core::Instant{std::chrono::milliseconds{*ms}});
}

void write_request(json::Writer& w, const PortfolioRequest& r) {
  w.StartObject();
  json::write_key(w, "id");
  w.Int64(r.id);
  json::write_key(w, "provider_nit");
  json::write_string(w, r.provider_nit);
  json::write_key(w, "status");
  json::write_string(w, r.status);
  json::write_key(w, "file_name");
  json::write_optional(w, r.uploaded_file_name);
  json::write_key(w, "progress");
  w.Int(r.progress());
  json::write_key(w, "row_count");
  w.Int64(r.row_count);
  json::write_key(w, "processed_rows");
  w.Int64(r.processed_rows);
  json::write_key(w, "rows_with_errors");
  w.Int64(r.rows_with_errors);
  json::write_key(w, "created_at");
  json::write_string(w, *iso_time(r.created_at));
  for (const auto& [key, value] :
       {std::pair{"started_at", iso_time(r.started_at)}, std::pair{"finished_at", iso_time(r.finished_at)}}) {
    json::write_key(w, key);
    if (value)
      json::write_string(w, *value);
    else
      w.Null();
  }
  json::write_key(w, "result_url");
  if (r.status == "completed")
    json::write_string(w, std::string(kPortfolioRequests) + "/" + std::to_string(r.id) + "/result.xlsx");
  else
    w.Null();
  json::write_key(w, "error");
  if (r.error)
    json::write_string(w, *r.error);
  else
    w.Null();
  w.EndObject();
}

http::Response request_answer(int status, const PortfolioRequest& r) {
  auto res = http::json_response(status, [&](json::Writer& w) { write_request(w, r); });
  if (status == 202)
    res.with_header("Location", std::string(kPortfolioRequests) + "/" + std::to_string(r.id));
  return res;
}

http::Response template_xlsx(FinanceContext& ctx, http::Request& req) {
  const auto access = portfolio_access(*req.principal);
  if (!access.read) return http::problem(req, http::forbidden());
  Table table;
  table.headers = portfolio_template_headers();
  return xlsx_file(to_xlsx(table, "Facturas", ctx.tmp_dir), "plantilla_estado_cartera.xlsx");
}

http::Response create_request(FinanceContext& ctx, http::Request& req) {
  const auto access = portfolio_access(*req.principal);
  if (!access.request || !access.own_provider) return http::problem(req, http::forbidden());
  const auto check = check_portfolio_file(req.body);
  if (check.error) {
    if (ctx.metrics) ctx.metrics->row_refused("portfolio", check.error->code);
    return http::problem(req, http::validation_failed({*check.error}));
  }
  const auto now = ctx.clock.now();
  // The provider's registered address, asked before the transaction (the acknowledgement and result e-mails).
  std::optional<std::string> email;
  if (ctx.providers) {
    const auto found = ctx.providers->find(*access.own_provider, req.bearer_token, req.request_id);
    if (found.provider && mail::valid_recipient(found.provider->email)) email = found.provider->email;
  }
  PortfolioRequest r;
  r.provider_nit = *access.own_provider;
  r.requested_by = req.principal->subject;
  r.notify_email = email;
  r.bogota_day = core::bogota_date_string(now);
  r.created_at = now.time_since_epoch().count();
  r.file_name = "upload-" + security::random_token(12) + ".xlsx";
  if (const auto disposition = req.header("Content-Disposition"))
    r.uploaded_file_name = http::content_disposition_file_name(*disposition);
  r.content_sha256 = security::sha256_hex(req.body);
  r.row_count = static_cast<long long>(check.rows);
  // SPEC §2 Idempotency-Key (issue 10): a keyed retry replays the first 202 and counts once in the quota.
  return http::idempotent(*ctx.idempotency, req, core::to_rfc3339(now), [&](http::IdempotentWrite& keyed) {
    // Durable before the row names it; a crash in between leaves a file the start-up sweep deletes.
    core::write_file_durably(ctx.portfolio_dir, r.file_name, req.body);
    std::optional<long long> wait;
    auto change = [&](db::Connection& c) -> std::optional<PortfolioRequest> {
      wait = portfolio_quota_wait(portfolio_store::accepted_on(c, r.provider_nit, r.bogota_day), now);
      if (wait) return std::nullopt;
      const long long id = portfolio_store::create(c, r);
      auto created = portfolio_store::find(c, id);
      if (created->notify_email)
        mail::Outbox::enqueue(c, portfolio_received_notice(*created, *created->notify_email, ctx.public_url),
                              ctx.clock);
      audit::record(c, audit::entry_for(req, now, "portfolio_request_registered", "portfolio_request",
                                        std::to_string(id)));
      return created;
    };
    auto respond = [&](const std::optional<PortfolioRequest>& stored) {
      if (stored) return request_answer(202, *stored);
      auto p = http::make_problem(
          429, "portfolio_daily_limit",
          {"Límite diario de solicitudes de cartera", "Daily portfolio request limit"},
          {"Ya registró " + std::to_string(kPortfolioDailyRequests) +
               " solicitudes de estado de cartera hoy; podrá registrar otra a partir de la medianoche (hora "
               "de "
               "Bogotá).",
           "You have already registered " + std::to_string(kPortfolioDailyRequests) +
               " portfolio requests today; you can register another from midnight (Bogotá time)."});
      auto res = http::problem(req, p);
      res.with_header("Retry-After", std::to_string(wait.value_or(60)));
      return res;
    };
    auto committed = keyed.commit<std::optional<PortfolioRequest>>(*ctx.db, nullptr, change, respond);
    if (!committed.value || !*committed.value) {
      // Refused by the quota, or the key's first answer replayed: this upload is not kept.
      std::error_code ignored;
      std::filesystem::remove(ctx.portfolio_dir + "/" + r.file_name, ignored);
      return committed.response;
    }
    const auto& stored = **committed.value;
    if (ctx.metrics) ctx.metrics->job("portfolio", "queued");
    if (ctx.portfolio_runner) ctx.portfolio_runner->wake();
    ctx.logger.info("portfolio_request_registered",
                    {{"id", stored.id}, {"rows", stored.row_count}, {"request_id", req.request_id}});
    return committed.response;
  });
}

std::variant<PortfolioRequest, http::Response> visible_request(FinanceContext& ctx, http::Request& req) {
  const auto access = portfolio_access(*req.principal);
  if (!access.read) return http::problem(req, http::forbidden());
  auto id = http::positive_id_param(req);
  if (auto* r = std::get_if<http::Response>(&id)) return std::move(*r);
  auto found =
      ctx.db->read([&](db::Connection& c) { return portfolio_store::find(c, std::get<long long>(id)); });
  // Another provider's request is 404, never a hint that it exists.
  if (!found || (access.own_provider && found->provider_nit != *access.own_provider))
    return http::problem(req, http::not_found());
  return std::move(*found);
}

http::Response get_request(FinanceContext& ctx, http::Request& req) {
  auto found = visible_request(ctx, req);
  if (auto* r = std::get_if<http::Response>(&found)) return std::move(*r);
  return request_answer(200, std::get<PortfolioRequest>(found));
}

http::Response result_xlsx(FinanceContext& ctx, http::Request& req) {
  auto found = visible_request(ctx, req);
  if (auto* r = std::get_if<http::Response>(&found)) return std::move(*r);
  const auto& r = std::get<PortfolioRequest>(found);
  if (r.status != "completed")
    return http::problem(
        req,
        http::conflict("result_not_ready",
                       {"La solicitud está en estado «" + r.status + "»: el resultado aún no está listo.",
                        "The request is " + r.status + ": its result is not ready yet."}));
  return xlsx_file(core::read_whole_file(portfolio_result_path(ctx.portfolio_dir, r.id)),
                   "estado_cartera_" + std::to_string(r.id) + ".xlsx");
}

http::Response load_invoices(FinanceContext& ctx, http::Request& req) {
  if (!finance_access(*req.principal).load) return http::problem(req, http::forbidden());
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  core::FieldErrors body_errors;
  auto read = read_invoice_load(std::get<rapidjson::Document>(body), body_errors);
  if (!body_errors.empty()) return http::problem(req, http::validation_failed(std::move(body_errors)));
  if (read.accepted.empty()) return http::problem(req, http::validation_failed(std::move(read.errors)));
  const auto now = ctx.clock.now();
  long long created = 0;
  ctx.db->write([&](db::Connection& c) {
    for (const auto& v : read.accepted)
      if (portfolio_store::upsert_invoice(c, v, now.time_since_epoch().count(), req.principal->subject))
        ++created;
    audit::record(
        c, audit::entry_for(req, now, "portfolio_invoices_loaded", "portfolio_invoice_load", req.request_id));
  });
  return http::json_response(200, [&](json::Writer& w) {
    w.StartObject();
    json::write_key(w, "received");
    w.Uint64(read.received);
    json::write_key(w, "created");
    w.Int64(created);
    json::write_key(w, "replaced");
    w.Int64(static_cast<long long>(read.accepted.size()) - created);
    json::write_key(w, "rejected");
    w.Uint64(read.rejected);
    json::write_key(w, "errors");
    json::write_field_errors(w, read.errors, req.lang);
    w.EndObject();
  });
}

}  // namespace

void register_portfolio_routes(http::Server& server, FinanceContext& ctx) {
  const std::string base = kPortfolioRequests;
  server.route(http::Method::get, base + "/template.xlsx",
               [&ctx](http::Request& req) { return template_xlsx(ctx, req); });
  server.route(http::Method::post, base, [&ctx](http::Request& req) { return create_request(ctx, req); });
  server.route(http::Method::get, base + "/:id",
               [&ctx](http::Request& req) { return get_request(ctx, req); });
  server.route(http::Method::post, std::string(kPortfolioInvoices) + "/imports",
               [&ctx](http::Request& req) { return load_invoices(ctx, req); });
  server.route(http::Method::get, base + "/:id/result.xlsx",
               [&ctx](http::Request& req) { return result_xlsx(ctx, req); });
}

}  // namespace portal::finance
