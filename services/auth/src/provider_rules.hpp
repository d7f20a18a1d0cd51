#pragma once
// AUTH-1: what an EPS admin may load into the provider registry. Pure validation.
#include <optional>
#include <string>
#include <vector>

#include "portal/core/errors.hpp"
#include "user_rules.hpp"

namespace portal::auth {

struct BranchDraft {
  std::optional<std::string> habilitation_code, name, department_code, municipality_code, address;
  std::vector<PersonDraft> contacts;  // document, names, position, e-mail, phone, mobile, address
};

struct ProviderDraft {
  std::optional<std::string> nit, legal_name;
  std::optional<std::string> email;  // optional institutional e-mail (issue 11)
  std::optional<std::vector<BranchDraft>> branches;
};

// NIT without check digit (5 to 10 digits); habilitation codes of 10 to 12 digits (REPS), unique within
// the draft; DIVIPOLA department/municipality; every contact with document, first name, first surname,
// position and a valid e-mail (self-registration mails the activation link to it); the provider's own
// e-mail, when given, valid too.
core::FieldErrors validate_provider(const ProviderDraft& d);

}  // namespace portal::auth
