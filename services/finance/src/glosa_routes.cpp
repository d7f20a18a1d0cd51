// FIN-5 (issue 19): glosas. The ERP loads conciliations (POST /api/v1/glosas/imports, 200 with a per-line
// report; a reloaded number replaces its lines); providers query summaries and download a conciliation's
// .xlsx with the 50 columns of manual 003 §8.3. Another provider's conciliation is 404.
#include <filesystem>

#include "finance_access.hpp"
#include "finance_metrics.hpp"
#include "glosa.hpp"
#include "glosa_response_file.hpp"
#include "glosa_response_runner.hpp"
#include "glosa_store.hpp"
#include "portal/audit/audit_trail.hpp"
#include "portal/core/clock.hpp"
#include "portal/core/durable_file.hpp"
#include "portal/db/errors.hpp"
#include "portal/directory/provider_directory.hpp"
#include "portal/http/client.hpp"
#include "portal/http/idempotency.hpp"
#include "portal/http/json_body.hpp"
#include "portal/http/multipart.hpp"
#include "portal/http/path_params.hpp"
#include "portal/json/json.hpp"
#include "portal/mail/mime.hpp"
#include "portal/security/password.hpp"
#include "routes.hpp"
#include "sheet_files.hpp"

namespace portal::finance {
namespace {

http::Response load(FinanceContext& ctx, http::Request& req) {
  if (!finance_access(*req.principal).load) return http::problem(req, http::forbidden());
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  core::FieldErrors body_errors;
  auto read =
      read_glosa_load(std::get<rapidjson::Document>(body), *ctx.catalogs, ctx.res2284_from, body_errors);
  if (!body_errors.empty()) return http::problem(req, http::validation_failed(std::move(body_errors)));
  if (read.accepted.empty()) return http::problem(req, http::validation_failed(std::move(read.errors)));
  const auto now = ctx.clock.now();
  long long created = 0;
  long long lines = 0;
  ctx.db->write([&](db::Connection& c) {
    for (const auto& k : read.accepted) {
      if (glosa_store::upsert(c, k, now.time_since_epoch().count(), req.principal->subject)) ++created;
      lines += static_cast<long long>(k.lines.size());
    }
    audit::record(c, audit::entry_for(req, now, "glosas_loaded", "glosa_load", req.request_id));
  });
  ctx.logger.info("glosas_loaded", {{"conciliations", static_cast<long long>(read.accepted.size())},
                                    {"lines", lines},
                                    {"request_id", req.request_id}});
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
    json::write_key(w, "lines");
    w.Int64(lines);
    json::write_key(w, "errors");
    json::write_field_errors(w, read.errors, req.lang);
    w.EndObject();
  });
}

