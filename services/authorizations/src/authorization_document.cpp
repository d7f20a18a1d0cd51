// The 3047 Anexo 4 layout follows the printed "Autorización de servicios de salud" section by section:
// número de autorización, fecha y hora; entidad responsable del pago; paciente; prestador autorizado;
// servicios autorizados; pagos compartidos; solicitud que origina. The denial ("negación de servicios")
// prints the treating doctor, the denied lines with their justification and the alternatives.
#include "authorization_document.hpp"

#include <algorithm>
#include <cstdio>

#include "portal/core/regulation.hpp"
#include "portal/documents/date_format.hpp"
#include "portal/documents/document.hpp"

namespace portal::authorizations {
namespace {

using documents::Field;
using documents::res2335::coded;
using documents::res2335::MatrixRecord;
using documents::res2335::Procedure;
using documents::res2335::set;

// "$ 1.423.500" (thousands with dots, as Colombian documents print pesos).
std::string pesos(long long n) {
  const std::string digits = std::to_string(n);
  std::string out = "$ ";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back('.');
    out.push_back(digits[i]);
  }
  return out;
}

std::string percent(double p) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f", p);
  std::string s = buf;
  std::replace(s.begin(), s.end(), '.', ',');
  return s + " %";
}

std::string line_description(const RequestLine& l, const catalog::Catalogs& catalogs) {
  if (l.type == LineType::procedure) {
    if (const auto p = catalogs.procedure(l.code, l.classification)) return p->description;
    return {};
  }
  return l.type == LineType::medicine ? "Medicamento" : "Otro servicio o dispositivo";
}

bool line_is(const AuthorizationRequest& r, std::size_t i, std::string_view outcome) {
  return i < r.line_outcome.size() && r.line_outcome[i] == outcome;
}

std::string provider_name(const AuthorizationRequest& r, const DocumentContext& ctx) {
  return ctx.provider_legal_name.empty() ? r.provider_name : ctx.provider_legal_name;
}

documents::DocumentOptions options_for(const AuthorizationRequest& r, const DocumentContext& ctx,
                                       std::string title, std::string subtitle, std::string footer) {
  documents::DocumentOptions o;
  o.title = std::move(title);
  o.subtitle = std::move(subtitle);
  o.issuer = ctx.payer_name + (ctx.payer_code.empty() ? "" : " (" + ctx.payer_code + ")");
  o.payer = "Prestador: " + provider_name(r, ctx) + " · NIT " + r.provider_nit;
  o.generated_at = ctx.generated_at;
  o.footer_note = footer;
  o.info_title = footer;
  o.info_author = ctx.payer_name;
  return o;
}

void patient_rows(documents::DocumentBuilder& pdf, const AuthorizationRequest& r,
                  const catalog::Catalogs& catalogs) {
  const auto& a = r.affiliate;
  pdf.section("DATOS DEL PACIENTE");
  pdf.row({Field::text("Primer apellido", a.first_surname, 0.25),
           Field::text("Segundo apellido", a.second_surname, 0.25),
           Field::text("Primer nombre", a.first_name, 0.25),
           Field::text("Segundo nombre", a.second_name, 0.25)});
  std::string residence = a.municipality_code;
  if (const auto m = catalogs.municipality(a.municipality_code))
    residence = m->name + " (" + m->department_name + ")";
  pdf.row({Field::text("Documento de identificación", a.document_type + " " + a.document_number, 0.35),
           Field::text("Fecha de nacimiento", documents::format_plain_date(a.birth_date), 0.2),
           Field::text("Residencia", residence, 0.25),
           Field::text("Cobertura",
                       a.regime == "contributory" ? "Régimen contributivo" : "Régimen subsidiado", 0.2)});
  pdf.row({Field::text("Dirección", a.address, 0.6), Field::text("Teléfono", a.phone, 0.4)});
}

