// URG-4: the layout follows the printed Anexo técnico 2 of Resolución 3047 de 2008, section by section:
// encabezado (número de atención, fecha y hora), prestador, entidad a la que se informa, datos del
// paciente, información de la atención, impresión diagnóstica, destino, persona que informa.
#include "annex2_pdf.hpp"

#include "portal/documents/date_format.hpp"
#include "portal/documents/document.hpp"
#include "portal/documents/field_values.hpp"

namespace portal::urgencies {

namespace {

using documents::catalog_options;
using documents::describe;
using documents::Field;
using documents::Option;
using documents::or_fallback;

std::string join_nonempty(std::initializer_list<std::string_view> parts, std::string_view separator = " ") {
  std::string out;
  for (auto p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += separator;
    out += p;
  }
  return out;
}

std::string sex_name(std::string_view sex) {
  if (sex == "F" || sex == "f") return "Femenino";
  if (sex == "M" || sex == "m") return "Masculino";
  return std::string(sex);
}

void write_heading(documents::DocumentBuilder& pdf, const Notification& n) {
  pdf.row({Field::text("Número de atención", n.draft.attention_number, 0.4),
           Field::text("Fecha", documents::format_bogota_date(n.notified_at), 0.3),
           Field::text("Hora", documents::format_bogota_time(n.notified_at), 0.3)});
}

void write_provider(documents::DocumentBuilder& pdf, const Notification& n, const Annex2Context& ctx) {
  pdf.section("INFORMACIÓN DEL PRESTADOR");
  pdf.row({Field::text("Nombre", or_fallback(ctx.provider_legal_name, n.provider_name), 0.55),
           Field::text("NIT", or_fallback(ctx.provider_nit, n.provider_nit), 0.2),
           Field::text("Código de habilitación",
                       or_fallback(ctx.provider_habilitation_code, n.habilitation_code), 0.25)});
  pdf.row({Field::text("Dirección del prestador", ctx.provider_address, 0.4),
           Field::text("Teléfono", ctx.provider_phone, 0.2),
           Field::text("Departamento", ctx.provider_department_name, 0.2),
           Field::text("Municipio", ctx.provider_municipality_name, 0.2)});
}

void write_payer(documents::DocumentBuilder& pdf, const Annex2Context& ctx) {
  pdf.section("ENTIDAD A LA QUE SE LE INFORMA (PAGADOR)");
  pdf.row({Field::text("Nombre", ctx.payer_name, 0.75), Field::text("Código", ctx.payer_code, 0.25)});
}

void write_patient(documents::DocumentBuilder& pdf, const Notification& n,
                   const catalog::Catalogs& catalogs) {
  const AffiliateFacts& a = n.affiliate;
  pdf.section("DATOS DEL PACIENTE");
  pdf.row({Field::text("Primer apellido", a.first_surname, 0.25),
           Field::text("Segundo apellido", a.second_surname, 0.25),
           Field::text("Primer nombre", a.first_name, 0.25),
           Field::text("Segundo nombre", a.second_name, 0.25)});
  const std::string document_type =
      join_nonempty({a.document_type, describe(catalogs, catalog::kDocumentTypes, a.document_type)}, " - ");
  pdf.row({Field::text("Tipo de documento de identificación", document_type, 0.35),
           Field::text("Número de documento", a.document_number, 0.25),
           Field::text("Fecha de nacimiento", documents::format_plain_date(a.birth_date), 0.2),
           Field::text("Sexo", sex_name(a.sex), 0.2)});
  // Manual 000: a newborn without its own document is notified as "hijo de" its mother's document,
  // numbered for twins; the document above is then the mother's.
  const std::optional<int> child = a.child_number ? a.child_number : n.draft.affiliate.child_number;
  if (child) {
    pdf.row(
        {Field::text("Recién nacido («hijo de»)", "Hijo n.º " + std::to_string(*child) + " de " +
                                                      join_nonempty({a.document_type, a.document_number}) +
                                                      " (el documento registrado es el de la madre)")});
  }
  const auto place = catalogs.municipality(a.municipality_code);
  pdf.row({Field::text("Dirección de residencia habitual", a.address, 0.4),
           Field::text("Teléfono", a.phone, 0.2),
           Field::text("Departamento", place ? place->department_name : std::string{}, 0.2),
           Field::text("Municipio", place ? place->name : a.municipality_code, 0.2)});
  const bool known_regime = a.regime == "contributory" || a.regime == "subsidized";
  pdf.row({Field::choice("Cobertura en salud", {{"Régimen contributivo", a.regime == "contributory"},
                                                {"Régimen subsidiado", a.regime == "subsidized"},
                                                {"Otro", !known_regime && !a.regime.empty()}})});
}

void write_attention(documents::DocumentBuilder& pdf, const Notification& n,
                     const catalog::Catalogs& catalogs) {
  const NotificationDraft& d = n.draft;
  pdf.section("INFORMACIÓN DE LA ATENCIÓN");
  pdf.row({Field::choice("Origen de la atención",
                         catalog_options(catalogs, catalog::kAttentionOrigins, d.attention_origin))});
  // Triage I-V (Res. 5596 de 2015): the options are the levels; the chosen class is also spelt out.
  std::vector<Option> triage;
  std::string triage_text;
  if (const catalog::Catalog* c = catalogs.get(catalog::kTriage)) {
    for (const catalog::Item& item : c->items()) {
      const bool chosen = item.number("level", 0) == d.triage;
      triage.push_back({item.code, chosen});
      if (chosen) triage_text = item.description;
    }
  }
  pdf.row({Field::choice("Clasificación triage", triage, 0.3),
           Field::text("Descripción del triage", triage_text, 0.7)});
  pdf.row({Field::text("Fecha de ingreso a urgencias", documents::format_bogota_date(d.admitted_at), 0.5),
           Field::text("Hora de ingreso a urgencias", documents::format_bogota_time(d.admitted_at), 0.5)});
  const Referral& r = d.referral;
  const auto value = [&](const std::optional<std::string>& v) {
    return r.is_referred && v ? *v : std::string{};
  };
  std::string department;
  std::string municipality;
  if (r.is_referred && r.department_code)
    department = join_nonempty(
        {*r.department_code, describe(catalogs, catalog::kDepartments, *r.department_code)}, " - ");
  if (r.is_referred && r.municipality_code) {
    const auto m = catalogs.municipality(*r.municipality_code);
    municipality =
        join_nonempty({*r.municipality_code, m ? std::string_view(m->name) : std::string_view{}}, " - ");
  }
  pdf.row(
      {Field::yes_no("Paciente viene remitido", r.is_referred, 0.22),
       Field::text("Nombre del prestador de servicios de salud que remite", value(r.provider_name), 0.78)});
  pdf.row({Field::text("NIT", value(r.nit), 0.2),
           Field::text("Código de habilitación", value(r.habilitation_code), 0.2),
           Field::text("Departamento", department, 0.3), Field::text("Municipio", municipality, 0.3)});
  pdf.row({Field::text("Motivo de consulta", d.consultation_reason)});
}

void write_diagnoses(documents::DocumentBuilder& pdf, const Notification& n,
                     const catalog::Catalogs& catalogs) {
  pdf.section("IMPRESIÓN DIAGNÓSTICA");
  std::vector<std::vector<std::string>> rows;
  const auto add = [&](const std::string& kind, const std::string& code) {
    const catalog::Item* item = catalogs.find(catalog::kCie10, code);
    rows.push_back(
        {kind, item ? item->code : code, item ? item->description : "Código no encontrado en CIE-10"});
  };
  add("Diagnóstico principal", n.draft.diagnoses.principal);
  for (std::size_t i = 0; i < n.draft.diagnoses.related.size(); ++i)
    add("Diagnóstico relacionado " + std::to_string(i + 1), n.draft.diagnoses.related[i]);
  pdf.table({{"Diagnóstico", 0.22}, {"Código CIE-10", 0.13}, {"Descripción", 0.65}}, rows);
}

void write_destination(documents::DocumentBuilder& pdf, const Notification& n,
                       const catalog::Catalogs& catalogs) {
  pdf.section("DESTINO DEL PACIENTE");
  pdf.row({Field::choice("Destino", catalog_options(catalogs, catalog::kDestinations, n.draft.destination))});
}

void write_informer(documents::DocumentBuilder& pdf, const Annex2Context& ctx) {
  pdf.section("INFORMACIÓN DE LA PERSONA QUE INFORMA");
  pdf.row({Field::text("Nombre de quien informa", ctx.informer_name, 0.45),
           Field::text("Cargo o actividad", ctx.informer_role, 0.3),
           Field::text("Teléfono", ctx.informer_phone, 0.25)});
}

}  // namespace

std::string render_annex2_pdf(const Notification& n, const Annex2Context& ctx,
                              const catalog::Catalogs& catalogs) {
  documents::DocumentOptions options;
  options.title = "INFORME DE LA ATENCIÓN INICIAL DE URGENCIAS";
  options.subtitle = "Anexo técnico 2 · Resolución 3047 de 2008 · Ministerio de la Protección Social";
  const std::string provider = or_fallback(ctx.provider_legal_name, n.provider_name);
  options.issuer = join_nonempty({provider, "NIT " + or_fallback(ctx.provider_nit, n.provider_nit)}, " · ");
  options.payer =
      join_nonempty({"Pagador:", ctx.payer_name, ctx.payer_code.empty() ? "" : "(" + ctx.payer_code + ")"});
  options.generated_at = ctx.generated_at;
  options.footer_note = "Número de atención " + n.draft.attention_number;
  options.info_title = "Anexo 2 - Informe de la atención inicial de urgencias " + n.draft.attention_number;
  options.info_author = provider;

  documents::DocumentBuilder pdf(std::move(options));
  write_heading(pdf, n);
  write_provider(pdf, n, ctx);
  write_payer(pdf, ctx);
  write_patient(pdf, n, catalogs);
  write_attention(pdf, n, catalogs);
  write_diagnoses(pdf, n, catalogs);
  write_destination(pdf, n, catalogs);
  write_informer(pdf, ctx);
  return pdf.finish();
}

std::string annex2_file_name(const Notification& n) { return notification_file_name("Anexo2", n); }

std::string notification_file_name(std::string_view prefix, const Notification& n) {
  std::string number;
  for (char c : n.draft.attention_number) {
    if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) continue;  // one '_' per character, not per byte
    const bool safe =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    number += safe ? c : '_';
  }
  std::string day = n.notified_day.empty() ? core::bogota_date_string(n.notified_at) : n.notified_day;
  std::erase(day, '-');
  return std::string(prefix) + "-" + number + "-" + day + ".pdf";
}

}  // namespace portal::urgencies
