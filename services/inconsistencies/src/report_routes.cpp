// INC-1/INC-2 filing (multipart: the `report` JSON part and exactly one file), INC-4 query, the detail and
// the attachment download. Handlers translate HTTP to the rules, the store and the files, and back.
#include <algorithm>

#include "attachment_files.hpp"
#include "inconsistencies_http.hpp"
#include "inconsistency_metrics.hpp"
#include "portal/audit/audit_trail.hpp"
#include "portal/catalog/catalogs.hpp"
#include "portal/directory/affiliate_directory.hpp"
#include "portal/directory/provider_directory.hpp"
#include "portal/events/event.hpp"
#include "portal/events/relay.hpp"
#include "portal/http/idempotency.hpp"
#include "portal/http/multipart.hpp"
#include "portal/http/pagination.hpp"
#include "portal/security/password.hpp"
#include "report_filter.hpp"
#include "report_json.hpp"
#include "report_notices.hpp"
#include "report_rules.hpp"
#include "report_store.hpp"
#include "routes.hpp"

namespace portal::inconsistencies {
namespace {

core::Text refusal_message(const Refusal& r) {
  const std::string entry_es = r.entry.empty() ? "" : " (entrada «" + r.entry + "» del zip)";
  const std::string entry_en = r.entry.empty() ? "" : " (zip entry \"" + r.entry + "\")";
  const auto text = [&](std::string es, std::string en) {
    return core::Text{es + entry_es + ".", en + entry_en + "."};
  };
  if (r.code == "empty_file") return text("El archivo está vacío", "The file is empty");
  if (r.code == "unsupported_type")
    return text("El contenido no es gif, jpg, png, pdf ni zip (el nombre del archivo no cuenta)",
                "The content is not gif, jpg, png, pdf or zip (the file name does not count)");
  if (r.code == "trailing_data")
    return text("La imagen tiene datos después de su final (p. ej. un script escondido)",
                "The image has data after its end (e.g. a hidden script)");
  if (r.code.starts_with("malformed_"))
    return text("El archivo dice ser " + r.code.substr(10) + " pero su estructura no es válida",
                "The file claims to be " + r.code.substr(10) + " but its structure is not valid");
  if (r.code == "zip_too_many_entries")
    return text("El zip tiene más de 100 archivos", "The zip has more than 100 files");
  if (r.code == "zip_too_large")
    return text("El zip descomprimido supera 20 MB", "The zip inflates to more than 20 MB");
  if (r.code == "zip_ratio")
    return text("El zip se comprime más de 100:1 (posible bomba zip)",
                "The zip compresses more than 100:1 (a possible zip bomb)");
  if (r.code == "zip_encrypted") return text("El zip está cifrado", "The zip is encrypted");
  if (r.code == "zip_unsafe_path")
    return text("El zip contiene una ruta absoluta o con «..»",
                "The zip holds an absolute path or one with \"..\"");
  if (r.code == "zip_unsupported_method")
    return text("El zip usa un método de compresión que no se acepta; use almacenado o deflate",
                "The zip uses a compression method that is not accepted; use stored or deflate");
  if (r.code == "zip_nested") return text("El zip contiene otro zip", "The zip holds another zip");
  if (r.code == "zip_entry_type")
    return text("Un archivo del zip no es gif, jpg, png ni pdf válido",
                "A file in the zip is not a valid gif, jpg, png or pdf");
  return text("El zip no es válido", "The zip is not valid");
}

RegistryAffiliate registry_of(const directory::AffiliateFacts& f, const catalog::Catalogs& catalogs) {
  RegistryAffiliate r;
  r.id = f.id;
  r.document_type = f.document_type;
  r.document_number = f.document_number;
  r.first_name = f.first_name;
  r.second_name = f.second_name;
  r.first_surname = f.first_surname;
  r.second_surname = f.second_surname;
  r.birth_date = f.birth_date;
  r.address = f.address;
  r.phone = f.phone;
  r.mobile = f.mobile;
  r.email = f.email;
  r.municipality_code = f.municipality_code;
  if (const auto m = catalogs.municipality(f.municipality_code)) r.regional = m->regional;
  return r;
}

// The 415 of libs/http (its title is the problem type's, shared by every service), with this form's detail.
http::Problem unsupported_media() {
  auto p = http::unsupported_media_type();
  p.detail = {
      "El informe se envía como multipart/form-data con la parte «report» (JSON) y un archivo «attachment».",
      "The report is sent as multipart/form-data with a \"report\" part (JSON) and one \"attachment\" file."};
  return p;
}

http::Response created(const Report& r, InconsistenciesContext& ctx, core::Lang lang) {
  auto res = http::Response::json(201, report_body(r, Labels{ctx.insurer, lang}));
  res.with_language(lang);
  res.with_header("Location", std::string(kReports) + "/" + std::to_string(r.id));
  return res;
}

http::Response create(InconsistenciesContext& ctx, http::Request& req) {
  auto [denied, access] = require(req, &InconsistencyAccess::file);
  if (denied) return std::move(*denied);
  // The boundary is a view into the header's text, which must outlive it.
  const std::string content_type = req.header("Content-Type").value_or("");
  const auto boundary = http::multipart_boundary(content_type);
  if (!boundary) return http::problem(req, unsupported_media());
  const auto parts = http::parse_multipart(req.body, *boundary);
  if (!parts)
    return http::problem(req,
                         http::bad_request({{"body",
                                             "malformed_multipart",
                                             {"El cuerpo multipart/form-data está incompleto o mal formado.",
                                              "The multipart/form-data body is truncated or malformed."}}}));
  std::vector<const http::FormPart*> reports;
  std::vector<const http::FormPart*> files;
  for (const auto& p : *parts) {
    if (p.filename || p.name == "attachment") {
      files.push_back(&p);
    } else if (p.name == "report") {
      reports.push_back(&p);
    }
  }
  // INC-2: one byte over 2 MB is 413, whatever else is wrong.
  for (const auto* f : files) {
    if (f->content.size() > kMaxAttachmentBytes)
      return http::problem(req, http::payload_too_large(kMaxAttachmentBytes));
  }
  core::FieldErrors errors;
  if (files.empty())
    errors.push_back({"attachment",
                      "required",
                      {"Adjunte el documento de identificación (gif, jpg, png, pdf o zip, máximo 2 MB).",
                       "Attach the identity document (gif, jpg, png, pdf or zip, 2 MB at most)."}});
  if (files.size() > 1)
    errors.push_back({"attachment",
                      "too_many_files",
                      {"Adjunte un solo archivo (varios documentos van en un zip).",
                       "Attach one file only (several documents go in one zip)."}});
  if (reports.size() != 1)
    errors.push_back({"report",
                      reports.empty() ? "required" : "duplicate_part",
                      {"Envíe una sola parte «report» con el informe en JSON.",
                       "Send exactly one \"report\" part with the report as JSON."}});
  ReportDraft draft;
  bool draft_read = false;
  if (reports.size() == 1) {
    auto parsed = json::parse(reports.front()->content);
    if (!parsed.ok()) {
      auto p = http::malformed_json("La parte «report» no es un objeto JSON válido.",
                                    "The \"report\" part is not a valid JSON object.");
      return http::problem(req, p);
    }
    draft = read_draft(parsed.doc, errors);
    draft_read = true;
  }
  std::optional<FileKind> kind;
  if (files.size() == 1) {
    const auto sniffed = sniff_attachment(files.front()->content, ctx.zip_limits);
    if (sniffed.ok()) {
      kind = sniffed.kind;
    } else {
      errors.push_back({"attachment", sniffed.refusal.code, refusal_message(sniffed.refusal)});
      if (ctx.metrics) ctx.metrics->refused(sniffed.refusal.code);
    }
  }
  // INC-1: the type comes from the registry, asked with the caller's token.
  ReportType type = ReportType::not_in_database;
  std::optional<RegistryAffiliate> registry;
  const bool ref_ok =
      draft_read && !draft.affiliate_document_type.empty() && !draft.affiliate_document_number.empty();
  if (ref_ok) {
    const auto lookup =
        ctx.affiliates->find({draft.affiliate_document_type, draft.affiliate_document_number, std::nullopt},
                             req.bearer_token, req.request_id);
    if (lookup.status == directory::LookupStatus::unavailable)
      return http::problem(req, http::service_unavailable("affiliates"));
    type = type_for_lookup(lookup.status == directory::LookupStatus::found);
    if (lookup.facts) registry = registry_of(*lookup.facts, *ctx.catalogs);
  }
  const auto now = ctx.clock.now();
  if (draft_read && ref_ok) {
    auto more =
        validate_report(draft, type, registry ? &*registry : nullptr, *ctx.catalogs, core::bogota_date(now));
    errors.insert(errors.end(), more.begin(), more.end());
  }
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));

