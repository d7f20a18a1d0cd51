#include "portal/security/principal.hpp"

#include <algorithm>
#include <charconv>

namespace portal::security {

namespace {

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool is_provider_module(std::string_view module) {
  return std::find(kProviderModules.begin(), kProviderModules.end(), module) != kProviderModules.end();
}

}  // namespace

bool Principal::has_role(std::string_view role) const { return contains(roles, role); }

// AUTH-8: a provider's administrator may use every provider module; a delegate (provider_user) only
// the modules the administrator granted. Employees and integrator clients carry their grants as
// permissions/scopes in the token, so the list alone decides for them.
bool Principal::has_permission(std::string_view module) const {
  if (is_provider() && has_role("provider_admin") && is_provider_module(module)) return true;
  return contains(permissions, module);
}

std::optional<long long> Principal::user_id() const {
  constexpr std::string_view kPrefix = "user:";
  if (!std::string_view{subject}.starts_with(kPrefix)) return std::nullopt;
  std::string_view digits = std::string_view{subject}.substr(kPrefix.size());
  if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  long long id = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (ec != std::errc{} || end != digits.data() + digits.size() || id <= 0) return std::nullopt;
  return id;
}

}  // namespace portal::security
