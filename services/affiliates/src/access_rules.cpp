#include "access_rules.hpp"

#include <algorithm>

namespace portal::affiliates {
namespace {

bool has_scope(const security::Principal& p, std::string_view scope) {
  return std::find(p.permissions.begin(), p.permissions.end(), scope) != p.permissions.end();
}

bool any_lookup_module(const security::Principal& p) {
  return std::any_of(kLookupModules.begin(), kLookupModules.end(),
                     [&](auto m) { return p.has_permission(m); });
}

}  // namespace

bool is_allowed(const security::Principal& p, Capability capability) {
  switch (capability) {
    case Capability::lookup:
      if (p.is_employee()) return true;
      // Integrators (HIS) file notifications and requests with those scopes; affiliates:write implies read.
      if (p.is_client()) return any_lookup_module(p) || has_scope(p, kWriteScope);
      return p.is_provider() && (p.has_role("provider_admin") || any_lookup_module(p));
    case Capability::write:
      if (p.is_employee()) return p.has_role("admin") || p.has_role("agent");
      return p.is_client() && has_scope(p, kWriteScope);
    case Capability::bulk_import:
      // AFF-4: the roster is loaded by EPS administrators and integrators (the insurer's systems).
      if (p.is_employee()) return p.has_role("admin");
      return p.is_client() && has_scope(p, kWriteScope);
    case Capability::file_call:
    case Capability::read_calls:
      // AFF-5: the contact centre's agents, and administrators.
      return p.is_employee() && (p.has_role("agent") || p.has_role("admin"));
  }
  return false;
}

}  // namespace portal::affiliates
