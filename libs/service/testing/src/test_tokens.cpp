#include "portal/service/testing/test_tokens.hpp"

#include "portal/security/password.hpp"

namespace portal::service::testing {

std::string sign_test_token(const security::SigningKey& key, const core::Clock& clock,
                            const security::Principal& principal) {
  security::TokenClaims claims;
  claims.issuer = "eps-portal-auth";
  claims.audience = "eps-portal";
  claims.principal = principal;
  claims.principal.jti = security::random_token(8);
  claims.issued_at = core::unix_seconds(clock.now());
  claims.not_before = claims.issued_at;
  claims.principal.expires_at = claims.issued_at + 900;
  return security::sign_token(key, claims);
}

}  // namespace portal::service::testing
