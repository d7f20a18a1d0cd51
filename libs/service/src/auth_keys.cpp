#include "portal/service/auth_keys.hpp"

#include "portal/service/config_options.hpp"

namespace portal::service {

AuthKeys::AuthKeys(const core::Config& config, const core::Clock& clock, core::Logger& logger,
                   const http::ClientOptions& auth)
    : verifier_(security::VerifierOptions{config.get("PORTAL_JWT_ISSUER", "eps-portal-auth"),
                                          config.get("PORTAL_JWT_AUDIENCE", "eps-portal")},
                clock),
      auth_client_(auth),
      jwks_(http::jwks_fetch_from(auth_client_, logger), verifier_, logger, http::JwksCacheOptions{}),
      revocations_(http::signed_feed_loader(
                       http::jwks_fetch_from(auth_client_, logger, http::kRevocationsPath), verifier_),
                   logger, revocation_options(config)) {}

void AuthKeys::start() {
  jwks_.start();
  revocations_.start();
}

void AuthKeys::stop() {
  revocations_.stop();
  jwks_.stop();
}

http::ServerOptions AuthKeys::with_revocations(http::ServerOptions options) {
  options.is_revoked = [this](const security::Principal& p, bool write) {
    return revocations_.revoked(p, write);
  };
  return options;
}

}  // namespace portal::service
