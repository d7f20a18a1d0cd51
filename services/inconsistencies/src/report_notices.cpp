#include "report_notices.hpp"

#include "portal/core/text.hpp"

namespace portal::inconsistencies {
namespace {

std::string data_of(const Report& r) {
  return "{\"report_id\":" + std::to_string(r.id) + ",\"number\":\"" + std::to_string(r.id) +
         "\",\"type\":\"" + std::string(to_string(r.type)) + "\",\"status\":\"" +
         std::string(to_string(r.status)) + "\"}";
}

std::string action_text(const ProcessingStep& step) {
  if (step.registry_action == "affiliate_created")
    return "Se creó el afiliado en la base de datos de la EPS.";
  if (step.registry_action == "affiliate_corrected") {
    std::string vars;
    for (auto v : step.corrected) {
      if (!vars.empty()) vars += ", ";
      vars += v == Variable::document_and_birth_date ? "documento y fecha de nacimiento"
              : v == Variable::names                 ? "nombres"
                                                     : "apellidos";
    }
    return "Se corrigieron en la base de datos de la EPS: " + vars + ".";
  }
  return "No se modificó la base de datos de afiliados.";
}

}  // namespace

events::Event filed_event(const Report& r, core::Instant at) {
  return events::make_event(kFiledEvent, r.provider_nit, data_of(r), at);
}

events::Event processed_event(const Report& r, const ProcessingStep& step, core::Instant at) {
  auto data = data_of(r);
  data.pop_back();
  data += ",\"registry_action\":\"" + step.registry_action + "\"}";
  return events::make_event(kProcessedEvent, r.provider_nit, data, at);
}

mail::Message processed_notice(const Report& r, const ProcessingStep& step, const std::string& to,
                               const std::string& insurer, const std::string& portal_url) {
  const std::string number = std::to_string(r.id);
  const std::string status = status_label(step.to, insurer);
  const std::string link = portal_url + "/api/v1/inconsistency-reports/" + number;
  mail::Message m;
  m.to = to;
  m.subject = "Informe de inconsistencias N.º " + number + ": " + status;
  std::string text = "El informe de inconsistencias N.º " + number + " (" + type_label(r.type, insurer) +
                     ") del afiliado " + r.draft.affiliate_document_type + " " +
                     r.draft.affiliate_document_number + " fue tramitado por " + insurer +
                     ".\n\nEstado: " + status + "\n" + action_text(step) + "\n";
  if (!step.note.empty()) text += "Observación: " + step.note + "\n";
  text += "\nDetalle: " + link + "\n";
  m.body_text = text;
  m.body_html = "<p>El informe de inconsistencias <strong>N.º " + core::escape_html(number) + "</strong> (" +
                core::escape_html(type_label(r.type, insurer)) + ") fue tramitado por " +
                core::escape_html(insurer) + ".</p><p>Estado: <strong>" + core::escape_html(status) +
                "</strong><br>" + core::escape_html(action_text(step)) + "</p>" +
                (step.note.empty() ? "" : "<p>Observación: " + core::escape_html(step.note) + "</p>") +
                "<p><a href=\"" + core::escape_html(link) + "\">Ver el detalle</a></p>";
  return m;
}

}  // namespace portal::inconsistencies
