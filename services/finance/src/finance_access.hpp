#pragma once
// Who may do what with payments (SPEC §1, §9), as a pure function of the verified principal:
//   provider users   module permission `payments` (provider_admin holds every module): read their own
//                    provider's vouchers; a delegate without it gets 403;
//   employees        `finance`: load, and read every provider's;
//   integrators      scope `payments`: bound to the EPS (the ERP, no provider claim) load and read every
//                    provider's; bound to a provider, read that provider's.
#include <optional>
#include <string>

#include "portal/security/principal.hpp"

namespace portal::finance {

inline constexpr const char* kPaymentsModule = "payments";

struct FinanceAccess {
  bool load = false;
  bool read = false;
  // Set: the caller sees this provider's vouchers only (another's is 404).
  std::optional<std::string> own_provider;
};

FinanceAccess finance_access(const security::Principal& principal);

}  // namespace portal::finance

namespace portal::finance {

inline constexpr const char* kPortfolioModule = "portfolio";

// FIN-4: provider users with the module `portfolio` (and integrators bound to a provider with that scope)
// file requests and read their own; EPS finance employees and the EPS's ERP read every provider's.
struct PortfolioAccess {
  bool request = false;
  bool read = false;
  std::optional<std::string> own_provider;
};

PortfolioAccess portfolio_access(const security::Principal& principal);

}  // namespace portal::finance
