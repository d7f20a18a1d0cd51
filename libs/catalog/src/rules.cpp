// Typed rules over the small catalogs: AUT-1 location -> services, AFF-5 Tabla 4.1, AFF-1 document
// type vs age.
#include "portal/catalog/catalogs.hpp"

namespace portal::catalog {

std::vector<const Item*> Catalogs::services_for(std::string_view location) const {
  std::vector<const Item*> out;
  if (const auto* c = get(kServices)) {
    for (const auto& i : c->items()) {
      if (i.text("location") == location) out.push_back(&i);
    }
  }
  return out;
}

bool Catalogs::location_requires_bed(std::string_view location) const {
  const Item* l = find(kPatientLocations, location);
  return l && l->flag("requires_bed");
}

std::optional<core::FieldError> Catalogs::check_service(std::string_view location, std::string_view service) const {
  const Item* l = find(kPatientLocations, location);
  if (!l) {
    return core::FieldError{"patient_location", "unknown_location",
                            {"Ubicación del paciente desconocida: " + std::string(location),
                             "Unknown patient location: " + std::string(location)}};
  }
  const Item* s = find(kServices, service);
  if (!s) {
    return core::FieldError{"service", "unknown_service",
                            {"Servicio desconocido: " + std::string(service), "Unknown service: " + std::string(service)}};
  }
  if (s->text("location") != l->code) {
    return core::FieldError{"service", "service_not_in_location",
                            {"El servicio " + s->description + " no corresponde a la ubicación " + l->description,
                             "Service " + s->code + " is not offered in location " + l->code}};
  }
  return std::nullopt;
}

std::optional<core::FieldError> Catalogs::check_call_action(std::string_view action, std::string_view procedure,
                                                            std::string_view other_text) const {
  const Item* a = find(kCallActions, action);
  if (!a) {
    return core::FieldError{"action", "unknown_action",
                            {"Acción desconocida: " + std::string(action), "Unknown call action: " + std::string(action)}};
  }
  if (a->flag("requires_text")) {
    // Tabla 4.1: "Otros — digitar en campo de texto".
    if (other_text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
      return core::FieldError{"other_text", "required",
                              {"La acción Otros requiere describir el trámite", "Action 'other' requires a description"}};
    }
    return std::nullopt;
  }
  const auto* procs = std::get_if<std::vector<Entry>>(a->field("procedures"));
  if (procs) {
    for (const auto& p : *procs) {
      if (p.code == procedure) return std::nullopt;
    }
  }
  return core::FieldError{"procedure", "procedure_not_allowed",
                          {"El trámite " + std::string(procedure) + " no corresponde a la acción " + a->description,
                           "Procedure " + std::string(procedure) + " is not allowed for action " + a->code}};
}

std::optional<core::FieldError> Catalogs::document_age_warning(std::string_view document_type, Age age) const {
  const Item* d = find(kDocumentTypes, document_type);
  if (!d) return std::nullopt;
  const bool has_min = d->field("min_age_years") != nullptr;
  const bool has_max = d->field("max_age_years") != nullptr;
  const auto min = d->number("min_age_years", 0);
  const auto max = d->number("max_age_years", 0);
  if ((has_min && age.years < min) || (has_max && age.years > max)) {
    const std::string range = has_min && has_max ? std::to_string(min) + "-" + std::to_string(max)
                              : has_min          ? std::to_string(min) + "+"
                                                 : "0-" + std::to_string(max);
    return core::FieldError{"document_type", "document_type_age",
                            {"El tipo de documento " + d->code + " suele corresponder a edades " + range +
                                 " años; el afiliado tiene " + std::to_string(age.years),
                             "Document type " + d->code + " usually matches ages " + range + "; the affiliate is " +
                                 std::to_string(age.years)}};
  }
  return std::nullopt;
}

}  // namespace portal::catalog
