#include "finance_access.hpp"

#include <algorithm>

namespace portal::finance {

FinanceAccess finance_access(const security::Principal& p) {
  FinanceAccess a;
  if (p.is_provider()) {
    if (!p.provider_nit) return a;  // a broken token: nothing rather than every provider
    a.read = p.has_permission(kPaymentsModule);
    a.own_provider = p.provider_nit;
  } else if (p.is_employee()) {
    a.load = a.read = p.has_role("finance");
  } else if (p.is_client()) {
    const bool scoped =
        std::find(p.permissions.begin(), p.permissions.end(), kPaymentsModule) != p.permissions.end();
    a.read = scoped;
    a.own_provider = p.provider_nit;
    a.load = scoped && !p.provider_nit;  // only the EPS's own ERP loads payments
  }
  return a;
}

}  // namespace portal::finance

namespace portal::finance {

PortfolioAccess portfolio_access(const security::Principal& p) {
  PortfolioAccess a;
  if (p.is_provider()) {
    if (!p.provider_nit) return a;
    a.request = a.read = p.has_permission(kPortfolioModule);
    a.own_provider = p.provider_nit;
  } else if (p.is_employee()) {
    a.read = p.has_role("finance");
  } else if (p.is_client()) {
    const auto& scopes = p.permissions;
    const bool portfolio = std::find(scopes.begin(), scopes.end(), kPortfolioModule) != scopes.end();
    const bool payments = std::find(scopes.begin(), scopes.end(), kPaymentsModule) != scopes.end();
    if (p.provider_nit) {
      a.request = a.read = portfolio;
      a.own_provider = p.provider_nit;
    } else {
      a.read = portfolio || payments;
    }
  }
  return a;
}

}  // namespace portal::finance
