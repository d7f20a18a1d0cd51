#pragma once
// Who may do what with authorization requests (SPEC §1, §6), as a pure function of the verified principal:
//   provider users   module permission `authorizations` (provider_admin holds every module): file, read and
//                    ask to annul their own provider's requests; evaluate hypothetical ones;
//   employees        `agent` / `admin` file (naming the provider) and read every provider's; `auditor` reads;
//                    `auditor` decides (AUT-4); an EPS `admin` reads the decision metrics;
//                    only an EPS `admin` uploads and activates rule sets and loads provider contracts;
//   integrators      scope `authorizations`: like a provider user when bound to a provider (provider_nit
//                    claim), like an agent otherwise.
#include <optional>
#include <string>

#include "portal/security/principal.hpp"

namespace portal::authorizations {

inline constexpr const char* kAuthorizationsModule = "authorizations";
inline constexpr const char* kIndicatorsPermission = "indicators";

struct AuthorizationAccess {
  bool create = false;
  bool read = false;
  bool manage_rules = false;       // rule sets and provider contracts (EPS admin)
  bool request_annulment = false;  // AUT-3: providers ask, an auditor annuls
  bool decide = false;             // AUT-4: EPS auditors
  bool record_usage = false;       // AUT-9: the provider an authorization is directed to
  bool indicators = false;         // AUT-9: provider admins and delegates with `indicators`
  bool decision_metrics = false;   // issue 13 (CMS-0057-F): EPS admins
  // Set: the caller works for this provider only (others' requests are 404; it files for it).
  std::optional<std::string> own_provider;
};

AuthorizationAccess authorization_access(const security::Principal& principal);

}  // namespace portal::authorizations
