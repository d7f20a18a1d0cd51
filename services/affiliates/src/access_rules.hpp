#pragma once
// Who may do what in the affiliates service (SPEC §1; decision recorded in docs/affiliates.md).
// Lookups serve the clinical modules, so a provider user needs one of them; writes are the EPS's.
#include <string_view>
#include <vector>

#include "portal/security/principal.hpp"

namespace portal::affiliates {

enum class Capability {
  lookup,       // AFF-2/AFF-3 lookups, search, read by id
  write,        // create / update one affiliate
  bulk_import,  // AFF-4
  file_call,    // AFF-5 create
  read_calls,   // AFF-5 list
};

// The provider modules that start from an affiliate lookup (urgencies, authorizations, referrals,
// inconsistency reports).
inline const std::vector<std::string_view> kLookupModules = {"urgencies", "authorizations", "referrals",
                                                             "inconsistencies"};
// Integrator scope for affiliate writes and bulk loads.
inline constexpr std::string_view kWriteScope = "affiliates:write";

bool is_allowed(const security::Principal& principal, Capability capability);

}  // namespace portal::affiliates
