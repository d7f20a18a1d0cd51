#include "jwks_cache.hpp"

namespace portal::gateway {
namespace {

http::JwksCache::Fetch fetch_from_upstream(Upstream& auth, core::Logger& log) {
  return [&auth, &log]() -> std::optional<std::string> {
    auto result = auth.request(http::Method::get, kAuthJwksPath, {}, {}, {});
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

}  // namespace

JwksCache::JwksCache(Upstream& auth, security::TokenVerifier& verifier, core::Logger& log, JwksCacheOptions options)
    : http::JwksCache(fetch_from_upstream(auth, log), verifier, log, options) {}

}  // namespace portal::gateway
