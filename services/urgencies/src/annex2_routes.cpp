// URG-4 and issue 11: GET /api/v1/urgencies/{id}/report.pdf — the document in force at the notification's
// date (Res. 2335 emergency care report from 1 April 2026, Res. 3047 Anexo 2 before) of a notification the
// caller may read (another provider's is 404, like the detail). annex2.pdf is the same route under its
// pre-issue-11 name, kept for old clients.
#include "annex2_pdf.hpp"
#include "emergency_report.hpp"
#include "portal/catalog/catalogs.hpp"
#include "portal/directory/provider_directory.hpp"
#include "routes.hpp"
#include "urgencies_http.hpp"

namespace portal::urgencies {
namespace {

// The provider's branch as the registry describes it (libs/directory: the one copy every document uses).
void describe_provider(UrgenciesContext& ctx, const http::Request& req, const Notification& n,
                       Annex2Context& out) {
  const auto letterhead =
      directory::provider_letterhead(*ctx.providers, *ctx.catalogs, n.provider_nit, n.habilitation_code,
                                     n.provider_name, req.bearer_token, req.request_id);
  out.provider_legal_name = letterhead.legal_name;
  out.provider_nit = n.provider_nit;
  out.provider_habilitation_code = n.habilitation_code;
  out.provider_email = letterhead.email;
  out.provider_address = letterhead.address;
  out.provider_department_name = letterhead.department_name;
  out.provider_municipality_name = letterhead.municipality_name;
}

}  // namespace

Annex2Context document_context(UrgenciesContext& ctx, const http::Request& req, const Notification& n) {
  Annex2Context pdf;
  pdf.payer_name = ctx.payer.name;
  pdf.payer_code = ctx.payer.code;
  pdf.generated_at = ctx.clock.now();
  describe_provider(ctx, req, n, pdf);
  return pdf;
}

namespace {

http::Response report(UrgenciesContext& ctx, http::Request& req, const UrgencyAccess& access) {
  auto visible = visible_notification(ctx, req, access);
  if (auto* answer = std::get_if<http::Response>(&visible)) return std::move(*answer);
  const Notification& found = std::get<Notification>(visible);
  auto document = render_document_in_force(found, document_context(ctx, req, found), *ctx.catalogs);
  http::Response res;
  res.status = 200;
  res.content_type = "application/pdf";
  res.body = std::move(document.bytes);
  res.with_header("Content-Disposition", "attachment; filename=\"" + document.file_name + "\"");
  return res;
}

}  // namespace

void register_annex2_routes(http::Server& server, UrgenciesContext& ctx) {
  for (const char* path : {"/:id/report.pdf", "/:id/annex2.pdf"}) {
    server.route(http::Method::get, std::string{kBase} + path, [&ctx](http::Request& req) {
      auto allowed = require_read(req);
      if (allowed.denied) return std::move(*allowed.denied);
      return report(ctx, req, allowed.access);
    });
  }
}

}  // namespace portal::urgencies
