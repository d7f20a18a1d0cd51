#include "report_rules.hpp"

#include <algorithm>
#include <cctype>

namespace portal::inconsistencies {
namespace {

using core::FieldError;
using core::Text;

bool has(const std::vector<Variable>& vs, Variable v) {
  return std::find(vs.begin(), vs.end(), v) != vs.end();
}

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool phone_like(std::string_view s) { return digits(s) && s.size() >= 7 && s.size() <= 10; }

bool email_like(std::string_view s) {
  const auto at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos) return false;
  const auto dot = s.find('.', at + 2);
  return dot != std::string_view::npos && dot + 1 < s.size() &&
         std::none_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

std::string folded(std::string_view s) {
  std::string out;
  for (unsigned char c : s) out += static_cast<char>(std::tolower(c));
  return out;
}

FieldError required(std::string field) {
  return {std::move(field), "required", Text{"Es obligatorio.", "Required."}};
}

FieldError required_for(std::string field, std::string_view variable_es, std::string_view variable_en) {
  return {std::move(field), "required",
          Text{"Es obligatorio al reportar la variable «" + std::string(variable_es) + "».",
               "Required when the variable \"" + std::string(variable_en) + "\" is reported."}};
}

void check_document_data(const ReportDraft& d, const catalog::Catalogs& catalogs,
                         std::chrono::year_month_day today, core::FieldErrors& errors) {
  const auto& doc = d.document;
  if (has(d.variables, Variable::surnames) && doc.first_surname.empty())
    errors.push_back(required_for("document_data.first_surname", "Primer y segundo apellido", "surnames"));
  if (has(d.variables, Variable::names) && doc.first_name.empty())
    errors.push_back(required_for("document_data.first_name", "Primer y segundo nombre", "names"));
  if (!has(d.variables, Variable::document_and_birth_date)) return;
  constexpr std::string_view es = "Documento identificación y fecha nacimiento";
  constexpr std::string_view en = "document and birth date";
  if (doc.document_type.empty()) {
    errors.push_back(required_for("document_data.document_type", es, en));
  } else if (catalogs.find(catalog::kDocumentTypes, doc.document_type) == nullptr) {
    errors.push_back({"document_data.document_type", "unknown_document_type",
                      Text{"El tipo de documento no existe en el catálogo.", "Unknown document type."}});
  }
  if (doc.document_number.empty()) {
    errors.push_back(required_for("document_data.document_number", es, en));
  } else if (doc.document_number.size() > 20 ||
             !std::all_of(doc.document_number.begin(), doc.document_number.end(),
                          [](unsigned char c) { return std::isalnum(c); })) {
    errors.push_back({"document_data.document_number", "invalid_format",
                      Text{"Solo letras y dígitos, hasta 20.", "Letters and digits only, up to 20."}});
  }
  if (doc.birth_date.empty()) {
    errors.push_back(required_for("document_data.birth_date", es, en));
  } else if (const auto born = core::parse_date(doc.birth_date); !born) {
    errors.push_back({"document_data.birth_date", "invalid_date",
                      Text{"Fecha inválida: use AAAA-MM-DD.", "Invalid date: use YYYY-MM-DD."}});
  } else if (std::chrono::sys_days{*born} > std::chrono::sys_days{today}) {
    errors.push_back(
        {"document_data.birth_date", "in_future",
         Text{"La fecha de nacimiento no puede ser futura.", "The birth date cannot be in the future."}});
  } else if (born->year() < std::chrono::year{1900}) {
    errors.push_back({"document_data.birth_date", "out_of_range",
                      Text{"La fecha de nacimiento es anterior a 1900.", "The birth date is before 1900."}});
  }
}

bool sent(const ReportDraft& d, std::string_view member) {
  return std::find(d.contact_sent.begin(), d.contact_sent.end(), member) != d.contact_sent.end();
}

void check_contact(const ReportDraft& sent_draft, const ReportDraft& d, ReportType type,
                   const RegistryAffiliate* registry, const catalog::Catalogs& catalogs,
                   core::FieldErrors& errors) {
  const auto& c = d.contact;
  if (type == ReportType::data_mismatch && registry) {
    // Manual 001: address, e-mail, department and municipality come from the registry and are not
    // editable when the affiliate exists.
    const auto& s = sent_draft.contact;
    const auto registry_department = registry->municipality_code.substr(0, 2);
    const std::pair<std::string_view, bool> fixed[] = {
        {"address", s.address != registry->address},
        {"email", folded(s.email) != folded(registry->email)},
        {"department_code", s.department_code != registry_department},
        {"municipality_code", s.municipality_code != registry->municipality_code},
    };
    for (const auto& [member, differs] : fixed) {
      if (sent(sent_draft, member) && differs)
        errors.push_back(
            {"contact." + std::string(member), "not_editable",
             Text{"El afiliado existe: este dato se toma de la base de datos de la EPS y no es editable.",
                  "The affiliate exists: this field comes from the EPS's registry and cannot be edited."}});
    }
  } else {
    if (c.municipality_code.empty()) {
      errors.push_back(required("contact.municipality_code"));
    } else if (const auto m = catalogs.municipality(c.municipality_code); !m) {
      errors.push_back({"contact.municipality_code", "unknown_municipality",
                        Text{"El municipio no existe en DIVIPOLA.", "The municipality is not in DIVIPOLA."}});
    } else if (!c.department_code.empty() && c.department_code != m->department_code) {
      errors.push_back({"contact.department_code", "department_mismatch",
                        Text{"El municipio no pertenece a ese departamento.",
                             "The municipality is not in that department."}});
    }
    if (!c.email.empty() && !email_like(c.email))
      errors.push_back(
          {"contact.email", "invalid_email", Text{"Correo electrónico inválido.", "Invalid e-mail."}});
  }
  for (const auto& [member, value] : {std::pair<std::string_view, const std::string*>{"phone", &c.phone},
                                      {"mobile", &c.mobile},
                                      {"emergency_contact_phone", &c.emergency_contact_phone}}) {
    if (!value->empty() && !phone_like(*value))
      errors.push_back({"contact." + std::string(member), "invalid_phone",
                        Text{"Solo dígitos, de 7 a 10.", "Digits only, 7 to 10 of them."}});
  }
  if (!c.emergency_contact_phone.empty() && c.emergency_contact_name.empty())
    errors.push_back({"contact.emergency_contact_name", "required",
                      Text{"Es obligatorio si se informa el teléfono del contacto de emergencia.",
                           "Required when the emergency contact's phone is given."}});
}

void check_reporter(const Reporter& r, core::FieldErrors& errors) {
  if (r.document_number.empty()) {
    errors.push_back(required("reporter.document_number"));
  } else if (!digits(r.document_number) || r.document_number.size() > 20) {
    errors.push_back({"reporter.document_number", "invalid_format",
                      Text{"Solo dígitos, hasta 20.", "Digits only, up to 20."}});
  }
  if (r.name.empty()) errors.push_back(required("reporter.name"));
  if (r.position.empty()) errors.push_back(required("reporter.position"));
  if (r.phone.empty() && r.mobile.empty()) {
    errors.push_back({"reporter.phone", "required",
                      Text{"Informe un teléfono o un celular de quien reporta.",
                           "Give a phone or a mobile number of the reporter."}});
  }
  for (const auto& [member, value] :
       {std::pair<std::string_view, const std::string*>{"phone", &r.phone}, {"mobile", &r.mobile}}) {
    if (!value->empty() && !phone_like(*value))
      errors.push_back({"reporter." + std::string(member), "invalid_phone",
                        Text{"Solo dígitos, de 7 a 10.", "Digits only, 7 to 10 of them."}});
  }
}

}  // namespace

ReportType type_for_lookup(bool affiliate_found) {
  return affiliate_found ? ReportType::data_mismatch : ReportType::not_in_database;
}

ReportDraft effective_draft(const ReportDraft& sent_draft, ReportType type,
                            const RegistryAffiliate* registry) {
  ReportDraft d = sent_draft;
  if (type == ReportType::not_in_database) {
    d.variables = {Variable::document_and_birth_date, Variable::names, Variable::surnames};
    if (d.contact.department_code.empty() && d.contact.municipality_code.size() == 5)
      d.contact.department_code = d.contact.municipality_code.substr(0, 2);
    return d;
  }
  std::vector<Variable> unique;
  for (auto v : d.variables) {
    if (!has(unique, v)) unique.push_back(v);
  }
  std::sort(unique.begin(), unique.end());
  d.variables = unique;
  if (registry) {
    d.contact.address = registry->address;
    d.contact.email = registry->email;
    d.contact.municipality_code = registry->municipality_code;
    d.contact.department_code = registry->municipality_code.substr(0, 2);
  }
  // Only the chosen variables' document data is the report's.
  if (!has(d.variables, Variable::surnames)) d.document.first_surname = d.document.second_surname = "";
  if (!has(d.variables, Variable::names)) d.document.first_name = d.document.second_name = "";
  if (!has(d.variables, Variable::document_and_birth_date))
    d.document.document_type = d.document.document_number = d.document.birth_date = "";
  return d;
}

core::FieldErrors validate_report(const ReportDraft& sent_draft, ReportType type,
                                  const RegistryAffiliate* registry, const catalog::Catalogs& catalogs,
                                  std::chrono::year_month_day today) {
  core::FieldErrors errors;
  const auto d = effective_draft(sent_draft, type, registry);
  if (type == ReportType::data_mismatch) {
    if (sent_draft.variables.empty()) {
      errors.push_back({"variables", "required",
                        Text{"Seleccione al menos una variable presuntamente incorrecta.",
                             "Choose at least one variable that is presumably wrong."}});
    } else if (d.variables.size() != sent_draft.variables.size()) {
      errors.push_back({"variables", "duplicate_variable",
                        Text{"Una variable está repetida.", "A variable is repeated."}});
    }
  }
  check_document_data(d, catalogs, today, errors);
  check_contact(sent_draft, d, type, registry, catalogs, errors);
  check_reporter(d.reporter, errors);
  return errors;
}

std::vector<ReportStatus> allowed_moves(ReportType type, ReportStatus from) {
  using S = ReportStatus;
  if (type == ReportType::not_in_database) {
    if (from == S::pending)
      return {S::processed_pre_affiliated, S::processed_not_affiliated, S::processed_already_exists,
              S::annulled};
    return {};
  }
  if (from == S::pending || from == S::processed_partial)
    return {S::processed_partial, S::processed, S::annulled};
  return {};
}

bool move_allowed(ReportType type, ReportStatus from, ReportStatus to) {
  const auto moves = allowed_moves(type, from);
  return std::find(moves.begin(), moves.end(), to) != moves.end();
}

std::vector<Variable> pending_variables(const Report& report) {
  std::vector<Variable> out;
  for (auto v : report.draft.variables) {
    const bool done = std::any_of(report.steps.begin(), report.steps.end(),
                                  [&](const ProcessingStep& s) { return has(s.corrected, v); });
    if (!done) out.push_back(v);
  }
  return out;
}

core::FieldErrors validate_processing(const Report& report, const ProcessingRequest& request) {
  core::FieldErrors errors;
  using S = ReportStatus;
  if ((request.status == S::annulled || request.status == S::processed_already_exists) &&
      request.note.empty())
    errors.push_back(
        {"note", "required",
         Text{"Explique el motivo (p. ej. el informe duplicado o el documento con el que ya existe).",
              "Give the reason (e.g. the duplicate report, or the document the person exists under)."}});
  if (request.status == S::processed_pre_affiliated) {
    if (request.sex != "F" && request.sex != "M")
      errors.push_back(
          {"affiliate.sex", request.sex.empty() ? "required" : "invalid_value",
           Text{"Sexo del afiliado a crear: F o M.", "Sex of the affiliate to create: F or M."}});
    if (request.regime != "subsidized" && request.regime != "contributory")
      errors.push_back({"affiliate.regime", request.regime.empty() ? "required" : "invalid_value",
                        Text{"Régimen del afiliado a crear: subsidized o contributory.",
                             "Regime of the affiliate to create: subsidized or contributory."}});
  }
  if (request.status == S::processed_partial) {
    const auto open = pending_variables(report);
    if (request.corrected.empty()) {
      errors.push_back({"corrected_variables", "required",
                        Text{"Indique qué variables corrige este trámite parcial.",
                             "Say which variables this partial step corrects."}});
    } else if (std::any_of(request.corrected.begin(), request.corrected.end(),
                           [&](Variable v) { return !has(open, v); })) {
      errors.push_back({"corrected_variables", "not_pending",
                        Text{"Solo variables del informe que no se hayan corregido aún.",
                             "Only variables of the report that were not corrected yet."}});
    } else if (request.corrected.size() >= open.size()) {
      errors.push_back({"corrected_variables", "all_variables",
                        Text{"Corrige todas las variables pendientes: use el estado processed.",
                             "It corrects every pending variable: use the status processed."}});
    }
  }
  return errors;
}

ProcessingPlan plan_processing(const Report& report, const ProcessingRequest& request) {
  ProcessingPlan plan;
  switch (request.status) {
    case ReportStatus::processed_pre_affiliated:
      plan.action = RegistryAction::create_affiliate;
      break;
    case ReportStatus::processed_partial:
      plan.action = RegistryAction::correct_affiliate;
      plan.corrected = request.corrected;
      break;
    case ReportStatus::processed:
      plan.action = RegistryAction::correct_affiliate;
      plan.corrected = pending_variables(report);
      plan.registry_consistent = true;
      break;
    default:
      break;
  }
  return plan;
}

}  // namespace portal::inconsistencies
