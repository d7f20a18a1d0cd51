#pragma once
// Who is calling, as proven by a verified access token (SPEC §1, AUTH-4). Never built from a header
// a client could set.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portal::security {

// Provider module permissions (AUTH-8).
inline const std::vector<std::string_view> kProviderModules = {
    "urgencies", "authorizations", "referrals",  "inconsistencies",
    "payments",  "portfolio",      "indicators", "glosas"};

struct Principal {
  std::string subject;                   // "user:<id>" or "client:<client_id>"
  std::string user_type;                 // "provider" | "employee" | "client"
  std::vector<std::string> roles;        // provider_admin, provider_user, agent, auditor, finance, admin
  std::vector<std::string> permissions;  // provider modules; scopes for clients
  std::optional<std::string> provider_nit;
  std::optional<std::string> branch;
  std::string jti;
  long long expires_at = 0;  // unix seconds
  long long issued_at = 0;   // unix seconds ("iat"): tokens issued before a revocation are refused (issue 9)

  bool has_role(std::string_view role) const;
  // provider_admin holds every provider module; employees' access is by role, not module.
  bool has_permission(std::string_view module) const;
  bool is_provider() const { return user_type == "provider"; }
  bool is_employee() const { return user_type == "employee"; }
  bool is_client() const { return user_type == "client"; }
  // Numeric user id from subject "user:<id>", or nullopt for clients.
  std::optional<long long> user_id() const;
};

}  // namespace portal::security
