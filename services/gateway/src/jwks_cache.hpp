#pragma once
// GW-2: the gateway's copy of auth's public keys — the shared http::JwksCache (libs/http, also used by
// every service), fed through the gateway's auth upstream (round-robin over instances, circuit
// breaker), and served as /.well-known/jwks.json.
#include "portal/core/log.hpp"
#include "portal/http/jwks_cache.hpp"
#include "portal/security/jwt.hpp"
#include "upstream.hpp"

namespace portal::gateway {

using http::JwksCacheOptions;
using http::kAuthJwksPath;

class JwksCache : public http::JwksCache {
 public:
  JwksCache(Upstream& auth, security::TokenVerifier& verifier, core::Logger& log, JwksCacheOptions options);
};

}  // namespace portal::gateway
