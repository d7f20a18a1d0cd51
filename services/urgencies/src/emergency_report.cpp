// Issue 11: procedure 2 of Res. 2335 de 2023 from a stored notification. The layout is libs/documents'
// one matrix report; this file only says which value goes in which numbered field.
#include "emergency_report.hpp"

#include "portal/core/regulation.hpp"
#include "portal/documents/date_format.hpp"
#include "portal/documents/field_values.hpp"

namespace portal::urgencies {
namespace {

using documents::Field;
using documents::or_fallback;
using documents::res2335::coded;
using documents::res2335::coded_municipality;
using documents::res2335::matrix_date_time;
using documents::res2335::MatrixRecord;
using documents::res2335::Procedure;
using documents::res2335::set;

}  // namespace

MatrixRecord emergency_care_record(const Notification& n, const Annex2Context& ctx,
                                   const catalog::Catalogs& catalogs) {
  const NotificationDraft& d = n.draft;
  const AffiliateFacts& a = n.affiliate;
  MatrixRecord r;
  r.procedure = Procedure::emergency_care;
  documents::res2335::set_procedure(r);
  set(r, 2, d.attention_number);  // the provider's consecutive (URG-1 attention number)
  set(r, 3, matrix_date_time(n.notified_at), documents::format_bogota_date_time(n.notified_at));
  set(r, 6, or_fallback(ctx.provider_nit, n.provider_nit));
  set(r, 7, or_fallback(ctx.provider_habilitation_code, n.habilitation_code));
  set(r, 8, ctx.payer_code, ctx.payer_name.empty() ? "" : ctx.payer_code + " - " + ctx.payer_name);
  set(r, 9, a.first_surname);
  set(r, 10, a.second_surname);
  set(r, 11, a.first_name);
  set(r, 12, a.second_name);
  set(r, 13, a.document_type, coded(catalogs, catalog::kDocumentTypes, a.document_type));
  // A newborn "hijo de" is reported under its mother's document (manual 000), numbered for twins.
  const std::optional<int> child = a.child_number ? a.child_number : d.affiliate.child_number;
  set(r, 14, a.document_number,
      child ? a.document_number + " (hijo n.º " + std::to_string(*child) + " de la titular del documento)"
            : std::string{});
  set(r, 15, a.birth_date, documents::format_plain_date(a.birth_date));
  set(r, 16, a.address);
  set(r, 17, a.phone);
  set(r, 18, a.municipality_code, coded_municipality(catalogs, a.municipality_code));
  set(r, 20, d.care_address.value_or(""));
  set(r, 23, d.care_cause, coded(catalogs, catalog::kCareCauses, d.care_cause));
  if (d.triage >= 1 && d.triage <= 5) {
    std::string display = std::to_string(d.triage);
    if (const catalog::Catalog* c = catalogs.get(catalog::kTriage))
      for (const catalog::Item& item : c->items())
        if (item.number("level", 0) == d.triage) display = item.description;
    set(r, 24, std::to_string(d.triage), display);
  }
  set(r, 25, matrix_date_time(d.admitted_at), documents::format_bogota_date_time(d.admitted_at));
  set(r, 26, d.admission_route, coded(catalogs, catalog::kAdmissionRoutes, d.admission_route));
  if (d.referral.is_referred) {
    std::string display = d.referral.habilitation_code.value_or("");
    if (d.referral.provider_name) display += (display.empty() ? "" : " - ") + *d.referral.provider_name;
    set(r, 27, d.referral.habilitation_code.value_or(""), display);
  }
  documents::res2335::set_diagnoses(r, catalogs, d.diagnoses.principal, d.diagnoses.related);
  set(r, 32, d.condition_destination,
      coded(catalogs, catalog::kConditionDestinations, d.condition_destination));
  return r;
}

std::string render_emergency_report_pdf(const Notification& n, const Annex2Context& ctx,
                                        const catalog::Catalogs& catalogs) {
  const std::string provider = or_fallback(ctx.provider_legal_name, n.provider_name);
  const std::string nit = or_fallback(ctx.provider_nit, n.provider_nit);
  documents::DocumentOptions options;
  options.title = "INFORME DE LA ATENCIÓN DE URGENCIAS";
  options.subtitle =
      "Procedimiento 2 · Anexo Técnico No. 1 · Resolución 2335 de 2023 · Ministerio de Salud y Protección "
      "Social";
  options.issuer = provider + " · NIT " + nit;
  options.payer = "Entidad responsable del pago: " + ctx.payer_name +
                  (ctx.payer_code.empty() ? "" : " (" + ctx.payer_code + ")");
  options.generated_at = ctx.generated_at;
  options.footer_note = "Número de atención " + n.draft.attention_number;
  options.info_title = "Res. 2335 de 2023 - Informe de la atención de urgencias " + n.draft.attention_number;
  options.info_author = provider;
  // The reporting entity is not a numbered field; the issue asks for its name, NIT and e-mail from the
  // provider record.
  const std::vector<std::vector<Field>> reporter = {
      {Field::text("Entidad que reporta", provider, 0.5), Field::text("NIT", nit, 0.2),
       Field::text("Correo electrónico de la entidad", ctx.provider_email, 0.3)}};
  return documents::res2335::render_report(emergency_care_record(n, ctx, catalogs), std::move(options),
                                           reporter);
}

ReportDocument render_document_in_force(const Notification& n, const Annex2Context& ctx,
                                        const catalog::Catalogs& catalogs) {
  if (core::format_in_force(n.notified_at) == core::RecordFormat::res3047)
    return {render_annex2_pdf(n, ctx, catalogs), annex2_file_name(n)};
  return {render_emergency_report_pdf(n, ctx, catalogs), notification_file_name("InformeUrgencias", n)};
}

}  // namespace portal::urgencies
