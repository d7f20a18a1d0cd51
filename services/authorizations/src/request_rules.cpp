// AUT-1: the business rules of an authorization request over an already parsed draft.
#include "request_rules.hpp"

#include <algorithm>
#include <set>

#include "portal/directory/affiliate_rules.hpp"

namespace portal::authorizations {
namespace {

using directory::already_reported;

void not_in_catalog(core::FieldErrors& out, std::string field, const std::string& value) {
  out.push_back(
      {std::move(field),
       "invalid_value",
       {"El valor " + value + " no está en el catálogo", "Value " + value + " is not in the catalog"}});
}

void check_code(const catalog::Catalogs& catalogs, std::string_view catalog_name, const std::string& value,
                const std::string& field, const core::FieldErrors& parsed, core::FieldErrors& out) {
  if (value.empty() || already_reported(parsed, field)) return;
  if (!catalogs.find(catalog_name, value)) not_in_catalog(out, field, value);
}

void check_location(const RequestDraft& d, const catalog::Catalogs& catalogs, const core::FieldErrors& parsed,
                    core::FieldErrors& out) {
  if (already_reported(parsed, "patient_location")) return;
  if (!catalogs.find(catalog::kPatientLocations, d.patient_location)) {
    out.push_back(*catalogs.check_service(d.patient_location, d.service));  // unknown_location
    return;
  }
  if (!already_reported(parsed, "service")) {
    if (auto error = catalogs.check_service(d.patient_location, d.service)) out.push_back(std::move(*error));
  }
  if (already_reported(parsed, "bed_number")) return;
  const bool has_bed = d.bed_number && !d.bed_number->empty();
  if (catalogs.location_requires_bed(d.patient_location) && !has_bed) {
    out.push_back({"bed_number",
                   "required",
                   {"El número de cama es obligatorio para un paciente hospitalizado",
                    "The bed number is required for a hospitalized patient"}});
  } else if (!catalogs.location_requires_bed(d.patient_location) && d.bed_number) {
    out.push_back({"bed_number",
                   "not_allowed",
                   {"El número de cama solo aplica a pacientes hospitalizados",
                    "The bed number applies to hospitalized patients only"}});
  }
}

// AUT-1: "Priority applies to elective services."
void check_priority(const RequestDraft& d, const core::FieldErrors& parsed, core::FieldErrors& out) {
  if (already_reported(parsed, "priority") || already_reported(parsed, "service_type")) return;
  if (d.service_type == "elective" && !d.priority) {
    out.push_back({"priority",
                   "required",
                   {"La prioridad es obligatoria para servicios electivos",
                    "The priority is required for elective services"}});
  } else if (d.service_type == "post_emergency" && d.priority) {
    out.push_back(
        {"priority",
         "not_allowed",
         {"La prioridad solo aplica a servicios electivos", "Priority applies to elective services only"}});
  }
}

std::vector<RequestLine> check_lines(const RequestDraft& d, const catalog::Catalogs& catalogs,
                                     const core::FieldErrors& parsed, core::FieldErrors& out) {
  std::vector<RequestLine> lines = d.lines;
  std::set<std::pair<LineType, std::string>> seen;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    RequestLine& line = lines[i];
    const std::string path = line_path(lines, i);
    const std::string code_field = path + (line.type == LineType::procedure ? ".cups_code" : ".code");
    if (line.purpose)
      check_code(catalogs, catalog::kTechnologyPurposes, *line.purpose, path + ".purpose", parsed, out);
    if (line.modality) {
      check_code(catalogs, catalog::kTechnologyModalities, *line.modality, path + ".modality", parsed, out);
    }
    if (line.code.empty() || already_reported(parsed, code_field)) continue;
    if (!seen.insert({line.type, line.code}).second) {
      out.push_back({code_field,
                     line.type == LineType::procedure ? "duplicate_procedure" : "duplicate_line",
                     {"El código " + line.code + " está repetido en la solicitud",
                      "Code " + line.code + " is repeated in the request"}});
      continue;
    }
    if (line.type != LineType::procedure) continue;
    const auto procedures = catalogs.procedures(line.code);
    if (procedures.empty()) {
      out.push_back(
          {code_field,
           "unknown_code",
           {"El código CUPS " + line.code + " no existe", "CUPS code " + line.code + " does not exist"}});
      continue;
    }
    line.code = procedures.front().code;
    if (already_reported(parsed, path + ".classification")) continue;
    if (line.classification.empty()) {
      // The code as written without a classification is the "general" entry (docs/catalogs.md); a code
      // that exists only under another one gets it; with several and no general one, the caller names it.
      const auto general =
          std::find_if(procedures.begin(), procedures.end(),
                       [](const catalog::Procedure& p) { return p.classification == "general"; });
      if (general != procedures.end()) {
        line.classification = "general";
      } else if (procedures.size() == 1) {
        line.classification = procedures.front().classification;
      } else {
        std::string names;
        for (const auto& p : procedures) names += (names.empty() ? "" : ", ") + p.classification;
        out.push_back(
            {path + ".classification",
             "required",
             {"El código " + line.code + " existe en varias clasificaciones (" + names + "); indique una",
              "Code " + line.code + " exists under several classifications (" + names + "); name one"}});
      }
    } else if (!catalogs.procedure(line.code, line.classification)) {
      out.push_back({path + ".classification",
                     "unknown_classification",
                     {"El código " + line.code + " no existe con la clasificación " + line.classification,
                      "Code " + line.code + " does not exist under classification " + line.classification}});
    }
  }
  return lines;
}

}  // namespace

