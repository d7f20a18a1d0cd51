#pragma once
// Issue 9 item 5: revocation that takes effect within seconds, everywhere. When a user is deactivated,
// loses a permission, changes or resets the password, or logs out, auth records "tokens of <subject>
// issued before <time> are void". Every service and the gateway hold that list in memory and refuse such
// tokens; no database or network call per request:
//   - auth publishes the live list as a signed document (RS256 with its token keys, typ
//     "portal-revocations"); the others poll it every second (RevocationFeed) and verify it with the
//     JWKS they already have;
//   - a service re-loads the list before it judges a write (POST, PUT, PATCH, DELETE): one request to
//     auth, shared by the writes that arrive while it runs, so a revoked subject's write is refused
//     even if the poll is late (auth signs the list once per change, not per request).
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "portal/core/clock.hpp"
#include "portal/core/log.hpp"
#include "portal/security/jwt.hpp"

namespace portal::http {

inline constexpr const char* kRevocationsPath = "/internal/v1/revocations";
inline constexpr const char* kRevocationsType = "portal-revocations";

// subject → not_before (unix seconds): that subject's tokens with iat < not_before are void.
using Revocations = std::unordered_map<std::string, long long>;

// The feed's payload: {"issued_at":<unix>,"revocations":[{"sub":"user:7","not_before":<unix>}...]}.
std::string revocations_payload(const Revocations& revocations, long long issued_at);
// nullopt when the text is not such a payload.
std::optional<Revocations> parse_revocations_payload(std::string_view json);
// The payload signed for the feed (compact JWS, typ kRevocationsType).
std::string sign_revocations(const security::SigningKey& key, const Revocations& revocations,
                             long long issued_at);

// Is this token void? Pure.
bool is_revoked(const Revocations& revocations, const security::Principal& principal);

struct RevocationFeedOptions {
  std::chrono::milliseconds poll_every{1000};  // PORTAL_REVOCATION_POLL_MS
  // A write re-loads the list before it is judged (the service that performs it; the gateway leaves
  // that to the service and judges by the polled list).
  bool recheck_writes = true;
};

// The list, kept fresh by a background thread calling `load` (auth: its database; the others: the signed
// feed over HTTP, see signed_feed_loader). When a load fails the previous list stays (fail open: auth
// being briefly down must not lock everyone out; tokens still expire within 15 minutes).
class RevocationFeed {
 public:
  using Load = std::function<std::optional<Revocations>()>;
  RevocationFeed(Load load, core::Logger& log, RevocationFeedOptions options = {});
  ~RevocationFeed();
  RevocationFeed(const RevocationFeed&) = delete;
  RevocationFeed& operator=(const RevocationFeed&) = delete;

  void start();
  void stop();
  // For ServerOptions::is_revoked. `write`: re-load first unless a load began after this call did.
  bool revoked(const security::Principal& principal, bool write);
  // Loads now (tests, and auth right after it records a revocation).
  bool refresh();
  bool loaded() const;

 private:
  void run();
  bool refresh_locked();  // with load_mutex_ held

  Load load_;
  core::Logger& log_;
  RevocationFeedOptions options_;
  mutable std::shared_mutex list_mutex_;
  Revocations list_;
  std::chrono::steady_clock::time_point loaded_at_{};
  std::chrono::steady_clock::time_point last_load_started_{};  // guarded by load_mutex_
  bool loaded_ = false;
  std::mutex load_mutex_;  // one load at a time; writes that find a fresh list after waiting skip theirs
  std::mutex thread_mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

// A Load for services and the gateway: `fetch` returns the feed's body (a JWS) from auth, verified with
// auth's token keys.
RevocationFeed::Load signed_feed_loader(std::function<std::optional<std::string>()> fetch,
                                        const security::TokenVerifier& verifier);

}  // namespace portal::http
