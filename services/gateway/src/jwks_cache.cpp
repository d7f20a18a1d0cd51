#include "jwks_cache.hpp"

namespace portal::gateway {

http::JwksCache::Fetch fetch_from_upstream(Upstream& auth, core::Logger& log, std::string path) {
  return [&auth, &log, path = std::move(path)]() -> std::optional<std::string> {
    auto result = auth.request(http::Method::get, path, {}, {}, {});
    if (!result.ok()) {
      log.warn("jwks_fetch_failed", {{"upstream", auth.name()}, {"error", http::to_string(result.error)}});
      return std::nullopt;
    }
    if (result.response->status != 200) {
      log.warn("jwks_fetch_failed", {{"upstream", auth.name()}, {"status", result.response->status}});
      return std::nullopt;
    }
    return std::move(result.response->body);
  };
}

JwksCache::JwksCache(Upstream& auth, security::TokenVerifier& verifier, core::Logger& log,
                     JwksCacheOptions options)
    : http::JwksCache(fetch_from_upstream(auth, log, kAuthJwksPath), verifier, log, options) {}

}  // namespace portal::gateway
