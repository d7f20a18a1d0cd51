#pragma once
// Who may do what with referrals (SPEC §1, §7), as a pure function of the verified principal:
//   EPS agents (employee role `agent`)       register, read every referral, record any step or closure;
//   EPS admins and auditors                  read every referral;
//   integrators bound to the EPS             scope `referrals`: as agents;
//   provider users (module `referrals`)      read the referrals where their provider is origin or
//                                            destination (another provider's is 404), record their side's
//                                            steps; integrators bound to a provider with scope `referrals`
//                                            likewise. They do not register (REF-1: the call centre does).
#include <optional>
#include <string>

#include "portal/security/principal.hpp"

namespace portal::referrals {

inline constexpr const char* kReferralsModule = "referrals";

struct ReferralAccess {
  bool create = false;
  bool read = false;
  bool record_steps = false;
  bool eps = false;  // acts for the EPS: every referral, every side
  // Set: the caller sees only referrals where this provider is origin or destination.
  std::optional<std::string> own_provider;
};

ReferralAccess referral_access(const security::Principal& principal);

}  // namespace portal::referrals
