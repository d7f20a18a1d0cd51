#include "records.hpp"

#include <algorithm>

#include "portal/security/principal.hpp"

namespace portal::auth {
namespace {

std::string join_name(std::initializer_list<const std::optional<std::string>*> parts) {
  std::string out;
  for (const auto* p : parts) {
    if (!*p || (*p)->empty()) continue;
    if (!out.empty()) out += ' ';
    out += **p;
  }
  return out;
}

}  // namespace

std::string ContactRecord::full_name() const {
  const std::optional<std::string> first{first_name}, surname{first_surname};
  return join_name({&first, &second_name, &surname, &second_surname});
}

std::string UserRecord::full_name() const {
  const std::optional<std::string> first{first_name}, surname{first_surname};
  return join_name({&first, &second_name, &surname, &second_surname});
}

bool UserRecord::has_role(std::string_view role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

std::vector<std::string> UserRecord::effective_permissions() const {
  if (user_type != "provider") return {};
  if (has_role("provider_admin")) return {security::kProviderModules.begin(), security::kProviderModules.end()};
  return permissions;
}

}  // namespace portal::auth
