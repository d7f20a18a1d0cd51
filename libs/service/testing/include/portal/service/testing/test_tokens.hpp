#pragma once
// Access tokens as auth issues them (issuer eps-portal-auth, audience eps-portal, 15 minutes from the
// clock's now, a fresh jti), signed with a key the service under test trusts.
#include <string>

#include "portal/core/clock.hpp"
#include "portal/security/jwt.hpp"

namespace portal::service::testing {

std::string sign_test_token(const security::SigningKey& key, const core::Clock& clock,
                            const security::Principal& principal);

}  // namespace portal::service::testing
