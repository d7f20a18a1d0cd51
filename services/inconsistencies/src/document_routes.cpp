// INC-5 and issue 17 item 1: GET /api/v1/inconsistency-reports/{id}/report.pdf — the document in force at the
// report's date (Res. 2335 data update report from 1 April 2026, Res. 3047 Anexo 1 before); annex1.pdf is the
// same route under the manual's name. Another provider's report is 404, like the detail.
#include "inconsistencies_http.hpp"
#include "portal/catalog/catalogs.hpp"
#include "portal/directory/provider_directory.hpp"
#include "report_document.hpp"
#include "routes.hpp"

namespace portal::inconsistencies {
namespace {

http::Response document(InconsistenciesContext& ctx, http::Request& req) {
  auto [denied, access] = require(req, &InconsistencyAccess::read);
  if (denied) return std::move(*denied);
  auto v = visible_report(ctx, req, access);
  if (v.refused) return std::move(*v.refused);
  const Report& r = v.report;
  DocumentContext doc;
  doc.insurer = ctx.insurer;
  doc.payer_code = ctx.payer_code;
  doc.generated_at = ctx.clock.now();
  const auto letterhead =
      directory::provider_letterhead(*ctx.providers, *ctx.catalogs, r.provider_nit, r.habilitation_code,
                                     r.provider_name, req.bearer_token, req.request_id);
  doc.provider_email = letterhead.email;
  doc.provider_address = letterhead.address;
  doc.provider_department_name = letterhead.department_name;
  doc.provider_municipality_name = letterhead.municipality_name;
  auto pdf = render_document_in_force(r, doc, *ctx.catalogs);
  http::Response res;
  res.status = 200;
  res.content_type = "application/pdf";
  res.body = std::move(pdf.bytes);
  res.with_header("Content-Disposition", "attachment; filename=\"" + pdf.file_name + "\"");
  return res;
}

}  // namespace

void register_document_routes(http::Server& server, InconsistenciesContext& ctx) {
  for (const char* path : {"/:id/report.pdf", "/:id/annex1.pdf"}) {
    server.route(http::Method::get, std::string(kReports) + path,
                 [&ctx](http::Request& req) { return document(ctx, req); });
  }
}

}  // namespace portal::inconsistencies