  Report r;
  r.type = type;
  r.status = ReportStatus::pending;
  r.filed_at = now;
  r.provider_nit = *access.own_provider;
  r.habilitation_code = req.principal->branch.value_or("");
  r.draft = effective_draft(draft, type, registry ? &*registry : nullptr);
  r.registry = registry;
  r.regional = registry ? registry->regional : "";
  if (!registry) {
    if (const auto m = ctx.catalogs->municipality(r.draft.contact.municipality_code))
      r.regional = m->regional;
  }
  r.filed_by = req.principal->subject;
  // The provider's name and the place of its branch, as the registry says (INC-4 filters on both).
  r.provider_name = r.provider_nit;
  const auto provider = ctx.providers->find(r.provider_nit, req.bearer_token, req.request_id);
  if (provider.provider) {
    r.provider_name = provider.provider->legal_name;
    const auto* branch = provider.provider->branch(r.habilitation_code);
    if (!branch && !provider.provider->branches.empty()) branch = &provider.provider->branches.front();
    if (branch) {
      if (r.habilitation_code.empty()) r.habilitation_code = branch->habilitation_code;
      r.provider_municipality_code = branch->municipality_code;
      if (const auto m = ctx.catalogs->municipality(branch->municipality_code))
        r.provider_municipality_name = m->name;
    }
  }
  const auto bytes = files.front()->content;
  r.attachment.kind = std::string(to_string(*kind));
  r.attachment.size = static_cast<long long>(bytes.size());
  r.attachment.sha256 = security::sha256_hex(bytes);

