#include "inconsistency_access.hpp"

#include <algorithm>

namespace portal::inconsistencies {

InconsistencyAccess inconsistency_access(const security::Principal& p) {
  InconsistencyAccess a;
  if (p.is_provider()) {
    if (!p.provider_nit) return a;  // a broken token: nothing rather than every provider
    a.file = a.read = p.has_permission(kInconsistenciesModule);
    a.own_provider = p.provider_nit;
  } else if (p.is_client()) {
    if (!p.provider_nit) return a;  // the EPS's own systems do not file reports
    a.file = a.read =
        std::find(p.permissions.begin(), p.permissions.end(), kInconsistenciesModule) != p.permissions.end();
    a.own_provider = p.provider_nit;
  } else if (p.is_employee()) {
    a.process = p.has_role("auditor") || p.has_role("admin");
    a.read = a.process || p.has_role("agent");
  }
  return a;
}

}  // namespace portal::inconsistencies
