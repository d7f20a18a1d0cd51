#include "call_rules.hpp"

#include <algorithm>
#include <cctype>

#include "affiliate_rules.hpp"
#include "portal/json/json.hpp"
#include "portal/json/messages.hpp"
#include "portal/json/utf8.hpp"

namespace portal::affiliates {
namespace {

core::FieldError error(std::string field, std::string code, core::Text message) {
  return core::FieldError{std::move(field), std::move(code), std::move(message)};
}

bool blank(const std::optional<std::string>& s) { return !s || json::is_blank(*s); }

void check_enum(core::FieldErrors& errors, std::string field, const std::string& value,
                const std::vector<std::string_view>& allowed) {
  if (value.empty()) {
    errors.push_back(error(std::move(field), "required", json::required_message()));
  } else if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
    errors.push_back(error(std::move(field), "invalid_value", json::invalid_value_message(allowed)));
  }
}

}  // namespace

core::FieldErrors validate_call(const CallDraft& call, const ReferenceData& ref) {
  core::FieldErrors errors;
  check_enum(errors, "call_type", call.call_type, kCallTypes);
  check_enum(errors, "caller_type", call.caller_type, kCallerTypes);
  if (json::is_blank(call.caller_name))
    errors.push_back(error("caller_name", "required", json::required_message()));
  if (call.caller_phone && !call.caller_phone->empty()) {
    if (auto e = check_phone("caller_phone", *call.caller_phone)) errors.push_back(*e);
  }

  // Provider: a NIT always; an unregistered provider also brings its name and municipality.
  if (!blank(call.provider_nit)) {
    const auto& nit = *call.provider_nit;
    if (nit.size() < 6 || nit.size() > 15 ||
        !std::all_of(nit.begin(), nit.end(), [](unsigned char c) { return std::isdigit(c); }))
      errors.push_back(error("provider.nit", "invalid_nit",
                             {"El NIT debe tener entre 6 y 15 dígitos, sin dígito de verificación.",
                              "The NIT must have 6 to 15 digits, without check digit."}));
  } else if (!blank(call.provider_name) || !blank(call.provider_municipality_code) ||
             call.caller_type == "provider") {
    errors.push_back(error("provider.nit", "required", json::required_message()));
  }
  if (!blank(call.provider_name) || !blank(call.provider_municipality_code)) {
    if (blank(call.provider_name))
      errors.push_back(error("provider.name", "required", json::required_message()));
    if (blank(call.provider_municipality_code)) {
      errors.push_back(error("provider.municipality_code", "required", json::required_message()));
    } else if (!ref.municipality_exists(*call.provider_municipality_code)) {
      errors.push_back(
          error("provider.municipality_code", "unknown_municipality",
                {"El municipio no existe en DIVIPOLA.", "The municipality is not in DIVIPOLA."}));
    }
  }

  // Affiliate: required when the caller is one; callers about non-affiliates use caller type "other".
  const bool has_affiliate = !blank(call.affiliate_document_type) || !blank(call.affiliate_document_number);
  if (has_affiliate) {
    if (auto e = check_document("affiliate.document_type", "affiliate.document_number",
                                call.affiliate_document_type.value_or(""),
                                call.affiliate_document_number.value_or(""), ref))
      errors.push_back(*e);
  } else if (call.caller_type == "affiliate") {
    errors.push_back(error("affiliate", "required", json::required_message()));
  }

  // Tabla 4.1: action → allowed procedures; `other` → free text.
  const auto* action = call.action.empty() ? nullptr : ref.call_action(call.action);
  if (call.action.empty()) {
    errors.push_back(error("action", "required", json::required_message()));
  } else if (!action) {
    errors.push_back(error("action", "unknown_action",
                           {"La acción no existe en la Tabla 4.1 de acciones y trámites.",
                            "The action is not in Table 4.1 of actions and procedures."}));
  } else if (action->free_text) {
    if (blank(call.other_text)) {
      errors.push_back(error("other_text", "required",
                             {"La acción Otros exige describir el trámite en el campo de texto.",
                              "The action Other requires describing the procedure as text."}));
    }
    if (!blank(call.procedure)) {
      errors.push_back(error("procedure", "not_allowed",
                             {"La acción Otros no lleva trámite del catálogo.",
                              "The action Other takes no catalog procedure."}));
    }
  } else if (blank(call.procedure)) {
    errors.push_back(error("procedure", "required", json::required_message()));
  } else if (std::find(action->procedures.begin(), action->procedures.end(), *call.procedure) ==
             action->procedures.end()) {
    errors.push_back(
        error("procedure", "not_allowed_for_action",
              {"El trámite no corresponde a la acción " + action->code + " (Tabla 4.1).",
               "The procedure does not belong to the action " + action->code + " (Table 4.1)."}));
  }
  if (call.other_text && json::utf8_length(*call.other_text) > 500)
    errors.push_back(error("other_text", "too_long", json::too_long_message(500)));
  if (call.notes && json::utf8_length(*call.notes) > 2000)
    errors.push_back(error("notes", "too_long", json::too_long_message(2000)));
  return errors;
}

}  // namespace portal::affiliates
