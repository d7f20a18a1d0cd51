#pragma once
// GW-2: the gateway's copy of auth's public keys. Fetched from auth's GET /api/v1/auth/jwks at start
// (retried in the background until auth answers — /readyz says not ready until then), refreshed
// periodically and on demand when a token names an unknown kid (TokenVerifier's fetcher), and served
// as /.well-known/jwks.json.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "portal/core/log.hpp"
#include "portal/security/jwt.hpp"
#include "upstream.hpp"

namespace portal::gateway {

inline constexpr const char* kAuthJwksPath = "/api/v1/auth/jwks";

struct JwksCacheOptions {
  std::chrono::milliseconds retry_every{500};  // until the first keys arrive
  std::chrono::seconds refresh_every{300};     // afterwards: picks up rotations without a token asking
};

class JwksCache {
 public:
  JwksCache(Upstream& auth, security::TokenVerifier& verifier, core::Logger& log, JwksCacheOptions options);
  ~JwksCache();
  JwksCache(const JwksCache&) = delete;
  JwksCache& operator=(const JwksCache&) = delete;

  void start();  // background loading; returns at once
  void stop();
  // The last JWKS document the verifier accepted, if any.
  std::optional<std::string> document() const;
  bool loaded() const { return document().has_value(); }

 private:
  std::optional<std::string> fetch();
  bool load_into_verifier();
  void run();

  Upstream& auth_;
  security::TokenVerifier& verifier_;
  core::Logger& log_;
  JwksCacheOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::optional<std::string> document_;
  std::thread thread_;
};

}  // namespace portal::gateway
