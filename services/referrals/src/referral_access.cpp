#include "referral_access.hpp"

#include <algorithm>

namespace portal::referrals {

ReferralAccess referral_access(const security::Principal& p) {
  ReferralAccess a;
  if (p.is_provider()) {
    if (!p.provider_nit) return a;  // a broken token: nothing rather than every provider
    a.read = a.record_steps = p.has_permission(kReferralsModule);
    a.own_provider = p.provider_nit;
  } else if (p.is_employee()) {
    a.eps = true;
    a.create = a.record_steps = p.has_role("agent");
    a.read = a.create || p.has_role("admin") || p.has_role("auditor");
  } else if (p.is_client()) {
    const bool scoped =
        std::find(p.permissions.begin(), p.permissions.end(), kReferralsModule) != p.permissions.end();
    a.read = a.record_steps = scoped;
    if (p.provider_nit) {
      a.own_provider = p.provider_nit;
    } else {
      a.eps = true;
      a.create = scoped;
    }
  }
  return a;
}

}  // namespace portal::referrals
