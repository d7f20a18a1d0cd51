#pragma once
// AFF-5: a contact-centre call ("Otras llamadas", manual 000 §4.1.3). The action decides which
// procedures (trámites) are allowed (Tabla 4.1); the action `other` takes free text instead and is
// meant for strict necessity. Callers about non-affiliates are recorded with caller type "other".
#include <optional>
#include <string>

#include "portal/core/errors.hpp"
#include "reference_data.hpp"

namespace portal::affiliates {

inline const std::vector<std::string_view> kCallTypes = {"incoming", "outgoing"};
inline const std::vector<std::string_view> kCallerTypes = {"affiliate", "provider", "other"};

struct CallDraft {
  std::string call_type;
  std::string caller_type;
  std::string caller_name;
  std::optional<std::string> caller_phone;
  // A registered provider by NIT, or an unregistered one with name + NIT + municipality.
  std::optional<std::string> provider_nit;
  std::optional<std::string> provider_name;
  std::optional<std::string> provider_municipality_code;
  std::optional<std::string> affiliate_document_type;
  std::optional<std::string> affiliate_document_number;
  std::string action;
  std::optional<std::string> procedure;
  std::optional<std::string> other_text;
  std::optional<std::string> notes;
};

// Every invalid field (existence of the affiliate is checked by the caller against the registry).
core::FieldErrors validate_call(const CallDraft& call, const ReferenceData& ref);

}  // namespace portal::affiliates