  // Issue 17 item 2: the file is written and fsynced first, the row committed, then the file renamed
  // into place: both or neither (attachment_files.hpp).
  const auto staged = ctx.files->stage(bytes, r.attachment.sha256, *kind);
  r.attachment.stored_name = staged.stored_name;
  const auto now_text = core::to_rfc3339(now);
  http::Response answer;
  bool stored = false;
  try {
    answer = http::idempotent(*ctx.idempotency, req, now_text, [&](http::IdempotentWrite& keyed) {
      auto committed = keyed.commit<Report>(
          *ctx.db, nullptr,
          [&](db::Connection& c) {
            Report saved = r;
            saved.id = report_store::insert(c, r);
            audit::record(c, audit::entry_for(req, now, "inconsistency_report_filed", "inconsistency_report",
                                              std::to_string(saved.id),
                                              "{\"type\":\"" + std::string(to_string(r.type)) + "\"}"));
            events::publish(c, filed_event(saved, now));
            return saved;
          },
          [&](const Report& saved) { return created(saved, ctx, req.lang); });
      stored = committed.value.has_value();
      return committed.response;
    });
  } catch (...) {
    ctx.files->discard(staged);
    throw;
  }
  if (!stored) {
    ctx.files->discard(staged);  // a replayed answer or a refusal: this request stored nothing
    return answer;
  }
  try {
    ctx.files->publish(staged);
  } catch (const std::exception& e) {
    // The row is committed and the bytes are on disk as tmp/<name>.part: reads find them there and the
    // start-up sweep completes the rename.
    ctx.logger.error("attachment_publish_failed",
                     {{"name", staged.stored_name}, {"error", std::string(e.what())}});
  }
  if (ctx.events) ctx.events->wake();
  if (ctx.metrics) ctx.metrics->filed(to_string(r.type));
  ctx.logger.info("inconsistency_report_filed", {{"type", std::string(to_string(r.type))},
                                                 {"by", req.principal->subject},
                                                 {"request_id", req.request_id}});
  return answer;
}

