// The Anexo 3 layout follows the printed Anexo técnico 3 of Resolución 3047 de 2008 section by section:
// encabezado (número de solicitud, fecha y hora), prestador, entidad responsable del pago, paciente,
// información de la atención y servicios solicitados, justificación, impresión diagnóstica, quién solicita.
#include "request_document.hpp"

#include "portal/core/regulation.hpp"
#include "portal/documents/date_format.hpp"
#include "portal/documents/document.hpp"
#include "portal/documents/field_values.hpp"

namespace portal::authorizations {
namespace {

using documents::catalog_options;
using documents::describe;
using documents::Field;
using documents::or_fallback;
using documents::res2335::coded;
using documents::res2335::coded_municipality;
using documents::res2335::matrix_date_time;
using documents::res2335::MatrixRecord;
using documents::res2335::MatrixValue;
using documents::res2335::Procedure;
using documents::res2335::set;

std::string sex_name(std::string_view sex) {
  if (sex == "F") return "Femenino";
  if (sex == "M") return "Masculino";
  return std::string(sex);
}

// Field 23 from the Anexo 3 origin: the same table docs/regulation.md gives for the urgencies mapping.
std::string care_cause_of(const std::string& origin) {
  if (origin == "general_illness") return "38";
  if (origin == "occupational_illness") return "39";
  if (origin == "work_accident") return "21";
  if (origin == "traffic_accident") return "23";
  if (origin == "catastrophic_event") return "27";
  return "";
}

std::string full_name(const AffiliateFacts& a) {
  std::string out;
  for (const auto* part : {&a.first_name, &a.second_name, &a.first_surname, &a.second_surname}) {
    if (part->empty()) continue;
    if (!out.empty()) out += ' ';
    out += *part;
  }
  return out;
}

}  // namespace

MatrixRecord authorization_request_record(const AuthorizationRequest& q, const DocumentContext& ctx,
                                          const catalog::Catalogs& catalogs) {
  const auto& d = q.draft;
  const auto& a = q.affiliate;
  MatrixRecord r;
  r.procedure = Procedure::authorization_request;
  documents::res2335::set_procedure(r);
  set(r, 2, d.request_number);
  set(r, 3, matrix_date_time(q.created_at), documents::format_bogota_date_time(q.created_at));
  set(r, 6, q.provider_nit);
  set(r, 7, q.habilitation_code);
  set(r, 8, ctx.payer_code, ctx.payer_name.empty() ? "" : ctx.payer_code + " - " + ctx.payer_name);
  set(r, 9, a.first_surname);
  set(r, 10, a.second_surname);
  set(r, 11, a.first_name);
  set(r, 12, a.second_name);
  set(r, 13, a.document_type, coded(catalogs, catalog::kDocumentTypes, a.document_type));
  set(r, 14, a.document_number,
      a.child_number ? a.document_number + " (hijo n.º " + std::to_string(*a.child_number) +
                           " de la titular del documento)"
                     : std::string{});
  set(r, 15, a.birth_date, documents::format_plain_date(a.birth_date));
  set(r, 16, a.address);
  set(r, 17, a.phone);
  set(r, 18, a.municipality_code, coded_municipality(catalogs, a.municipality_code));
  const auto cause = care_cause_of(d.attention_origin);
  set(r, 23, cause, coded(catalogs, catalog::kCareCauses, cause));
  documents::res2335::set_diagnoses(r, catalogs, d.diagnoses.principal, d.diagnoses.related);
  // Fields 33 and 34 carry the Anexo 3 codes (care_priorities, care_types: docs/regulation.md).
  if (d.priority) {
    const std::string code = *d.priority == "priority" ? "1" : "2";
    set(r, 33, code, coded(catalogs, catalog::kCarePriorities, code));
  }
  const std::string care_type = d.service_type == "post_emergency" ? "1" : "2";
  set(r, 34, care_type, coded(catalogs, catalog::kCareTypes, care_type));
  if (d.service_group)
    set(r, 35, *d.service_group, coded(catalogs, catalog::kRepsServiceGroups, *d.service_group));
  for (const auto& l : d.lines) {
    std::map<int, MatrixValue> line;
    const auto put = [&](int number, const std::string& value, const std::string& display = {}) {
      if (!value.empty()) line[number] = MatrixValue{value, display};
    };
    if (l.modality) put(36, *l.modality, coded(catalogs, catalog::kTechnologyModalities, *l.modality));
    const int code_field = l.type == LineType::procedure ? 38 : l.type == LineType::medicine ? 41 : 43;
    std::string display;
    if (l.type == LineType::procedure) {
      if (const auto p = catalogs.procedure(l.code, l.classification))
        display = l.code + " - " + p->description;
    }
    put(code_field, l.code, display);
    put(code_field + 1, std::to_string(l.quantity));
    if (l.purpose) put(40, *l.purpose, coded(catalogs, catalog::kTechnologyPurposes, *l.purpose));
    r.lines.push_back(std::move(line));
  }
  return r;
}

std::string render_annex3_pdf(const AuthorizationRequest& q, const DocumentContext& ctx,
                              const catalog::Catalogs& catalogs) {
  const auto& d = q.draft;
  const auto& a = q.affiliate;
  const std::string provider = or_fallback(ctx.provider_legal_name, q.provider_name);
  documents::DocumentOptions options;
  options.title = "SOLICITUD DE AUTORIZACIÓN DE SERVICIOS DE SALUD";
  options.subtitle = "Anexo técnico No. 3 · Resolución 3047 de 2008 · Ministerio de la Protección Social";
  options.issuer = provider + " · NIT " + q.provider_nit;
  options.payer = "Entidad responsable del pago: " + ctx.payer_name +
                  (ctx.payer_code.empty() ? "" : " (" + ctx.payer_code + ")");
  options.generated_at = ctx.generated_at;
  options.footer_note = "Solicitud " + d.request_number;
  options.info_title = "Anexo 3 - Solicitud de autorización " + d.request_number;
  options.info_author = provider;
  documents::DocumentBuilder pdf(std::move(options));

  pdf.row({Field::text("Número de solicitud", d.request_number, 0.4),
           Field::text("Fecha", documents::format_bogota_date(q.created_at), 0.3),
           Field::text("Hora", documents::format_bogota_time(q.created_at), 0.3)});

  pdf.section("INFORMACIÓN DEL PRESTADOR (SOLICITANTE)");
  pdf.row({Field::text("Nombre", provider, 0.5), Field::text("NIT", q.provider_nit, 0.2),
           Field::text("Código de habilitación", q.habilitation_code, 0.3)});
  pdf.row({Field::text("Dirección", ctx.provider_address, 0.5),
           Field::text("Departamento", ctx.provider_department_name, 0.25),
           Field::text("Municipio", ctx.provider_municipality_name, 0.25)});

  pdf.section("ENTIDAD A LA QUE SE SOLICITA (PAGADOR)");
  pdf.row({Field::text("Nombre", ctx.payer_name, 0.7), Field::text("Código", ctx.payer_code, 0.3)});

  pdf.section("DATOS DEL PACIENTE");
  pdf.row({Field::text("Primer apellido", a.first_surname, 0.25),
           Field::text("Segundo apellido", a.second_surname, 0.25),
           Field::text("Primer nombre", a.first_name, 0.25),
           Field::text("Segundo nombre", a.second_name, 0.25)});
  std::string document = a.document_type + " " + a.document_number;
  if (a.child_number) document += " — hijo n.º " + std::to_string(*a.child_number) + " de la titular";
  std::string residence = a.municipality_code;
  if (const auto m = catalogs.municipality(a.municipality_code))
    residence = m->name + " (" + m->department_name + ")";
  pdf.row({Field::text("Documento de identificación", document, 0.35),
           Field::text("Fecha de nacimiento", documents::format_plain_date(a.birth_date), 0.2),
           Field::text("Sexo", sex_name(a.sex), 0.15), Field::text("Residencia", residence, 0.3)});
  pdf.row({Field::text("Dirección", a.address, 0.45), Field::text("Teléfono", a.phone, 0.2),
           Field::text("Cobertura en salud",
                       a.regime == "contributory" ? "Régimen contributivo" : "Régimen subsidiado", 0.35)});

  pdf.section("INFORMACIÓN DE LA ATENCIÓN Y SERVICIOS SOLICITADOS");
  pdf.row({Field::choice("Origen de la atención",
                         catalog_options(catalogs, catalog::kAttentionOrigins, d.attention_origin))});
  pdf.row({Field::choice("Tipo de servicios solicitados",
                         catalog_options(catalogs, catalog::kServiceTypes, d.service_type), 0.6),
           Field::choice("Prioridad de la atención",
                         catalog_options(catalogs, catalog::kPriorities, d.priority.value_or("")), 0.4)});
  pdf.row({Field::choice("Ubicación del paciente",
                         catalog_options(catalogs, catalog::kPatientLocations, d.patient_location), 0.5),
           Field::text("Servicio", describe(catalogs, catalog::kServices, d.service), 0.3),
           Field::text("Cama", d.bed_number.value_or(""), 0.2)});
  std::vector<std::vector<std::string>> rows;
  for (const auto& l : d.lines) {
    std::string description;
    std::string kind = "Procedimiento";
    if (l.type == LineType::procedure) {
      if (const auto p = catalogs.procedure(l.code, l.classification)) description = p->description;
    } else {
      kind = l.type == LineType::medicine ? "Medicamento" : "Otro servicio o dispositivo";
    }
    rows.push_back({kind, l.code, description, std::to_string(l.quantity)});
  }
  pdf.table({{"Tipo", 0.18}, {"Código", 0.14}, {"Descripción", 0.56}, {"Cantidad", 0.12}}, rows);
  pdf.row({Field::text("Justificación clínica", d.clinical_justification)});

  pdf.section("IMPRESIÓN DIAGNÓSTICA");
  std::vector<std::vector<std::string>> dx;
  dx.push_back({"Diagnóstico principal", d.diagnoses.principal,
                describe(catalogs, catalog::kCie10, d.diagnoses.principal)});
  for (std::size_t i = 0; i < d.diagnoses.related.size(); ++i) {
    dx.push_back({"Relacionado " + std::to_string(i + 1), d.diagnoses.related[i],
                  describe(catalogs, catalog::kCie10, d.diagnoses.related[i])});
  }
  pdf.table({{"Diagnóstico", 0.22}, {"CIE-10", 0.12}, {"Descripción", 0.66}}, dx);

  pdf.section("INFORMACIÓN DE LA PERSONA QUE SOLICITA");
  pdf.row({Field::text("Nombre", d.requester.name, 0.4),
           Field::text("Cargo o actividad", d.requester.position, 0.3),
           Field::text("Teléfono", d.requester.phone, 0.15),
           Field::text("Celular", d.requester.mobile.value_or(""), 0.15)});
  return pdf.finish();
}

RequestDocument render_document_in_force(const AuthorizationRequest& q, const DocumentContext& ctx,
                                         const catalog::Catalogs& catalogs) {
  const std::string suffix =
      q.draft.request_number + "-" + documents::compact_bogota_date(q.created_at) + ".pdf";
  if (core::format_in_force(q.created_at) == core::RecordFormat::res3047) {
    return {render_annex3_pdf(q, ctx, catalogs), "Anexo3-" + suffix};
  }
  const std::string provider = or_fallback(ctx.provider_legal_name, q.provider_name);
  documents::DocumentOptions options;
  options.title = "SOLICITUD DE AUTORIZACIÓN";
  options.subtitle =
      "Procedimiento 3 · Anexo Técnico No. 1 · Resolución 2335 de 2023 · Ministerio de Salud y Protección "
      "Social";
  options.issuer = provider + " · NIT " + q.provider_nit;
  options.payer = "Entidad responsable del pago: " + ctx.payer_name +
                  (ctx.payer_code.empty() ? "" : " (" + ctx.payer_code + ")");
  options.generated_at = ctx.generated_at;
  options.footer_note = "Solicitud " + q.draft.request_number;
  options.info_title = "Res. 2335 de 2023 - Solicitud de autorización " + q.draft.request_number;
  options.info_author = provider;
  const std::vector<std::vector<Field>> reporter = {
      {Field::text("Entidad que reporta", provider, 0.5), Field::text("NIT", q.provider_nit, 0.2),
       Field::text("Correo electrónico de la entidad", ctx.provider_email, 0.3)},
      {Field::text("Paciente", full_name(q.affiliate), 0.5),
       Field::text("Servicio", describe(catalogs, catalog::kServices, q.draft.service), 0.3),
       Field::text("Cama", q.draft.bed_number.value_or(""), 0.2)},
      {Field::text("Justificación clínica", q.draft.clinical_justification)},
      {Field::text("Solicita", q.draft.requester.name, 0.4),
       Field::text("Cargo", q.draft.requester.position, 0.3),
       Field::text("Teléfono", q.draft.requester.phone, 0.3)}};
  return {documents::res2335::render_report(authorization_request_record(q, ctx, catalogs),
                                            std::move(options), reporter),
          "SolicitudAutorizacion-" + suffix};
}

}  // namespace portal::authorizations
