// AUT-2: rules that can never match (docs/rules.md, "Validation").
#include "rule_reachability.hpp"

#include <algorithm>

namespace portal::authorizations {
namespace {

bool has_procedure_condition(const Conditions& c) {
  return c.cups_codes || c.cups_prefixes || c.service_groups || c.pos || c.surgical || c.hospital || c.copay;
}

bool allows(const Conditions& c, LineType t) {
  return !c.line_types || std::find(c.line_types->begin(), c.line_types->end(), t) != c.line_types->end();
}

}  // namespace

std::optional<core::Text> never_matches(const Conditions& c, const catalog::Catalogs& catalogs) {
  if (has_procedure_condition(c) && c.medicine_codes) {
    return core::Text{
        "Combina condiciones de procedimientos (CUPS) y de medicamentos: una línea es una sola cosa",
        "Combines procedure (CUPS) and medicine conditions: a line is only one of them"};
  }
  if (has_procedure_condition(c) && !allows(c, LineType::procedure)) {
    return core::Text{"Tiene condiciones de procedimientos (CUPS) pero line_types excluye procedure",
                      "Has procedure (CUPS) conditions but line_types excludes procedure"};
  }
  if (c.medicine_codes && !allows(c, LineType::medicine)) {
    return core::Text{"Tiene medicine_codes pero line_types excluye medicine",
                      "Has medicine_codes but line_types excludes medicine"};
  }
  if (c.cups_codes) {
    // Some listed code, under some classification, must satisfy the other procedure conditions.
    bool any = false;
    for (const auto& code : *c.cups_codes) {
      if (c.cups_prefixes && std::none_of(c.cups_prefixes->begin(), c.cups_prefixes->end(),
                                          [&](const std::string& p) { return code.starts_with(p); })) {
        continue;
      }
      for (const auto& proc : catalogs.procedures(code)) {
        if ((!c.service_groups ||
             std::binary_search(c.service_groups->begin(), c.service_groups->end(), proc.group)) &&
            (!c.pos || *c.pos == proc.pos) && (!c.surgical || *c.surgical == proc.surgical) &&
            (!c.hospital || *c.hospital == proc.hospital) && (!c.copay || *c.copay == proc.copay)) {
          any = true;
        }
      }
    }
    if (!any) {
      return core::Text{"Ningún código de cups_codes cumple las demás condiciones del procedimiento",
                        "No code of cups_codes meets the other procedure conditions"};
    }
  }
  if (c.departments && c.municipalities &&
      std::none_of(c.municipalities->begin(), c.municipalities->end(), [&](const std::string& m) {
        return std::binary_search(c.departments->begin(), c.departments->end(), m.substr(0, 2));
      })) {
    return core::Text{"Ningún municipio pertenece a los departamentos indicados",
                      "No municipality belongs to the departments given"};
  }
  if (c.priorities && c.service_types && c.service_types->size() == 1 &&
      c.service_types->front() == "post_emergency") {
    return core::Text{"La prioridad solo aplica a servicios electivos",
                      "Priority applies to elective services only"};
  }
  return std::nullopt;
}

}  // namespace portal::authorizations