std::string render_annex4_pdf(const AuthorizationRequest& r, const AuthorizationRecord& a,
                              const SharedPayment& p, const DocumentContext& ctx,
                              const catalog::Catalogs& catalogs) {
  documents::DocumentBuilder pdf(
      options_for(r, ctx, "AUTORIZACIÓN DE SERVICIOS DE SALUD",
                  "Anexo técnico No. 4 · Resolución 3047 de 2008 · Ministerio de la Protección Social",
                  "Anexo 4 - Autorización " + a.number));
  pdf.row({Field::text("Número de autorización", a.number, 0.4),
           Field::text("Fecha", documents::format_bogota_date(a.issued_at), 0.3),
           Field::text("Hora", documents::format_bogota_time(a.issued_at), 0.3)});
  pdf.section("ENTIDAD RESPONSABLE DEL PAGO");
  pdf.row({Field::text("Nombre", ctx.payer_name, 0.7), Field::text("Código", ctx.payer_code, 0.3)});
  patient_rows(pdf, r, catalogs);
  pdf.section("PRESTADOR AUTORIZADO");
  const bool referred = r.referred_to.has_value();
  pdf.row({Field::text("Nombre", referred ? r.referred_to->name : provider_name(r, ctx), 0.5),
           Field::text("NIT", a.provider_nit, 0.2),
           Field::text("Código de habilitación", a.habilitation_code, 0.3)});
  if (!referred) {
    pdf.row({Field::text("Dirección", ctx.provider_address, 0.5),
             Field::text("Departamento", ctx.provider_department_name, 0.25),
             Field::text("Municipio", ctx.provider_municipality_name, 0.25)});
  }
  pdf.section("SERVICIOS AUTORIZADOS");
  pdf.row({Field::text("Ubicación del paciente",
                       coded(catalogs, catalog::kPatientLocations, r.draft.patient_location), 0.4),
           Field::text("Servicio", coded(catalogs, catalog::kServices, r.draft.service), 0.4),
           Field::text("Cama", r.draft.bed_number.value_or(""), 0.2)});
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < r.draft.lines.size(); ++i) {
    if (!line_is(r, i, "approved")) continue;
    const auto& l = r.draft.lines[i];
    rows.push_back({l.code, std::to_string(l.quantity), line_description(l, catalogs)});
  }
  pdf.table({{"Código", 0.16}, {"Cantidad", 0.12}, {"Descripción", 0.72}}, rows);
  pdf.section("PAGOS COMPARTIDOS");
  pdf.row({Field::text("Tipo", coded(catalogs, catalog::kSharedPaymentTypes, p.type), 0.3),
           Field::text("Nivel", std::to_string(p.level), 0.1),
           Field::text("Porcentaje del valor del servicio", p.copay_percent ? percent(*p.copay_percent) : "",
                       0.2),
           Field::text("Valor de la cuota moderadora", p.type == "02" ? pesos(p.amount) : "", 0.2),
           Field::text("Valor máximo (tope por evento)", p.copay_cap ? pesos(*p.copay_cap) : "", 0.2)});
  pdf.section("SOLICITUD QUE ORIGINA LA AUTORIZACIÓN");
  pdf.row({Field::text("Número de solicitud", r.draft.request_number, 0.4),
           Field::text("Fecha", documents::format_bogota_date(r.created_at), 0.3),
           Field::text("Hora", documents::format_bogota_time(r.created_at), 0.3)});
  return pdf.finish();
}

}  // namespace

MatrixRecord authorization_record(const AuthorizationRequest& q, const AuthorizationRecord& a,
                                  const SharedPayment& p, const DocumentContext& ctx,
                                  const catalog::Catalogs& catalogs) {
  // Fields 6-18 and 35 are the request's (procedure 3); then the authorization's own.
  MatrixRecord r = authorization_request_record(q, ctx, catalogs);
  r.procedure = Procedure::authorization;
  r.lines.clear();
  documents::res2335::set_procedure(r);
  set(r, 2, a.number);
  set(r, 3, core::bogota_date_string(a.issued_at), documents::format_bogota_date_time(a.issued_at));
  set(r, 4, q.draft.request_number);
  set(r, 5, core::bogota_date_string(q.created_at), documents::format_bogota_date_time(q.created_at));
  set(r, 6, a.provider_nit);
  set(r, 7, a.habilitation_code);
  const auto full = authorization_request_record(q, ctx, catalogs);
  for (std::size_t i = 0; i < q.draft.lines.size() && i < full.lines.size(); ++i) {
    if (line_is(q, i, "approved")) r.lines.push_back(full.lines[i]);
  }
  set(r, 45, p.type, coded(catalogs, catalog::kSharedPaymentTypes, p.type));
  set(r, 46, std::to_string(p.level), coded(catalogs, catalog::kPersonLevels, std::to_string(p.level)));
  set(r, 47, std::to_string(p.amount),
      p.copay_percent ? "0 (copago: " + percent(*p.copay_percent) + " del valor del servicio)"
                      : pesos(p.amount));
  if (p.copay_cap) set(r, 48, std::to_string(*p.copay_cap), pesos(*p.copay_cap));
  return r;
}

