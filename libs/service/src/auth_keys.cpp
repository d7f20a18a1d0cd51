#include "portal/service/auth_keys.hpp"

namespace portal::service {

AuthKeys::AuthKeys(const core::Config& config, const core::Clock& clock, core::Logger& logger,
                   const http::ClientOptions& auth)
    : verifier_(security::VerifierOptions{config.get("PORTAL_JWT_ISSUER", "eps-portal-auth"),
                                          config.get("PORTAL_JWT_AUDIENCE", "eps-portal")},
                clock),
      auth_client_(auth),
      jwks_(http::jwks_fetch_from(auth_client_, logger), verifier_, logger, http::JwksCacheOptions{}) {}

void AuthKeys::start() { jwks_.start(); }

void AuthKeys::stop() { jwks_.stop(); }

}  // namespace portal::service
