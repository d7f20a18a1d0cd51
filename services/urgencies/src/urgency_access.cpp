#include "urgency_access.hpp"

#include <algorithm>

namespace portal::urgencies {

UrgencyAccess urgency_access(const security::Principal& p) {
  UrgencyAccess a;
  if (p.is_provider()) {
    // A provider user without a provider claim is a broken token: no access rather than all providers.
    if (!p.provider_nit || !p.has_permission(kUrgenciesModule)) return a;
    a.create = a.read = true;
    a.own_provider = p.provider_nit;
  } else if (p.is_employee()) {
    a.create = p.has_role("agent") || p.has_role("admin");
    a.read = a.create || p.has_role("auditor");
  } else if (p.is_client()) {
    const bool scoped =
        std::find(p.permissions.begin(), p.permissions.end(), kUrgenciesModule) != p.permissions.end();
    a.create = a.read = scoped;
    a.own_provider = p.provider_nit;
  }
  return a;
}

}  // namespace portal::urgencies
