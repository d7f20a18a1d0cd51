// The Anexo 1 layout follows the printed form of Res. 3047 de 2008 and the fields of manual 001 §4.1.3.2,
// section by section: encabezado (número, fecha y hora, tipo), prestador, entidad responsable del pago,
// datos del afiliado en la base de datos, variables presuntamente incorrectas, datos según el documento de
// identificación, datos de contacto, observación y adjunto, persona que reporta.
#include "report_document.hpp"

#include <algorithm>

#include "portal/core/regulation.hpp"
#include "portal/documents/date_format.hpp"
#include "portal/documents/document.hpp"

namespace portal::inconsistencies {
namespace {

using documents::Field;
using documents::res2335::coded;
using documents::res2335::coded_municipality;
using documents::res2335::matrix_date_time;
using documents::res2335::MatrixRecord;
using documents::res2335::set;

bool has(const std::vector<Variable>& vs, Variable v) {
  return std::find(vs.begin(), vs.end(), v) != vs.end();
}

std::string place(const catalog::Catalogs& catalogs, const std::string& municipality_code, bool department) {
  const auto m = catalogs.municipality(municipality_code);
  if (!m) return municipality_code;
  return department ? m->department_name : m->name;
}

// The person as the report describes them: the document's data for the chosen variables, the registry's
// for the rest (a data_mismatch report); for not_in_database everything is the document's.
struct Person {
  std::string first_surname, second_surname, first_name, second_name, document_type, document_number,
      birth_date;
};

Person person_of(const Report& r) {
  const auto& d = r.draft.document;
  Person p;
  const RegistryAffiliate empty;
  const auto& reg = r.registry ? *r.registry : empty;
  const bool surnames = r.type == ReportType::not_in_database || has(r.draft.variables, Variable::surnames);
  const bool names = r.type == ReportType::not_in_database || has(r.draft.variables, Variable::names);
  const bool document =
      r.type == ReportType::not_in_database || has(r.draft.variables, Variable::document_and_birth_date);
  p.first_surname = surnames ? d.first_surname : reg.first_surname;
  p.second_surname = surnames ? d.second_surname : reg.second_surname;
  p.first_name = names ? d.first_name : reg.first_name;
  p.second_name = names ? d.second_name : reg.second_name;
  p.document_type = document ? d.document_type : reg.document_type;
  p.document_number = document ? d.document_number : reg.document_number;
  p.birth_date = document ? d.birth_date : reg.birth_date;
  return p;
}

}  // namespace

std::string render_annex1_pdf(const Report& r, const DocumentContext& ctx,
                              const catalog::Catalogs& catalogs) {
  documents::DocumentOptions options;
  options.title =
      "INFORME DE POSIBLES INCONSISTENCIAS EN LA BASE DE DATOS DE LA ENTIDAD RESPONSABLE DEL PAGO";
  options.subtitle = "Anexo Técnico No. 1 · Resolución 3047 de 2008 · Ministerio de la Protección Social";
  options.issuer = r.provider_name + " · NIT " + r.provider_nit;
  options.payer = "Entidad responsable del pago: " + ctx.insurer;
  options.generated_at = ctx.generated_at;
  options.footer_note = "Informe N.º " + std::to_string(r.id);
  options.info_title = "Anexo 1 - Informe de inconsistencias " + std::to_string(r.id);
  options.info_author = r.provider_name;
  documents::DocumentBuilder pdf(options);
  pdf.row({Field::text("Número informe", std::to_string(r.id), 0.2),
           Field::text("Fecha", documents::format_bogota_date(r.filed_at), 0.15),
           Field::text("Hora", documents::format_bogota_time(r.filed_at), 0.15),
           Field::text("Tipo de inconsistencia", type_label(r.type, ctx.insurer), 0.5)});
  pdf.row({Field::text("Estado", status_label(r.status, ctx.insurer))});

  pdf.section("INFORMACIÓN DEL PRESTADOR");
  pdf.row({Field::text("Nombre", r.provider_name, 0.5), Field::text("NIT", r.provider_nit, 0.2),
           Field::text("Código de habilitación", r.habilitation_code, 0.3)});
  pdf.row({Field::text("Dirección del prestador", ctx.provider_address, 0.35),
           Field::text("Correo electrónico", ctx.provider_email, 0.25),
           Field::text("Departamento", ctx.provider_department_name, 0.2),
           Field::text("Municipio",
                       ctx.provider_municipality_name.empty() ? r.provider_municipality_name
                                                              : ctx.provider_municipality_name,
                       0.2)});
  pdf.section("ENTIDAD RESPONSABLE DEL PAGO");
  pdf.row({Field::text("Nombre", ctx.insurer, 0.75), Field::text("Código", ctx.payer_code, 0.25)});

  const RegistryAffiliate empty;
  const auto& reg = r.registry ? *r.registry : empty;
  pdf.section("DATOS DEL USUARIO EN LA BASE DE DATOS DE LA ENTIDAD");
  pdf.row({Field::text("Primer apellido", reg.first_surname, 0.25),
           Field::text("Segundo apellido", reg.second_surname, 0.25),
           Field::text("Primer nombre", reg.first_name, 0.25),
           Field::text("Segundo nombre", reg.second_name, 0.25)});
  pdf.row({Field::text("Tipo de documento",
                       coded(catalogs, catalog::kDocumentTypes,
                             r.registry ? reg.document_type : r.draft.affiliate_document_type),
                       0.4),
           Field::text("Número de documento",
                       r.registry ? reg.document_number : r.draft.affiliate_document_number, 0.3),
           Field::text("Fecha de nacimiento", documents::format_plain_date(reg.birth_date), 0.3)});

  pdf.section("INFORMACIÓN DE LA POSIBLE INCONSISTENCIA");
  pdf.row({Field::choice("Variable presuntamente incorrecta",
                         {{"Documento identificación y fecha nacimiento",
                           has(r.draft.variables, Variable::document_and_birth_date)},
                          {"Primer y segundo nombre", has(r.draft.variables, Variable::names)},
                          {"Primer y segundo apellido", has(r.draft.variables, Variable::surnames)}})});
  pdf.section("DATOS SEGÚN DOCUMENTO DE IDENTIFICACIÓN (FÍSICO)");
  const auto& d = r.draft.document;
  pdf.row({Field::text("Primer apellido", d.first_surname, 0.25),
           Field::text("Segundo apellido", d.second_surname, 0.25),
           Field::text("Primer nombre", d.first_name, 0.25),
           Field::text("Segundo nombre", d.second_name, 0.25)});
  pdf.row({Field::text("Tipo de documento", coded(catalogs, catalog::kDocumentTypes, d.document_type), 0.4),
           Field::text("Número de documento", d.document_number, 0.3),
           Field::text("Fecha de nacimiento (dd/mm/aaaa)", documents::format_plain_date(d.birth_date), 0.3)});

  pdf.section("DATOS DE CONTACTO DEL AFILIADO");
  const auto& c = r.draft.contact;
  pdf.row({Field::text("Dirección de residencia habitual", c.address, 0.4),
           Field::text("Teléfono", c.phone, 0.2), Field::text("Celular", c.mobile, 0.2),
           Field::text("Correo electrónico", c.email, 0.2)});
  pdf.row({Field::text("Departamento", place(catalogs, c.municipality_code, true), 0.5),
           Field::text("Municipio", place(catalogs, c.municipality_code, false), 0.5)});

  pdf.section("OBSERVACIÓN Y ADJUNTOS");
  pdf.row({Field::text("Observación", r.draft.observation)});
  pdf.row({Field::text("Documento adjunto",
                       "Documento de identificación (" + r.attachment.kind + ", " +
                           std::to_string(r.attachment.size) + " bytes)",
                       0.4),
           Field::text("SHA-256", r.attachment.sha256, 0.6)});

  pdf.section("INFORMACIÓN DE LA PERSONA QUE REPORTA");
  const auto& rep = r.draft.reporter;
  pdf.row({Field::text("Documento", rep.document_number, 0.2), Field::text("Nombre", rep.name, 0.35),
           Field::text("Teléfono / Celular",
                       rep.phone + (rep.phone.empty() || rep.mobile.empty() ? "" : " / ") + rep.mobile, 0.2),
           Field::text("Cargo", rep.position, 0.25)});
  if (!r.steps.empty()) {
    pdf.section("TRÁMITE DE LA ENTIDAD");
    std::vector<std::vector<std::string>> rows;
    for (const auto& s : r.steps) {
      const auto at = core::parse_rfc3339(s.processed_at);
      rows.push_back({at ? documents::format_bogota_date_time(*at) : s.processed_at,
                      status_label(s.to, ctx.insurer), s.note});
    }
    pdf.table({{"Fecha", 0.2}, {"Estado", 0.3}, {"Observación", 0.5}}, rows);
  }
  return pdf.finish();
}

MatrixRecord data_update_record(const Report& r, const DocumentContext& ctx,
                                const catalog::Catalogs& catalogs) {
  MatrixRecord m;
  m.procedure = documents::res2335::Procedure::data_update;
  documents::res2335::set_procedure(m);
  set(m, 2, std::to_string(r.id));
  set(m, 3, matrix_date_time(r.filed_at), documents::format_bogota_date_time(r.filed_at));
  set(m, 6, r.provider_nit);
  set(m, 7, r.habilitation_code);
  set(m, 8, ctx.payer_code, ctx.insurer.empty() ? "" : ctx.payer_code + " - " + ctx.insurer);
  const auto p = person_of(r);
  set(m, 9, p.first_surname);
  set(m, 10, p.second_surname);
  set(m, 11, p.first_name);
  set(m, 12, p.second_name);
  set(m, 13, p.document_type, coded(catalogs, catalog::kDocumentTypes, p.document_type));
  set(m, 14, p.document_number);
  set(m, 15, p.birth_date, documents::format_plain_date(p.birth_date));
  const auto& c = r.draft.contact;
  set(m, 16, c.address);
  set(m, 17, c.phone.empty() ? c.mobile : c.phone);
  set(m, 18, c.municipality_code, coded_municipality(catalogs, c.municipality_code));
  set(m, 19, c.email);
  set(m, 20, c.alternative_address);
  set(m, 21, c.emergency_contact_name);
  set(m, 22, c.emergency_contact_phone);
  return m;
}

std::string render_data_update_pdf(const Report& r, const DocumentContext& ctx,
                                   const catalog::Catalogs& catalogs) {
  documents::DocumentOptions options;
  options.title = "REPORTE DE ACTUALIZACIÓN DE DATOS DE LA PERSONA";
  options.subtitle =
      "Procedimiento 1 · Anexo Técnico No. 1 · Resolución 2335 de 2023 · Ministerio de Salud y Protección "
      "Social";
  options.issuer = r.provider_name + " · NIT " + r.provider_nit;
  options.payer = "Entidad responsable del pago: " + ctx.insurer +
                  (ctx.payer_code.empty() ? "" : " (" + ctx.payer_code + ")");
  options.generated_at = ctx.generated_at;
  options.footer_note = "Informe N.º " + std::to_string(r.id) + " · " + type_label(r.type, ctx.insurer);
  options.info_title = "Res. 2335 de 2023 - Reporte de actualización de datos " + std::to_string(r.id);
  options.info_author = r.provider_name;
  // The manual's variables and the reporter are not numbered fields of the matrix; they are kept as extra
  // rows (SPEC §13: keep the manual's variables and flow).
  std::string variables;
  for (auto v : r.draft.variables) {
    if (!variables.empty()) variables += "; ";
    variables += v == Variable::document_and_birth_date ? "Documento identificación y fecha nacimiento"
                 : v == Variable::names                 ? "Primer y segundo nombre"
                                                        : "Primer y segundo apellido";
  }
  const auto& rep = r.draft.reporter;
  const std::vector<std::vector<Field>> extra = {
      {Field::text("Tipo de inconsistencia", type_label(r.type, ctx.insurer), 0.5),
       Field::text("Variables presuntamente incorrectas", variables, 0.5)},
      {Field::text("Persona que reporta", rep.name + " · " + rep.document_number, 0.4),
       Field::text("Cargo", rep.position, 0.3),
       Field::text("Teléfono / Celular",
                   rep.phone + (rep.phone.empty() || rep.mobile.empty() ? "" : " / ") + rep.mobile, 0.3)},
      {Field::text("Celular de la persona", r.draft.contact.mobile, 0.3),
       Field::text("Observación", r.draft.observation, 0.7)}};
  return documents::res2335::render_report(data_update_record(r, ctx, catalogs), std::move(options), extra);
}

ReportDocument render_document_in_force(const Report& r, const DocumentContext& ctx,
                                        const catalog::Catalogs& catalogs) {
  const auto n = std::to_string(r.id);
  if (core::format_in_force(r.filed_at) == core::RecordFormat::res3047)
    return {render_annex1_pdf(r, ctx, catalogs), "Anexo1-Informe-" + n + ".pdf"};
  return {render_data_update_pdf(r, ctx, catalogs), "ReporteActualizacionDatos-" + n + ".pdf"};
}

}  // namespace portal::inconsistencies
