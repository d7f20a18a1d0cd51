#include "authorization_access.hpp"

#include <algorithm>

namespace portal::authorizations {

AuthorizationAccess authorization_access(const security::Principal& p) {
  AuthorizationAccess a;
  if (p.is_provider()) {
    // A provider user without a provider claim is a broken token: no access rather than all providers.
    if (!p.provider_nit) return a;
    // AUT-9: the indicators are their own module (a delegate may read them without filing requests); they
    // are always the caller's provider's (principal.provider_nit).
    a.indicators = p.has_permission(kIndicatorsPermission);
    if (!p.has_permission(kAuthorizationsModule)) return a;
    a.create = a.read = a.request_annulment = a.record_usage = true;
    a.own_provider = p.provider_nit;
  } else if (p.is_employee()) {
    a.create = p.has_role("agent") || p.has_role("admin");
    a.read = a.create || p.has_role("auditor");
    a.manage_rules = p.has_role("admin");
    a.decide = p.has_role("auditor");
    a.decision_metrics = p.has_role("admin");
  } else if (p.is_client()) {
    const bool scoped =
        std::find(p.permissions.begin(), p.permissions.end(), kAuthorizationsModule) != p.permissions.end();
    a.create = a.read = scoped;
    a.own_provider = p.provider_nit;
    a.request_annulment = a.record_usage = scoped && p.provider_nit.has_value();
  }
  return a;
}

}  // namespace portal::authorizations
