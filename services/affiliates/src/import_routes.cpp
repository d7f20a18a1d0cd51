// AFF-4 bulk roster load: the CSV is stored under <data>/imports and processed in the background
// (ImportRunner); the job answers its progress and the per-line rejection report. The same file sent
// twice is the same job (idempotent by content); rows are upserts by document either way.
#include <filesystem>
#include <fstream>

#include "affiliates_http.hpp"
#include "import_runner.hpp"
#include "import_store.hpp"
#include "multipart_file.hpp"
#include "portal/audit/audit_trail.hpp"
#include "portal/http/idempotency.hpp"
#include "portal/http/multipart.hpp"
#include "portal/security/password.hpp"
#include "routes.hpp"

namespace portal::affiliates {
namespace {

http::Problem import_not_found() {
  return http::make_problem(
      404, "import_not_found", {"Carga no encontrada", "Import not found"},
      {"No existe una carga masiva con ese identificador.", "There is no bulk import with that id."});
}

bool is_csv(const http::Request& req) {
  auto type = req.header("Content-Type").value_or("");
  const auto semicolon = type.find(';');
  if (semicolon != std::string::npos) type.resize(semicolon);
  while (!type.empty() && type.back() == ' ') type.pop_back();
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
  return type == "text/csv" || type == "application/csv";
}

void write_job(json::Writer& w, const ImportJob& job, const std::vector<Rejection>& rejections,
               const PageRequest& page, long long rejection_total, core::Lang lang) {
  w.StartObject();
  write_str(w, "id", job.id);
  write_str(w, "status", job.status);
  write_str(w, "created_by", job.created_by);
  write_str(w, "created_at", job.created_at);
  write_opt(w, "started_at", job.started_at);
  write_opt(w, "finished_at", job.finished_at);
  json::write_key(w, "processed_lines");
  w.Int64(job.last_committed_line);
  json::write_key(w, "loaded_rows");
  w.Int64(job.loaded_rows);
  json::write_key(w, "rejected_rows");
  w.Int64(job.rejected_rows);
  write_opt(w, "error", job.error);
  json::write_key(w, "rejections");
  write_list_envelope(w, page, rejection_total, [&] {
    for (const auto& r : rejections) {
      w.StartObject();
      json::write_key(w, "line");
      w.Int64(r.line);
      write_str(w, "field", r.error.field);
      write_str(w, "code", r.error.code);
      write_str(w, "message", r.error.message.in(lang));
      w.EndObject();
    }
  });
  w.EndObject();
}

// A job with one page of its rejections, read on one connection.
struct JobView {
  ImportJob job;
  std::vector<Rejection> rejections;
  long long rejection_total = 0;
};

std::optional<JobView> read_job(db::Connection& c, const std::string& id, const PageRequest& page) {
  auto job = import_store::find(c, id);
  if (!job) return std::nullopt;
  return JobView{std::move(*job), import_store::rejections(c, id, page),
                 import_store::count_rejections(c, id)};
}

http::Response job_answer(const http::Request& req, const JobView& view, int status,
                          const PageRequest& page) {
  auto res = json_response(status, [&](json::Writer& w) {
    write_job(w, view.job, view.rejections, page, view.rejection_total, req.lang);
  });
  res.with_language(req.lang);
  if (status != 200) res.with_header("Location", std::string{kApi} + "/affiliates/imports/" + view.job.id);
  return res;
}

http::Response job_response(AffiliatesContext& ctx, const http::Request& req, const std::string& id,
                            int status, const PageRequest& page) {
  auto view = ctx.db->read([&](db::Connection& c) { return read_job(c, id, page); });
  if (!view) return http::problem(req, import_not_found());
  return job_answer(req, *view, status, page);
}

// Same content, same job (200); else the upload is kept as a file and a job is queued (202).
http::Response enqueue_import(AffiliatesContext& ctx, const http::Request& req, std::string_view content,
                              const std::string& sha, http::IdempotentWrite& keyed) {
  if (auto existing =
          ctx.db->read([&](db::Connection& c) { return import_store::find_by_content(c, sha); })) {
    return job_response(ctx, req, existing->id, 200, PageRequest{});
  }
  ImportJob job;
  job.id = security::random_token(12);
  job.content_sha256 = sha;
  job.file_path = ctx.imports_dir + "/" + job.id + ".csv";
  job.status = "queued";
  job.created_by = req.principal->subject;
  job.created_at = ctx.now_text();
  std::filesystem::create_directories(ctx.imports_dir);
  {
    std::ofstream out(job.file_path, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) throw std::runtime_error("cannot write import file");
  }
  // Two identical uploads racing (on one replica or two): the unique content index keeps one job, and
  // the other request answers with it (200). Read on the writing connection: the answer is built inside
  // the transaction that also records the Idempotency-Key.
  auto change = [&](db::Connection& c) -> std::optional<JobView> {
    if (import_store::create(c, job)) {
      audit::record(
          c, audit::entry_for(req, ctx.clock.now(), "affiliate_import_started", "affiliate_import", job.id));
      return read_job(c, job.id, PageRequest{});
    }
    const auto existing = import_store::find_by_content(c, sha);
    return existing ? read_job(c, existing->id, PageRequest{}) : std::nullopt;
  };
  auto respond = [&](const std::optional<JobView>& view) {
    if (!view) return http::problem(req, import_not_found());
    return job_answer(req, *view, view->job.id == job.id ? 202 : 200, PageRequest{});
  };
  auto committed = keyed.commit<std::optional<JobView>>(*ctx.db, nullptr, change, respond);
  if (!committed.value || !*committed.value || (*committed.value)->job.id != job.id) {
    std::filesystem::remove(job.file_path);  // another job has this content, or the key was answered
    return committed.response;
  }
  ctx.imports->enqueue(job.id);
  ctx.logger.info("import_queued", {{"job_id", job.id},
                                    {"bytes", static_cast<long long>(content.size())},
                                    {"by", job.created_by},
                                    {"request_id", req.request_id}});
  return committed.response;
}

http::Response create_import(AffiliatesContext& ctx, http::Request& req) {
  if (auto denied = require(req, Capability::bulk_import)) return std::move(*denied);
  // The roster: the body itself (text/csv), or the file of a browser form upload (multipart/form-data).
  std::string_view content = req.body;
  // Kept in a local: the boundary is a view into it (ASan caught a view into a dead temporary here).
  const std::string content_type = req.header("Content-Type").value_or("");
  if (const auto boundary = http::multipart_boundary(content_type)) {
    const auto file = multipart_file(req.body, *boundary);
    if (!file) {
      return http::problem(req,
                           http::validation_failed({core::FieldError{
                               "file",
                               "required",
                               {"El formulario no trae un archivo CSV.", "The form carries no CSV file."}}}));
    }
    content = *file;
  } else if (!is_csv(req)) {
    auto p = http::unsupported_media_type();
    p.detail = {"La carga masiva se envía como text/csv o como archivo de un formulario multipart/form-data.",
                "The bulk import is sent as text/csv or as the file of a multipart/form-data form."};
    return http::problem(req, p);
  }
  if (content.find_first_not_of(" \t\r\n") == std::string::npos) {
    return http::problem(req,
                         http::validation_failed({core::FieldError{
                             "body", "required", {"El archivo CSV está vacío.", "The CSV file is empty."}}}));
  }
  const auto sha = security::sha256_hex(content);
  // SPEC §2 Idempotency-Key (issue 10): a keyed retry replays the first answer before anything else runs.
  return http::idempotent(*ctx.idempotency, req, ctx.now_text(), [&](http::IdempotentWrite& keyed) {
    return enqueue_import(ctx, req, content, sha, keyed);
  });
}

http::Response get_import(AffiliatesContext& ctx, http::Request& req) {
  if (auto denied = require(req, Capability::bulk_import)) return std::move(*denied);
  auto page = read_page(req);
  if (auto* r = std::get_if<http::Response>(&page)) return std::move(*r);
  const auto id = req.param("id").value_or("");
  if (id.empty() || id.size() > 64) return http::problem(req, import_not_found());
  return job_response(ctx, req, id, 200, std::get<PageRequest>(page));
}

}  // namespace

void register_import_routes(http::Server& server, AffiliatesContext& ctx) {
  const std::string base{kImportsPath};
  server.route(http::Method::post, base, [&ctx](http::Request& req) { return create_import(ctx, req); });
  server.route(http::Method::get, base + "/:id", [&ctx](http::Request& req) { return get_import(ctx, req); });
}

}  // namespace portal::affiliates
