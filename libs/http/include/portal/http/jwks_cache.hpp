#pragma once
// GW-2 / ARCHITECTURE "every service verifies the JWT itself": a process's copy of auth's public keys.
// Fetched from auth's GET /api/v1/auth/jwks at start (retried in the background until auth answers —
// callers report not ready until then), refreshed periodically, and on demand when a token names an
// unknown kid (installed as the TokenVerifier's fetcher). Shared by the gateway and every service.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "portal/core/log.hpp"
#include "portal/http/client.hpp"
#include "portal/security/jwt.hpp"

namespace portal::http {

inline constexpr const char* kAuthJwksPath = "/api/v1/auth/jwks";

struct JwksCacheOptions {
  std::chrono::milliseconds retry_every{500};  // until the first keys arrive
  std::chrono::seconds refresh_every{300};     // afterwards: picks up rotations without a token asking
};

class JwksCache {
 public:
  // Returns the JWKS document, or nullopt when auth could not be asked (the fetch logs why).
  using Fetch = std::function<std::optional<std::string>()>;

  JwksCache(Fetch fetch, security::TokenVerifier& verifier, core::Logger& log, JwksCacheOptions options);
  virtual ~JwksCache();
  JwksCache(const JwksCache&) = delete;
  JwksCache& operator=(const JwksCache&) = delete;

  void start();  // background loading; returns at once
  void stop();
  // The last JWKS document the verifier accepted, if any.
  std::optional<std::string> document() const;
  bool loaded() const { return document().has_value(); }
  // Asks the background thread to fetch again now, without waiting for it (safe on an I/O thread).
  void refresh_now();

 private:
  bool load_into_verifier();
  void run();

  Fetch fetch_;
  security::TokenVerifier& verifier_;
  core::Logger& log_;
  JwksCacheOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool refresh_requested_ = false;
  std::optional<std::string> document_;
  std::thread thread_;
};

// GET `path` on `client`: the body of a 200, else nullopt with a warning naming the failure.
JwksCache::Fetch jwks_fetch_from(Client& client, core::Logger& log, std::string path = kAuthJwksPath);

}  // namespace portal::http
