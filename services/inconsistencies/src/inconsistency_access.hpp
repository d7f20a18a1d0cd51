#pragma once
// Who may do what with inconsistency reports (SPEC §1, §8), as a pure function of the verified principal:
//   provider users   module `inconsistencies` (provider_admin holds every module): file and read their own
//                    provider's reports; a delegate without it gets 403;
//   integrators      scope `inconsistencies`, bound to a provider: the same for that provider;
//   employees        auditor and admin: read every provider's reports and process them (INC-3); agent:
//                    read them (the contact centre answers providers' questions about them).
#include <optional>
#include <string>

#include "portal/security/principal.hpp"

namespace portal::inconsistencies {

inline constexpr const char* kInconsistenciesModule = "inconsistencies";

struct InconsistencyAccess {
  bool file = false;
  bool read = false;
  bool process = false;
  std::optional<std::string> own_provider;  // set: that provider's reports only (another's is 404)
};

InconsistencyAccess inconsistency_access(const security::Principal& principal);

}  // namespace portal::inconsistencies
