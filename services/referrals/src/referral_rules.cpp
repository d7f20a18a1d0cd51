#include "referral_rules.hpp"

#include <algorithm>

#include "portal/directory/affiliate_rules.hpp"
#include "portal/json/json.hpp"
#include "portal/json/messages.hpp"

namespace portal::referrals {
namespace {

using catalog::Catalogs;
using directory::already_reported;

std::vector<std::string_view> codes_of(const Catalogs& catalogs, std::string_view name) {
  std::vector<std::string_view> out;
  if (const auto* c = catalogs.get(name)) {
    for (const auto& item : c->items()) out.emplace_back(item.code);
  }
  return out;
}

void check_code(const std::string& value, std::string_view field, std::string_view catalog_name,
                const Catalogs& catalogs, const core::FieldErrors& parsed, core::FieldErrors& out) {
  if (value.empty() || already_reported(parsed, field)) return;
  if (!catalogs.find(catalog_name, value)) {
    out.push_back(
        {std::string(field), "invalid_value", json::invalid_value_message(codes_of(catalogs, catalog_name))});
  }
}

void check_optional_code(const std::optional<std::string>& value, std::string_view field,
                         std::string_view catalog_name, const Catalogs& catalogs,
                         const core::FieldErrors& parsed, core::FieldErrors& out) {
  if (value) check_code(*value, field, catalog_name, catalogs, parsed, out);
}

core::FieldError required(std::string field) {
  return {std::move(field), "required", json::required_message()};
}

// An origin or destination: registered → the registry's provider and branch (its name and place copied);
// unregistered → name and a DIVIPOLA department and municipality.
void check_provider(ProviderRef& ref, const std::string& field, const directory::ProviderInfo* found,
                    const Catalogs& catalogs, const core::FieldErrors& parsed, core::FieldErrors& out) {
  if (already_reported(parsed, field) || ref.nit.empty()) return;
  if (ref.registered()) {
    if (!found) {
      out.push_back({field + ".nit",
                     "unknown_provider",
                     {"El NIT " + ref.nit +
                          " no corresponde a un prestador registrado: envíe nombre, departamento "
                          "y municipio en lugar del código de habilitación.",
                      "NIT " + ref.nit +
                          " is not a registered provider: send name, department and municipality "
                          "instead of the habilitation code."}});
      return;
    }
    const auto* branch = found->branch(*ref.habilitation_code);
    if (!branch) {
      out.push_back({field + ".habilitation_code",
                     "unknown_branch",
                     {"El código de habilitación no es de una sede del prestador.",
                      "The habilitation code is not one of the provider's branches."}});
      return;
    }
    ref.name = found->legal_name + (branch->name.empty() ? "" : " - " + branch->name);
    ref.department_code = branch->department_code;
    ref.municipality_code = branch->municipality_code;
    return;
  }
  if (ref.name.empty() && !already_reported(parsed, field + ".name"))
    out.push_back(required(field + ".name"));
  std::optional<std::string> department;
  if (ref.department_code.empty()) {
    if (!already_reported(parsed, field + ".department_code"))
      out.push_back(required(field + ".department_code"));
  } else {
    const auto code = catalog::normalize_code(catalog::kDepartments, ref.department_code);
    if (catalogs.find(catalog::kDepartments, code)) {
      ref.department_code = code;
      department = code;
    } else {
      out.push_back({field + ".department_code",
                     "unknown_department",
                     {"El departamento " + code + " no existe en DIVIPOLA",
                      "Department " + code + " is not in DIVIPOLA"}});
    }
  }
  if (ref.municipality_code.empty()) {
    if (!already_reported(parsed, field + ".municipality_code"))
      out.push_back(required(field + ".municipality_code"));
  } else {
    const auto code = catalog::normalize_code(catalog::kDivipola, ref.municipality_code);
    if (const auto m = catalogs.municipality(code)) {
      ref.municipality_code = code;
      if (department && m->department_code != *department) {
        out.push_back({field + ".municipality_code",
                       "municipality_not_in_department",
                       {"El municipio " + code + " no pertenece al departamento " + *department,
                        "Municipality " + code + " is not in department " + *department}});
      }
    } else {
      out.push_back({field + ".municipality_code",
                     "unknown_municipality",
                     {"El municipio " + code + " no existe en DIVIPOLA",
                      "Municipality " + code + " is not in DIVIPOLA"}});
    }
  }
}

// With an ambulance (ambulance_types.requires_transfer), transfer type and requirements are required; without
// one they are refused (manual 000 §4.1.4.2).
void check_transfer(const std::string& ambulance_type, const std::optional<std::string>& transfer_type,
                    const std::optional<std::string>& transfer_requirements, const std::string& prefix,
                    const Catalogs& catalogs, const core::FieldErrors& parsed, core::FieldErrors& out) {
  const auto* ambulance = catalogs.find(catalog::kAmbulanceTypes, ambulance_type);
  if (!ambulance) return;  // reported as invalid_value
  const bool needs = ambulance->flag("requires_transfer");
  const std::pair<const std::optional<std::string>*, const char*> fields[] = {
      {&transfer_type, "transfer_type"}, {&transfer_requirements, "transfer_requirements"}};
  for (const auto& [value, name] : fields) {
    const std::string field = prefix + name;
    if (already_reported(parsed, field)) continue;
    if (needs && !*value) {
      out.push_back({field,
                     "required_with_ambulance",
                     {"Es obligatorio cuando el tipo de ambulancia no es \"No aplica\".",
                      "Required when the ambulance type is not \"not_applicable\"."}});
    } else if (!needs && *value) {
      out.push_back({field,
                     "only_with_ambulance",
                     {"Solo se indica con un tipo de ambulancia distinto de \"No aplica\".",
                      "Only given with an ambulance type other than \"not_applicable\"."}});
    }
  }
}

void check_res2335(const Res2335Fields& f, const Catalogs& catalogs, const core::FieldErrors& parsed,
                   core::FieldErrors& out) {
  check_optional_code(f.care_cause, "care_cause", catalog::kCareCauses, catalogs, parsed, out);
  check_optional_code(f.condition_destination, "condition_destination", catalog::kConditionDestinations,
                      catalogs, parsed, out);
  check_optional_code(f.care_priority, "care_priority", catalog::kCarePriorities, catalogs, parsed, out);
  check_optional_code(f.care_type, "care_type", catalog::kCareTypes, catalogs, parsed, out);
  check_optional_code(f.service_group, "service_group", catalog::kRepsServiceGroups, catalogs, parsed, out);
  check_optional_code(f.modality, "modality", catalog::kTechnologyModalities, catalogs, parsed, out);
  for (std::size_t i = 0; i < f.procedures.size(); ++i) {
    const std::string field = "procedures[" + std::to_string(i) + "].cups_code";
    const auto& code = f.procedures[i].cups_code;
    if (code.empty() || already_reported(parsed, field)) continue;
    if (catalogs.procedures(code).empty()) {
      out.push_back({field,
                     "unknown_code",
                     {"El código CUPS " + code + " no existe en el catálogo",
                      "CUPS code " + code + " is not in the catalog"}});
    }
  }
}

}  // namespace

std::string_view to_string(Status s) {
  switch (s) {
    case Status::open:
      return "open";
    case Status::in_process:
      return "in_process";
    case Status::closed:
      return "closed";
  }
  return "open";
}

std::optional<Status> status_from(std::string_view s) {
  for (auto st : {Status::open, Status::in_process, Status::closed})
    if (to_string(st) == s) return st;
  return std::nullopt;
}

std::string_view to_string(StepKind k) { return k == StepKind::closure ? "closure" : "step"; }

Transition transition(Status from, StepKind kind, std::string_view code, bool requires_acceptance,
                      bool accepted_before) {
  if (from == Status::closed) return {std::nullopt, Refusal::closed};
  if (kind == StepKind::step) return {code == kPatientAccepted ? Status::in_process : from, std::nullopt};
  if (requires_acceptance && !accepted_before) return {std::nullopt, Refusal::acceptance_required};
  return {Status::closed, std::nullopt};
}

Parties parties_of(const std::optional<std::string>& own_provider, bool eps, const Referral& r) {
  Parties p;
  p.eps = eps;
  if (own_provider) {
    p.origin = r.draft.origin.nit == *own_provider;
    p.destination = r.draft.destination.nit == *own_provider;
  }
  return p;
}

bool side_allows(std::string_view side, const Parties& parties) {
  if (parties.eps) return true;
  if (side == "origin") return parties.origin;
  if (side == "destination") return parties.destination;
  if (side == "any") return parties.origin || parties.destination;
  return false;  // "eps" steps are the EPS's own
}

RegistrationResult validate_registration(const ReferralDraft& draft, const AffiliateFacts* affiliate,
                                         const ProviderAnswers& providers, core::Instant now,
                                         const catalog::Catalogs& catalogs, std::string_view attention_phone,
                                         core::FieldErrors parse_errors) {
  RegistrationResult result;
  result.draft = draft;
  auto& d = result.draft;
  core::FieldErrors rules;
  const auto& parsed = parse_errors;
  const auto person = directory::person_of(affiliate, now);
  if (auto e = directory::check_affiliate(affiliate, person, attention_phone, parsed)) rules.push_back(*e);

  check_code(d.referral_type, "referral_type", catalog::kReferralTypes, catalogs, parsed, rules);
  check_code(d.origin_service, "origin_service", catalog::kServices, catalogs, parsed, rules);
  check_code(d.requested_service, "requested_service", catalog::kServices, catalogs, parsed, rules);
  check_code(d.ambulance_type, "ambulance_type", catalog::kAmbulanceTypes, catalogs, parsed, rules);
  check_optional_code(d.transfer_type, "transfer_type", catalog::kTransferTypes, catalogs, parsed, rules);
  check_provider(d.origin, "origin", providers.origin, catalogs, parsed, rules);
  check_provider(d.destination, "destination", providers.destination, catalogs, parsed, rules);
  if (!d.origin.nit.empty() && d.origin.nit == d.destination.nit &&
      d.origin.habilitation_code == d.destination.habilitation_code &&
      !already_reported(parsed, "destination")) {
    rules.push_back({"destination",
                     "same_as_origin",
                     {"La IPS de destino no puede ser la misma sede de origen.",
                      "The destination cannot be the origin branch itself."}});
  }
  const auto codes =
      directory::check_diagnoses(d.diagnoses.principal, d.diagnoses.related, person, catalogs, parsed, rules);
  d.diagnoses = codes;
  check_transfer(d.ambulance_type, d.transfer_type, d.transfer_requirements, "", catalogs, parsed, rules);
  check_res2335(d.res2335, catalogs, parsed, rules);

  result.errors = std::move(parse_errors);
  result.errors.insert(result.errors.end(), rules.begin(), rules.end());
  if (person.newborn) result.warnings.emplace_back(directory::kNewbornDiagnosesNotChecked);
  return result;
}

StepCheck validate_step(const StepDraft& step, const Referral& r, core::Instant now,
                        const catalog::Catalogs& catalogs, core::FieldErrors parse_errors) {
  StepCheck result;
  result.draft = step;
  auto& s = result.draft;
  core::FieldErrors rules;
  const auto& parsed = parse_errors;
  if (s.kind == StepKind::step) {
    check_code(s.step, "step", catalog::kReferralSteps, catalogs, parsed, rules);
  } else {
    check_code(s.closure_reason, "closure_reason", catalog::kClosureReasons, catalogs, parsed, rules);
    check_code(s.arrival_condition, "arrival_condition", catalog::kArrivalConditions, catalogs, parsed,
               rules);
    if (s.closure_reason == kArrivalConfirmed && s.arrival_condition == kNotApplicable &&
        !already_reported(parsed, "arrival_condition")) {
      rules.push_back({"arrival_condition",
                       "condition_required_on_arrival",
                       {"Con la llegada confirmada indique el estado del paciente al llegar a la IPS.",
                        "With the arrival confirmed, give the patient's condition on arrival."}});
    }
  }
  check_optional_code(s.condition_destination, "condition_destination", catalog::kConditionDestinations,
                      catalogs, parsed, rules);
  auto& u = s.update;
  if (u.requested_service)
    check_code(*u.requested_service, "requested_service", catalog::kServices, catalogs, parsed, rules);
  if (u.ambulance_type)
    check_code(*u.ambulance_type, "ambulance_type", catalog::kAmbulanceTypes, catalogs, parsed, rules);
  check_optional_code(u.transfer_type, "transfer_type", catalog::kTransferTypes, catalogs, parsed, rules);
  if (u.diagnoses) {
    const auto person = directory::person_of(&r.affiliate, now);
    u.diagnoses = directory::check_diagnoses(u.diagnoses->principal, u.diagnoses->related, person, catalogs,
                                             parsed, rules);
    if (person.newborn) result.warnings.emplace_back(directory::kNewbornDiagnosesNotChecked);
  }
  if (u.ambulance_type || u.transfer_type || u.transfer_requirements) {
    // The ambulance rule on the transfer data as the step leaves it.
    const auto now_data = current_clinical_data(r);
    const auto ambulance = u.ambulance_type ? *u.ambulance_type : now_data.ambulance_type.value_or("");
    const auto* item = catalogs.find(catalog::kAmbulanceTypes, ambulance);
    const bool needs = item && item->flag("requires_transfer");
    check_transfer(ambulance,
                   u.transfer_type ? u.transfer_type : (needs ? now_data.transfer_type : std::nullopt),
                   u.transfer_requirements ? u.transfer_requirements
                                           : (needs ? now_data.transfer_requirements : std::nullopt),
                   "", catalogs, parsed, rules);
  }
  result.errors = std::move(parse_errors);
  result.errors.insert(result.errors.end(), rules.begin(), rules.end());
  return result;
}

ClinicalUpdate current_clinical_data(const Referral& r) {
  ClinicalUpdate c;
  c.diagnoses = r.draft.diagnoses;
  c.requested_service = r.draft.requested_service;
  c.pos = r.draft.pos;
  c.ambulance_type = r.draft.ambulance_type;
  c.transfer_type = r.draft.transfer_type;
  c.transfer_requirements = r.draft.transfer_requirements;
  for (const auto& step : r.timeline) {
    const auto& u = step.draft.update;
    if (u.diagnoses) c.diagnoses = u.diagnoses;
    if (u.requested_service) c.requested_service = u.requested_service;
    if (u.pos) c.pos = u.pos;
    if (u.ambulance_type) c.ambulance_type = u.ambulance_type;
    if (u.transfer_type) c.transfer_type = u.transfer_type;
    if (u.transfer_requirements) c.transfer_requirements = u.transfer_requirements;
    if (u.ambulance_type == kNotApplicable) {  // no ambulance any more: no transfer either
      c.transfer_type.reset();
      c.transfer_requirements.reset();
    }
  }
  return c;
}

bool accepted_before(const Referral& r) {
  return std::any_of(r.timeline.begin(), r.timeline.end(), [](const Step& s) {
    return s.draft.kind == StepKind::step && s.draft.step == kPatientAccepted;
  });
}

std::string affiliate_key(const AffiliateRef& ref) {
  return ref.document_type + ":" + ref.document_number + ":" + std::to_string(ref.child_number.value_or(0));
}

core::Text warning_message(std::string_view code) {
  if (code == directory::kNewbornDiagnosesNotChecked) return directory::newborn_diagnoses_warning_message();
  return {std::string(code), std::string(code)};
}

}  // namespace portal::referrals