http::Response list(FinanceContext& ctx, http::Request& req) {
  const auto access = glosa_access(*req.principal);
  if (!access.read) return http::problem(req, http::forbidden());
  glosa_store::GlosaFilter f;
  f.provider_nit = access.own_provider;
  core::FieldErrors errors;
  if (auto v = req.query_param("conciliation")) {
    f.conciliation = http::parse_positive_id(*v);
    if (!f.conciliation)
      errors.push_back({"conciliation",
                        "not_numeric",
                        {"El número de conciliación es numérico", "The conciliation number is numeric"}});
  }
  for (auto [name, slot] : {std::pair{"from", &f.from}, std::pair{"to", &f.to}}) {
    if (auto v = req.query_param(name)) {
      if (!core::parse_date(*v))
        errors.push_back({name, "invalid_date", {"Fecha AAAA-MM-DD", "A YYYY-MM-DD date"}});
      else
        *slot = *v;
    }
  }
  f.invoice_prefix = req.query_param("invoice_prefix");
  f.invoice_suffix = req.query_param("invoice_suffix");
  if (f.invoice_prefix && !f.invoice_suffix)
    errors.push_back({"invoice_suffix",
                      "required",
                      {"El sufijo de la factura es obligatorio con el prefijo",
                       "The invoice suffix goes with the prefix"}});
  if (!f.conciliation && !f.from && !f.to && !f.invoice_suffix && errors.empty())
    errors.push_back(
        {"conciliation",
         "required",
         {"Consulte por conciliación, por rango de fechas (from, to) o por factura (invoice_prefix, "
          "invoice_suffix)",
          "Query by conciliation, by date range (from, to) or by invoice (invoice_prefix, invoice_suffix)"}});
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  const auto found = ctx.db->read([&](db::Connection& c) { return glosa_store::summaries(c, f); });
  return http::json_response(200, [&](json::Writer& w) {
    w.StartObject();
    json::write_key(w, "items");
    w.StartArray();
    for (const auto& s : found) {
      w.StartObject();
      json::write_key(w, "conciliation");
      w.Int64(s.conciliation);
      json::write_key(w, "notified_on");
      json::write_string(w, s.notified_on);
      json::write_key(w, "generation");
      json::write_string(w, s.generation);
      json::write_key(w, "response_deadline");
      json::write_string(w, s.response_deadline);
      json::write_key(w, "invoices");
      w.Int64(s.invoices);
      json::write_key(w, "debit_notes");
      w.Int64(s.debit_notes);
      json::write_key(w, "download_url");
      json::write_string(w,
                         std::string(kGlosas) + "/conciliations/" + std::to_string(s.conciliation) + ".xlsx");
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  });
}

http::Response download(FinanceContext& ctx, http::Request& req) {
  const auto access = glosa_access(*req.principal);
  if (!access.read) return http::problem(req, http::forbidden());
  std::string raw = req.param("file").value_or("");
  if (!raw.ends_with(".xlsx")) return http::problem(req, http::not_found());
  raw.resize(raw.size() - 5);
  const auto number = http::parse_positive_id(raw);
  if (!number) return http::problem(req, http::invalid_path_id("number"));
  Table table;
  table.headers = glosa_headers();
  const bool visible = ctx.db->read([&](db::Connection& c) {
    const auto k = glosa_store::find(c, *number);
    if (!k || (access.own_provider && k->provider_nit != *access.own_provider)) return false;
    glosa_store::each_line(
        c, *number, [&](const GlosaLine& l) { table.rows.push_back(glosa_row(*k, l, *ctx.catalogs)); });
    return true;
  });
  if (!visible) return http::problem(req, http::not_found());
  http::Response res;
  res.status = 200;
  res.content_type = kXlsxContentType;
  res.body = to_xlsx(table, "Detalle de Glosa", ctx.tmp_dir);
  res.with_header("Content-Disposition",
                  "attachment; filename=\"glosas_conciliacion_" + std::to_string(*number) + ".xlsx\"");
  return res;
}

}  // namespace

void register_glosa_routes(http::Server& server, FinanceContext& ctx) {
  const std::string base = kGlosas;
  server.route(http::Method::post, base + "/imports", [&ctx](http::Request& req) { return load(ctx, req); });
  server.route(http::Method::get, base, [&ctx](http::Request& req) { return list(ctx, req); });
  server.route(http::Method::get, base + "/conciliations/:file",
               [&ctx](http::Request& req) { return download(ctx, req); });
}

}  // namespace portal::finance

