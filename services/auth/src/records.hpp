#pragma once
// Rows of the auth database as the stores return them (AUTH-1, AUTH-2, AUTH-8, AUTH-9).
#include <optional>
#include <string>
#include <vector>

#include "portal/http/pagination.hpp"

namespace portal::auth {

struct ProviderRecord {
  long long id = 0;
  std::string nit;
  std::string legal_name;
  std::string created_at;
  std::optional<std::string> email;  // institutional e-mail (issue 11: reporting entity of Res. 2335 reports)
};

struct BranchRecord {
  long long id = 0;
  long long provider_id = 0;
  std::string habilitation_code;
  std::string name;
  std::string department_code;
  std::string municipality_code;
  std::optional<std::string> address;
};

struct ContactRecord {
  long long id = 0;
  long long branch_id = 0;
  std::string habilitation_code;
  std::string document_type = "CC";
  std::string document_number;
  std::string first_name;
  std::optional<std::string> second_name;
  std::string first_surname;
  std::optional<std::string> second_surname;
  std::string position;
  std::optional<std::string> email, phone, mobile, address;
  std::string full_name() const;
};

struct UserRecord {
  long long id = 0;
  std::string user_type;  // provider | employee
  std::optional<long long> provider_id;
  std::optional<std::string> provider_nit;   // joined
  std::optional<std::string> provider_name;  // joined
  std::optional<long long> branch_id;
  std::optional<std::string> habilitation_code;  // joined from the branch
  std::string username;
  std::optional<std::string> password_hash;
  std::string status = "pending_activation";
  std::vector<std::string> roles;
  std::vector<std::string> permissions;
  std::optional<std::string> valid_until;  // YYYY-MM-DD, inclusive
  std::string document_type, document_number;
  std::string first_name;
  std::optional<std::string> second_name;
  std::string first_surname;
  std::optional<std::string> second_surname;
  std::optional<std::string> position, area, department_code, municipality_code, phone, extension, mobile;
  std::string email;
  std::string created_at, updated_at;

  bool has_role(std::string_view role) const;
  std::string full_name() const;
  // AUTH-4 `permissions` claim: provider_admin holds every provider module.
  std::vector<std::string> effective_permissions() const;
};

using Page = http::PageRequest;

}  // namespace portal::auth