http::Response get_report(InconsistenciesContext& ctx, http::Request& req) {
  auto [denied, access] = require(req, &InconsistencyAccess::read);
  if (denied) return std::move(*denied);
  auto v = visible_report(ctx, req, access);
  if (v.refused) return std::move(*v.refused);
  return http::Response::json(200, report_body(v.report, Labels{ctx.insurer, req.lang}))
      .with_language(req.lang);
}

http::Response list_reports(InconsistenciesContext& ctx, http::Request& req) {
  auto [denied, access] = require(req, &InconsistencyAccess::read);
  if (denied) return std::move(*denied);
  core::FieldErrors errors;
  const auto filter = read_filter(req.query, *ctx.catalogs, errors);
  const auto page = http::read_page(req, http::PageLimits{}, errors);
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  // INC-4 (manual 001 §4.3.3): "sin datos por defecto" — no filter, no rows.
  std::vector<Report> items;
  long long total = 0;
  if (filter.any()) {
    std::tie(items, total) = ctx.db->read([&](db::Connection& c) {
      return std::pair{report_store::list(c, filter, access.own_provider, page),
                       report_store::count(c, filter, access.own_provider)};
    });
  }
  const Labels labels{ctx.insurer, req.lang};
  return http::list_response(req, page, total,
                             [&](json::Writer& w) {
                               for (const auto& r : items) write_report(w, r, labels, true);
                             })
      .with_language(req.lang);
}

http::Response get_attachment(InconsistenciesContext& ctx, http::Request& req) {
  auto [denied, access] = require(req, &InconsistencyAccess::read);
  if (denied) return std::move(*denied);
  auto v = visible_report(ctx, req, access);
  if (v.refused) return std::move(*v.refused);
  const auto bytes = ctx.files->read(v.report.attachment.stored_name);
  if (!bytes) {
    ctx.logger.error("attachment_missing", {{"id", v.report.id}, {"name", v.report.attachment.stored_name}});
    return http::problem(req, http::storage_unavailable());
  }
  const auto kind = file_kind_from_string(v.report.attachment.kind).value_or(FileKind::pdf);
  http::Response res;
  res.status = 200;
  res.content_type = std::string(media_type(kind));
  res.body = *bytes;
  // INC-2: a download, never rendered in the API's origin; the detected type only, and no sniffing.
  res.with_header("Content-Disposition", "attachment; filename=\"informe-" + std::to_string(v.report.id) +
                                             "-adjunto" + std::string(file_extension(kind)) + "\"");
  res.with_header("X-Content-Type-Options", "nosniff");
  res.with_header("Content-Security-Policy", "default-src 'none'; sandbox");
  res.with_header("Cache-Control", "private, no-store");
  return res;
}

}  // namespace

void register_report_routes(http::Server& server, InconsistenciesContext& ctx) {
  const std::string base = kReports;
  server.route(http::Method::post, base, [&ctx](http::Request& req) { return create(ctx, req); });
  server.route(http::Method::get, base, [&ctx](http::Request& req) { return list_reports(ctx, req); });
  server.route(http::Method::get, base + "/:id", [&ctx](http::Request& req) { return get_report(ctx, req); });
  server.route(http::Method::get, base + "/:id/attachment",
               [&ctx](http::Request& req) { return get_attachment(ctx, req); });
}

}  // namespace portal::inconsistencies
