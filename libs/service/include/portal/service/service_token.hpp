#pragma once
// ARCHITECTURE.md: "background work uses a service token (client credentials)". A service that changes
// another service's data on its own authority (not the user's: inconsistencies correcting the affiliates
// registry, issue 17) authenticates as an OAuth2 client of auth (AUTH-4, POST /api/v1/auth/token,
// grant_type=client_credentials) with its own client id, secret and scope, and reuses the token until
// a minute before it expires. The user's token is never forwarded for such a call.
#include <mutex>
#include <optional>
#include <string>

#include "portal/core/clock.hpp"
#include "portal/core/log.hpp"
#include "portal/http/client.hpp"

namespace portal::service {

struct ServiceCredentials {
  std::string client_id;
  std::string client_secret;
  std::string scope;  // space-separated; empty = every scope of the client
  bool configured() const { return !client_id.empty() && !client_secret.empty(); }
};

class ServiceToken {
 public:
  ServiceToken(http::Client& auth, ServiceCredentials credentials, const core::Clock& clock,
               core::Logger& logger);

  // A bearer token (cached, or fetched now); nullopt when not configured, when auth refuses the
  // credentials or cannot be reached (the caller answers 503).
  std::optional<std::string> get(const std::string& request_id);
  // Drops the cached token (after a 401 from the service it was sent to: revoked or rotated keys).
  void invalidate();
  bool configured() const { return credentials_.configured(); }

 private:
  http::Client& auth_;
  ServiceCredentials credentials_;
  const core::Clock& clock_;
  core::Logger& logger_;
  std::mutex mutex_;
  std::string token_;
  core::Instant refresh_at_{};
};

}  // namespace portal::service