RequestDocument render_authorization_document(const AuthorizationRequest& q, const AuthorizationRecord& a,
                                              const SharedPayment& p, const DocumentContext& ctx,
                                              const catalog::Catalogs& catalogs) {
  const std::string suffix = a.number + "-" + documents::compact_bogota_date(a.issued_at) + ".pdf";
  if (core::format_in_force(a.issued_at) == core::RecordFormat::res3047) {
    return {render_annex4_pdf(q, a, p, ctx, catalogs), "Anexo4-" + suffix};
  }
  auto options =
      options_for(q, ctx, "AUTORIZACIÓN",
                  "Procedimiento 4 · Anexo Técnico No. 1 · Resolución 2335 de 2023 · Ministerio de "
                  "Salud y Protección Social",
                  "Res. 2335 de 2023 - Autorización " + a.number);
  const std::vector<std::vector<Field>> reporter = {
      {Field::text("Entidad que autoriza", ctx.payer_name, 0.5), Field::text("Código", ctx.payer_code, 0.2),
       Field::text("Prestador que presta el servicio",
                   q.referred_to ? q.referred_to->name : provider_name(q, ctx), 0.3)}};
  return {documents::res2335::render_report(authorization_record(q, a, p, ctx, catalogs), std::move(options),
                                            reporter),
          "Autorizacion-" + suffix};
}

RequestDocument render_denial_document(const AuthorizationRequest& q, const DenialRecord& d,
                                       const DocumentContext& ctx, const catalog::Catalogs& catalogs) {
  const bool res2335 = core::format_in_force(d.issued_at) == core::RecordFormat::res2335;
  documents::DocumentBuilder pdf(options_for(
      q, ctx, "NEGACIÓN DE SERVICIOS DE SALUD",
      res2335 ? "Negación de la solicitud de autorización (procedimiento 3) · Resolución 2335 de 2023"
              : "Negación de servicios · Anexo técnico No. 4 · Resolución 3047 de 2008",
      "Negación " + d.number));
  pdf.row({Field::text("Número de negación", d.number, 0.4),
           Field::text("Fecha", documents::format_bogota_date(d.issued_at), 0.3),
           Field::text("Hora", documents::format_bogota_time(d.issued_at), 0.3)});
  pdf.section("ENTIDAD RESPONSABLE DEL PAGO");
  pdf.row({Field::text("Nombre", ctx.payer_name, 0.7), Field::text("Código", ctx.payer_code, 0.3)});
  patient_rows(pdf, q, catalogs);
  pdf.section("PRESTADOR SOLICITANTE");
  pdf.row({Field::text("Nombre", provider_name(q, ctx), 0.5), Field::text("NIT", q.provider_nit, 0.2),
           Field::text("Código de habilitación", q.habilitation_code, 0.3)});
  pdf.row({Field::text("Número de solicitud", q.draft.request_number, 0.4),
           Field::text("Fecha de la solicitud", documents::format_bogota_date_time(q.created_at), 0.6)});
  pdf.section("MÉDICO TRATANTE");
  pdf.row({Field::text("Nombre", d.doctor_name, 0.6), Field::text("Documento", d.doctor_document, 0.4)});
  pdf.section("SERVICIOS NEGADOS Y JUSTIFICACIÓN");
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < q.draft.lines.size(); ++i) {
    if (!line_is(q, i, "denied")) continue;
    const auto& l = q.draft.lines[i];
    rows.push_back({l.code, std::to_string(l.quantity), line_description(l, catalogs),
                    i < q.line_justification.size() ? q.line_justification[i] : d.justification});
  }
  pdf.table({{"Código", 0.12}, {"Cantidad", 0.1}, {"Descripción", 0.38}, {"Justificación", 0.4}}, rows);
  if (!d.justification.empty()) pdf.row({Field::text("Justificación de la negación", d.justification)});
  pdf.section("ALTERNATIVAS PARA EL PACIENTE");
  std::vector<std::vector<std::string>> alternatives;
  for (std::size_t i = 0; i < d.alternatives.size(); ++i)
    alternatives.push_back({std::to_string(i + 1), d.alternatives[i]});
  pdf.table({{"N.º", 0.08}, {"Alternativa", 0.92}}, alternatives);
  return {pdf.finish(), "Negacion-" + d.number + "-" + documents::compact_bogota_date(d.issued_at) + ".pdf"};
}

}  // namespace portal::authorizations