// ---- FIN-6 (issue 19): glosa responses ----
namespace portal::finance {
namespace {

constexpr const char* kInProcessText =
    "En este momento existe en proceso la carga de otro archivo, por favor intente más tarde";

http::Response in_process(http::Request& req) {
  return http::problem(req, http::conflict("glosa_response_in_process",
                                           {kInProcessText,
                                            "Another file of this provider is being loaded at this "
                                            "moment; please try again later"}));
}

void write_job(json::Writer& w, const glosa_store::GlosaResponseJob& j) {
  w.StartObject();
  json::write_key(w, "id");
  w.Int64(j.id);
  json::write_key(w, "provider_nit");
  json::write_string(w, j.provider_nit);
  json::write_key(w, "status");
  json::write_string(w, j.status);
  json::write_key(w, "file_name");
  json::write_string(w, j.display_file_name());
  json::write_key(w, "sheet");
  json::write_string(w, j.sheet);
  json::write_key(w, "row_count");
  w.Int64(j.row_count);
  json::write_key(w, "rows_loaded");
  w.Int64(j.rows_loaded);
  json::write_key(w, "rows_refused");
  w.Int64(j.rows_refused);
  json::write_key(w, "credit_note_amount");
  w.Int64(j.credit_note_amount);
  for (const auto& [key, value] :
       {std::pair{"started_at", j.started_at}, std::pair{"finished_at", j.finished_at}}) {
    json::write_key(w, key);
    if (value)
      json::write_string(w, bogota_timestamp(*value));
    else
      w.Null();
  }
  json::write_key(w, "result_url");
  if (j.status != glosa_store::kResponseInProcess && !j.error)
    json::write_string(w, std::string(kGlosaResponses) + "/" + std::to_string(j.id) + "/result.xlsx");
  else
    w.Null();
  json::write_key(w, "error");
  json::write_optional(w, j.error);
  w.EndObject();
}

http::Response job_answer(int status, const glosa_store::GlosaResponseJob& j) {
  auto res = http::json_response(status, [&](json::Writer& w) { write_job(w, j); });
  if (status == 202) res.with_header("Location", std::string(kGlosaResponses) + "/" + std::to_string(j.id));
  return res;
}

// The signed-in provider user's own address, from auth's profile with the caller's own token (integrators
// have no profile). Asked before the transaction; an unreachable auth only means one e-mail fewer.
std::optional<std::string> uploader_email(FinanceContext& ctx, const http::Request& req) {
  if (!ctx.auth || !req.principal->is_provider() || !req.principal->user_id()) return std::nullopt;
  http::Headers headers{{"Authorization", "Bearer " + req.bearer_token}, {"Accept", "application/json"}};
  if (!req.request_id.empty()) headers.emplace("X-Request-Id", req.request_id);
  const auto result = ctx.auth->get("/api/v1/me", headers);
  if (!result.ok() || result.response->status != 200) return std::nullopt;
  rapidjson::Document doc;
  doc.Parse(result.response->body.c_str());
  if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("email") || !doc["email"].IsString())
    return std::nullopt;
  const std::string email = doc["email"].GetString();
  if (!mail::valid_recipient(email)) return std::nullopt;
  return email;
}

http::Response upload(FinanceContext& ctx, http::Request& req) {
  const auto access = glosa_access(*req.principal);
  if (!access.respond || !access.own_provider) return http::problem(req, http::forbidden());
  auto check = check_glosa_response_file(req.body);
  if (!check.errors.empty()) {
    if (ctx.metrics) ctx.metrics->row_refused("glosa_response", check.errors.front().code);
    return http::problem(req, http::validation_failed(std::move(check.errors)));
  }
  const auto now = ctx.clock.now();
  std::optional<std::string> email;
  if (ctx.providers) {
    const auto found = ctx.providers->find(*access.own_provider, req.bearer_token, req.request_id);
    if (found.provider && mail::valid_recipient(found.provider->email)) email = found.provider->email;
  }
  glosa_store::GlosaResponseJob job;
  job.provider_nit = *access.own_provider;
  job.requested_by = req.principal->subject;
  job.notify_email = email;
  job.uploader_email = uploader_email(ctx, req);
  job.file_name = "respuesta-glosas-" + security::random_token(12) + ".xlsx";
  if (const auto disposition = req.header("Content-Disposition"))
    job.uploaded_file_name = http::content_disposition_file_name(*disposition);
  job.sheet = check.sheet;
  job.row_count = static_cast<long long>(check.rows);
  job.created_at = now.time_since_epoch().count();
  return http::idempotent(*ctx.idempotency, req, core::to_rfc3339(now), [&](http::IdempotentWrite& keyed) {
    core::write_file_durably(ctx.glosa_dir, job.file_name, req.body);
    auto change = [&](db::Connection& c) -> std::optional<glosa_store::GlosaResponseJob> {
      if (glosa_store::response_in_process(c, job.provider_nit)) return std::nullopt;
      const long long id = glosa_store::create_response(c, job);
      audit::record(
          c, audit::entry_for(req, now, "glosa_response_uploaded", "glosa_response", std::to_string(id)));
      return glosa_store::find_response(c, id);
    };
    auto respond = [&](const std::optional<glosa_store::GlosaResponseJob>& stored) {
      return stored ? job_answer(202, *stored) : in_process(req);
    };
    auto drop = [&] {
      std::error_code ignored;
      std::filesystem::remove(ctx.glosa_dir + "/" + job.file_name, ignored);
    };
    try {
      auto committed =
          keyed.commit<std::optional<glosa_store::GlosaResponseJob>>(*ctx.db, nullptr, change, respond);
      if (!committed.value || !*committed.value) {
        drop();
        return committed.response;
      }
      if (ctx.metrics) ctx.metrics->job("glosa_response", "queued");
      if (ctx.glosa_runner) ctx.glosa_runner->wake();
      return committed.response;
    } catch (const db::UniqueViolation&) {  // another upload of the provider committed first
      drop();
      return in_process(req);
    }
  });
}

std::variant<glosa_store::GlosaResponseJob, http::Response> visible_job(FinanceContext& ctx,
                                                                        http::Request& req) {
  const auto access = glosa_access(*req.principal);
  if (!access.read) return http::problem(req, http::forbidden());
  auto id = http::positive_id_param(req);
  if (auto* r = std::get_if<http::Response>(&id)) return std::move(*r);
  auto found =
      ctx.db->read([&](db::Connection& c) { return glosa_store::find_response(c, std::get<long long>(id)); });
  if (!found || (access.own_provider && found->provider_nit != *access.own_provider))
    return http::problem(req, http::not_found());
  return std::move(*found);
}

http::Response get_job(FinanceContext& ctx, http::Request& req) {
  auto found = visible_job(ctx, req);
  if (auto* r = std::get_if<http::Response>(&found)) return std::move(*r);
  return job_answer(200, std::get<glosa_store::GlosaResponseJob>(found));
}

http::Response job_result(FinanceContext& ctx, http::Request& req) {
  auto found = visible_job(ctx, req);
  if (auto* r = std::get_if<http::Response>(&found)) return std::move(*r);
  const auto& j = std::get<glosa_store::GlosaResponseJob>(found);
  if (j.status == glosa_store::kResponseInProcess || j.error)
    return http::problem(
        req, http::conflict("result_not_ready",
                            {"La carga está en proceso o falló: el resultado no está disponible.",
                             "The upload is in process or failed: its result is not available."}));
  http::Response res;
  res.status = 200;
  res.content_type = kXlsxContentType;
  res.body = core::read_whole_file(glosa_response_result_path(ctx.glosa_dir, j.id));
  res.with_header("Content-Disposition",
                  "attachment; filename=\"resultado_respuesta_glosas_" + std::to_string(j.id) + ".xlsx\"");
  return res;
}

}  // namespace

void register_glosa_response_routes(http::Server& server, FinanceContext& ctx) {
  const std::string base = kGlosaResponses;
  server.route(http::Method::post, base, [&ctx](http::Request& req) { return upload(ctx, req); });
  server.route(http::Method::get, base + "/:id", [&ctx](http::Request& req) { return get_job(ctx, req); });
  server.route(http::Method::get, base + "/:id/result.xlsx",
               [&ctx](http::Request& req) { return job_result(ctx, req); });
}

}  // namespace portal::finance
