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

// GET `path` on auth through the upstream: the body of a 200, else nullopt with a warning (the JWKS, and
// the signed revocation list of issue 9).
http::JwksCache::Fetch fetch_from_upstream(Upstream& auth, core::Logger& log, std::string path);

class JwksCache : public http::JwksCache {
 public:
  JwksCache(Upstream& auth, security::TokenVerifier& verifier, core::Logger& log, JwksCacheOptions options);
};

}  // namespace portal::gateway
