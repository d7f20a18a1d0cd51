#pragma once
// AUTH-8 (delegated provider users), AUTH-9 (employees) and AUTH-7 (own profile): the business
// validation of what a caller asks to create or change. Pure functions returning every broken rule.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portal/core/errors.hpp"

namespace portal::auth {

// Document types a person working at a provider or at the EPS may hold.
inline const std::vector<std::string_view> kDocumentTypes = {"CC", "CE", "TI", "PA", "PT", "PE"};
inline const std::vector<std::string_view> kEmployeeRoles = {"agent", "auditor", "finance", "admin"};

// Fields as the client sent them (nullopt = absent). Type errors were already collected by the reader.
struct PersonDraft {
  std::optional<std::string> document_type, document_number;
  std::optional<std::string> first_name, second_name, first_surname, second_surname;
  std::optional<std::string> position, area, department_code, municipality_code;
  std::optional<std::string> mobile, phone, extension, email, email_confirmation;
  std::optional<std::string> username, valid_until;
  std::optional<std::string> address;  // registry contacts only (AUTH-1)
  std::optional<std::vector<std::string>> permissions;  // provider modules (AUTH-8)
  std::optional<std::vector<std::string>> roles;        // employee roles (AUTH-9)
};

// AUTH-8 creation: required document type and number, first name, first surname, position, area,
// department, city, mobile, corporate e-mail twice (must match); optional second name and surname,
// phone, extension, permissions (provider modules), validity end date (not in the past), username.
core::FieldErrors validate_new_provider_user(const PersonDraft& d, std::string_view today);

// AUTH-8 edits: document type and number, e-mail and username are not editable by the admin. `present`
// lists the fields the request carried; `status` may be active|inactive.
core::FieldErrors validate_provider_user_patch(const PersonDraft& d, const std::vector<std::string>& present,
                                               const std::optional<std::string>& status, std::string_view today);

// AUTH-9 creation: username, document type and number, first name, first surname, e-mail, at least
// one role from kEmployeeRoles.
core::FieldErrors validate_new_employee(const PersonDraft& d);
core::FieldErrors validate_employee_patch(const PersonDraft& d, const std::vector<std::string>& present,
                                          const std::optional<std::string>& status);

// AUTH-7: a user changes their own e-mail, phone and mobile.
core::FieldErrors validate_profile_patch(const std::optional<std::string>& email, const std::optional<std::string>& phone,
                                         const std::optional<std::string>& mobile);

bool is_valid_email(std::string_view email);
// Two fields that must be equal (password + confirmation, e-mail twice).
std::optional<core::FieldError> check_confirmation(std::string_view value, std::string_view confirmation,
                                                   std::string field);

// The error with its bilingual message for a code used by these rules.
core::FieldError field_error(std::string field, std::string code);

}  // namespace portal::auth