std::string line_path(const std::vector<RequestLine>& lines, std::size_t index) {
  const LineType type = lines[index].type;
  const auto n = std::count_if(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(index),
                               [&](const RequestLine& l) { return l.type == type; });
  const char* name = type == LineType::procedure  ? "procedures"
                     : type == LineType::medicine ? "medicines"
                                                  : "devices";
  return std::string(name) + "[" + std::to_string(n) + "]";
}

RequestCheck validate_request(const RequestDraft& draft, const AffiliateFacts* affiliate, core::Instant now,
                              const catalog::Catalogs& catalogs, std::string_view attention_phone,
                              core::FieldErrors parse_errors) {
  RequestCheck result;
  result.errors = std::move(parse_errors);
  const core::FieldErrors parsed = result.errors;  // the rules below only append

  const auto person = directory::person_of(affiliate, now);
  if (auto error = directory::check_affiliate(affiliate, person, attention_phone, parsed)) {
    result.errors.push_back(std::move(*error));
  }
  auto codes = directory::check_diagnoses(draft.diagnoses.principal, draft.diagnoses.related, person,
                                          catalogs, parsed, result.errors);
  result.diagnoses = {std::move(codes.principal), std::move(codes.related)};

  check_code(catalogs, catalog::kAttentionOrigins, draft.attention_origin, "attention_origin", parsed,
             result.errors);
  check_code(catalogs, catalog::kServiceTypes, draft.service_type, "service_type", parsed, result.errors);
  if (draft.priority)
    check_code(catalogs, catalog::kPriorities, *draft.priority, "priority", parsed, result.errors);
  if (draft.service_group) {
    check_code(catalogs, catalog::kRepsServiceGroups, *draft.service_group, "service_group", parsed,
               result.errors);
  }
  check_location(draft, catalogs, parsed, result.errors);
  check_priority(draft, parsed, result.errors);
  result.lines = check_lines(draft, catalogs, parsed, result.errors);

  if (person.newborn) result.warnings.emplace_back(directory::kNewbornDiagnosesNotChecked);
  return result;
}

int request_year(core::Instant created_at) { return core::bogota_year(created_at); }

}  // namespace portal::authorizations
