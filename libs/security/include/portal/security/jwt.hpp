#pragma once
// JWT (RFC 7519) signing and verification with OpenSSL EVP — not libjwt, which takes the algorithm
// from the token and checks no claims (ARCHITECTURE.md, measured). The verifier pins RS256, requires
// a known kid, checks exp/nbf with a small leeway, iss and aud, and caches verified tokens by hash
// until min(exp, 60 s).
#include <openssl/evp.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "portal/core/clock.hpp"
#include "portal/security/principal.hpp"

namespace portal::security {

struct EvpKeyDeleter {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using EvpKey = std::unique_ptr<EVP_PKEY, EvpKeyDeleter>;

// An RSA key pair with its key id.
class SigningKey {
 public:
  static SigningKey generate(std::string kid, int bits = 2048);
  // PKCS#8 or traditional PEM private key; throws std::runtime_error when unreadable.
  static SigningKey from_private_pem(std::string kid, std::string_view pem);
  std::string private_pem() const;
  const std::string& kid() const { return kid_; }
  EVP_PKEY* key() const { return key_.get(); }
  // The public part as a JWK object: {"kty":"RSA","use":"sig","alg":"RS256","kid","n","e"}.
  std::string public_jwk() const;

 private:
  SigningKey(std::string kid, EvpKey key) : kid_(std::move(kid)), key_(std::move(key)) {}
  std::string kid_;
  std::shared_ptr<EVP_PKEY> key_;
};

// Keys of the auth service, persisted as PEM files in a directory (0600). The newest signs; older
// ones stay published in the JWKS so tokens they signed verify until they expire (rotation without
// downtime, AUTH-4).
class KeyStore {
 public:
  // Loads every key in dir; creates one when there is none.
  static KeyStore load_or_create(const std::string& dir);
  // Adds a new signing key (kept on disk), keeping at most `keep` keys published.
  void rotate(std::size_t keep = 2);
  const SigningKey& current() const { return keys_.back(); }
  const std::vector<SigningKey>& keys() const { return keys_; }
  // {"keys":[...]} with every published key.
  std::string jwks_json() const;

 private:
  std::string dir_;
  std::vector<SigningKey> keys_;  // oldest first
};

struct TokenClaims {
  std::string issuer;
  std::string audience;
  Principal principal;  // subject, user_type, roles, permissions, provider_nit, branch, jti, expires_at
  long long issued_at = 0;
  long long not_before = 0;
};

// Compact JWS with header {"alg":"RS256","typ":"JWT","kid":...}. Claims: iss, aud, sub, exp, iat, nbf,
// jti, user_type, roles, permissions, provider_nit, branch (the last two only when set).
std::string sign_token(const SigningKey& key, const TokenClaims& claims);
// Compact JWS of the given header and payload JSON texts, RS256-signed with `key` whatever the header
// says. Services use sign_token; tests build hostile or incomplete tokens with this.
std::string sign_compact(const SigningKey& key, std::string_view header_json, std::string_view payload_json);

enum class VerifyError {
  malformed,        // not three base64url parts, bad JSON, missing claims
  unsupported_alg,  // anything but RS256 (none, HS256, ...)
  unknown_kid,
  bad_signature,
  expired,
  not_yet_valid,
  wrong_issuer,
  wrong_audience,
};
std::string_view to_string(VerifyError e);

struct VerifyResult {
  std::optional<Principal> principal;
  std::optional<VerifyError> error;
  bool ok() const { return principal.has_value(); }
};

struct VerifierOptions {
  std::string issuer = "eps-portal-auth";
  std::string audience = "eps-portal";
  std::chrono::seconds leeway{30};  // must stay under 60 s: tokens expired by 61 s are rejected
  std::size_t cache_capacity = 100000;
};

// Verifies tokens against public keys from a JWKS document. When a token names an unknown kid and a
// fetcher is set, the JWKS is fetched again (at most once every `min_refetch` interval).
class TokenVerifier {
 public:
  using JwksFetcher = std::function<std::optional<std::string>()>;

  TokenVerifier(VerifierOptions options, const core::Clock& clock);
  // Replaces the known keys; returns false (keeping the old keys) if the document is not a valid JWKS.
  bool set_jwks(std::string_view jwks_json);
  void set_fetcher(JwksFetcher fetcher, std::chrono::seconds min_refetch = std::chrono::seconds{5});
  VerifyResult verify(std::string_view token) const;
  // The same checks with the keys already known: an unknown kid fails at once instead of fetching the
  // JWKS (for callers that must not block, such as an I/O thread deciding on a request head).
  VerifyResult verify_with_known_keys(std::string_view token) const;
  // A signed document that is not an access token (auth's revocation feed): a compact JWS whose header
  // is {"alg":"RS256","typ":<typ>,"kid"} signed by a known key. Returns its payload JSON, else nullopt.
  // verify() refuses such documents (their typ is not JWT), and this refuses access tokens.
  std::optional<std::string> verify_document(std::string_view jws, std::string_view typ) const;
  std::size_t known_keys() const;

 private:
  using KeyMap = std::map<std::string, std::shared_ptr<EVP_PKEY>, std::less<>>;
  VerifyResult verify(std::string_view token, bool may_fetch) const;
  bool refetch_if_allowed() const;
  bool install_jwks(std::string_view jwks_json) const;
  std::shared_ptr<EVP_PKEY> find_key(std::string_view kid) const;
  std::optional<Principal> cached(const std::string& token_hash, long long now) const;
  void remember(const std::string& token_hash, const Principal& principal, long long now) const;
  void clear_cache() const;
  VerifierOptions options_;
  const core::Clock& clock_;
  mutable std::shared_mutex keys_mutex_;
  mutable KeyMap keys_;  // mutable: an unknown kid makes verify() refresh the JWKS
  JwksFetcher fetcher_;
  std::chrono::seconds min_refetch_{5};
  mutable std::mutex fetch_mutex_;
  mutable core::Instant last_fetch_{};
  struct Cached {
    Principal principal;
    long long valid_until;  // unix seconds
  };
  mutable std::mutex cache_mutex_;
  mutable std::unordered_map<std::string, Cached> cache_;
};

// base64url without padding (RFC 7515 §2).
std::string base64url_encode(std::string_view data);
std::optional<std::string> base64url_decode(std::string_view data);

}  // namespace portal::security
