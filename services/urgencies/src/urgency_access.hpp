#pragma once
// Who may do what with emergency notifications (SPEC §1, §5; issue 4), as a pure function of the
// verified principal:
//   provider users   module permission `urgencies` (provider_admin holds every module): create and read,
//                    their own provider only;
//   employees        `agent` / `admin` create and read every provider's; `auditor` reads every provider's;
//   integrators      scope `urgencies`: create and read; a client bound to a provider (provider_nit claim)
//                    works for that provider only, an EPS-bound one names the provider like an agent.
#include <optional>
#include <string>

#include "portal/security/principal.hpp"

namespace portal::urgencies {

inline constexpr const char* kUrgenciesModule = "urgencies";

struct UrgencyAccess {
  bool create = false;
  bool read = false;
  // Set: the caller works for this provider only (others' notifications are 404, it files for it).
  std::optional<std::string> own_provider;
};

UrgencyAccess urgency_access(const security::Principal& principal);

}  // namespace portal::urgencies
