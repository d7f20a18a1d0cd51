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

}  // namespace portal::catalog
