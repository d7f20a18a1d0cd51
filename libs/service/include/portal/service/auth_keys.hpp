#pragma once
// For a service that verifies tokens itself (ARCHITECTURE.md: every service verifies the JWT): a
// TokenVerifier for PORTAL_JWT_ISSUER / PORTAL_JWT_AUDIENCE, fed with auth's public keys by an
// http::JwksCache over the client to auth (PORTAL_AUTH_URL), which the service may use for other
// calls to auth too.
#include "portal/core/clock.hpp"
#include "portal/core/config.hpp"
#include "portal/core/log.hpp"
#include "portal/http/client.hpp"
#include "portal/http/jwks_cache.hpp"
#include "portal/http/revocations.hpp"
#include "portal/http/server.hpp"
#include "portal/security/jwt.hpp"

namespace portal::service {

class AuthKeys {
 public:
  // auth: the options of the client to auth (see upstream_options). Fetches nothing until start().
  AuthKeys(const core::Config& config, const core::Clock& clock, core::Logger& logger,
           const http::ClientOptions& auth);
  AuthKeys(const AuthKeys&) = delete;
  AuthKeys& operator=(const AuthKeys&) = delete;

  void start();  // loads the keys in the background, retrying until auth answers
  void stop();
  // Until auth's keys are loaded no token can be verified: the service is not ready (/readyz).
  bool loaded() const { return verifier_.known_keys() > 0; }

  const security::TokenVerifier& verifier() const { return verifier_; }
  // `options` refusing revoked tokens (ServerOptions::is_revoked): auth's signed revocation list, polled
  // every PORTAL_REVOCATION_POLL_MS (1000) once start() ran (issue 9).
  http::ServerOptions with_revocations(http::ServerOptions options);
  http::Client& auth_client() { return auth_client_; }

 private:
  security::TokenVerifier verifier_;
  http::Client auth_client_;
  http::JwksCache jwks_;
  http::RevocationFeed revocations_;
};

}  // namespace portal::service
