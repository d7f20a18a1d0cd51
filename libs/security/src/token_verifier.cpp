// GW-2 / AUTH-4: token verification that never lets the token choose how it is checked. The algorithm
// is pinned to RS256 (libjwt's "alg from the header" accepted alg=none and HS256-with-the-public-key,
// ARCHITECTURE.md), the key comes only from the JWKS by kid, and the claims are checked here.
#include <openssl/evp.h>

#include <algorithm>
#include <mutex>

#include "jwks.hpp"
#include "jwt_json.hpp"
#include "rsa_key.hpp"
#include "token_claims.hpp"

namespace portal::security {

namespace {

// Far above any token we issue (~1 KB); bounds the work an anonymous caller can ask for.
constexpr std::size_t kMaxTokenBytes = 16 * 1024;
// Verified tokens are remembered at most this long (ARCHITECTURE.md: cache until min(exp, 60 s)).
constexpr long long kCacheSeconds = 60;

VerifyResult fail(VerifyError e) { return VerifyResult{std::nullopt, e}; }

std::string token_hash(std::string_view token) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(token.data(), token.size(), digest, &len, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(digest), len);
}

std::optional<rapidjson::Document> decode_json_part(std::string_view part) {
  auto text = base64url_decode(part);
  if (!text) return std::nullopt;
  return detail::parse_json_object(*text);
}

}  // namespace

std::string_view to_string(VerifyError e) {
  switch (e) {
    case VerifyError::malformed:
      return "malformed";
    case VerifyError::unsupported_alg:
      return "unsupported_alg";
    case VerifyError::unknown_kid:
      return "unknown_kid";
    case VerifyError::bad_signature:
      return "bad_signature";
    case VerifyError::expired:
      return "expired";
    case VerifyError::not_yet_valid:
      return "not_yet_valid";
    case VerifyError::wrong_issuer:
      return "wrong_issuer";
    case VerifyError::wrong_audience:
      return "wrong_audience";
  }
  return "unknown";
}

TokenVerifier::TokenVerifier(VerifierOptions options, const core::Clock& clock)
    : options_(std::move(options)), clock_(clock) {}

bool TokenVerifier::set_jwks(std::string_view jwks_json) { return install_jwks(jwks_json); }

bool TokenVerifier::install_jwks(std::string_view jwks_json) const {
  auto keys = detail::parse_jwks(jwks_json);
  if (!keys) return false;
  bool key_removed = false;
  {
    std::unique_lock lock(keys_mutex_);
    for (const auto& [kid, _] : keys_)
      if (keys->find(kid) == keys->end()) key_removed = true;
    keys_ = std::move(*keys);
  }
  // A key withdrawn from the JWKS must stop working now, not when cached tokens age out.
  if (key_removed) clear_cache();
  return true;
}

void TokenVerifier::set_fetcher(JwksFetcher fetcher, std::chrono::seconds min_refetch) {
  std::lock_guard lock(fetch_mutex_);
  fetcher_ = std::move(fetcher);
  min_refetch_ = min_refetch;
}

std::size_t TokenVerifier::known_keys() const {
  std::shared_lock lock(keys_mutex_);
  return keys_.size();
}

std::shared_ptr<EVP_PKEY> TokenVerifier::find_key(std::string_view kid) const {
  std::shared_lock lock(keys_mutex_);
  auto it = keys_.find(kid);
  return it == keys_.end() ? nullptr : it->second;
}

// An unknown kid usually means the auth service rotated its key: fetch the JWKS again, but at most once
// per min_refetch so tokens with made-up kids cannot turn the gateway into a JWKS flooder (GW-2).
bool TokenVerifier::refetch_if_allowed() const {
  std::lock_guard lock(fetch_mutex_);
  if (!fetcher_) return false;
  const core::Instant now = clock_.now();
  if (last_fetch_ != core::Instant{} && now - last_fetch_ < min_refetch_) return false;
  last_fetch_ = now;
  auto document = fetcher_();
  return document && install_jwks(*document);
}

std::optional<Principal> TokenVerifier::cached(const std::string& hash, long long now) const {
  std::lock_guard lock(cache_mutex_);
  auto it = cache_.find(hash);
  if (it == cache_.end()) return std::nullopt;
  if (now >= it->second.valid_until) {
    cache_.erase(it);
    return std::nullopt;
  }
  return it->second.principal;
}

void TokenVerifier::remember(const std::string& hash, const Principal& principal, long long now) const {
  const long long valid_until = std::min(principal.expires_at, now + kCacheSeconds);
  if (valid_until <= now || options_.cache_capacity == 0) return;
  std::lock_guard lock(cache_mutex_);
  if (cache_.size() >= options_.cache_capacity) {
    std::erase_if(cache_, [now](const auto& entry) { return now >= entry.second.valid_until; });
    // Still full of live entries: start over rather than track recency; they re-verify in ~30 µs.
    if (cache_.size() >= options_.cache_capacity) cache_.clear();
  }
  cache_.insert_or_assign(hash, Cached{principal, valid_until});
}

void TokenVerifier::clear_cache() const {
  std::lock_guard lock(cache_mutex_);
  cache_.clear();
}

VerifyResult TokenVerifier::verify(std::string_view token) const { return verify(token, true); }

VerifyResult TokenVerifier::verify_with_known_keys(std::string_view token) const {
  return verify(token, false);
}

VerifyResult TokenVerifier::verify(std::string_view token, bool may_fetch) const {
  if (token.empty() || token.size() > kMaxTokenBytes) return fail(VerifyError::malformed);
  const auto dot1 = token.find('.');
  const auto dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos || dot1 == 0 ||
      dot2 == dot1 + 1) {
    return fail(VerifyError::malformed);
  }
  const long long now = core::unix_seconds(clock_.now());
  const std::string hash = token_hash(token);
  if (auto principal = cached(hash, now)) return VerifyResult{std::move(*principal), std::nullopt};

  auto header = decode_json_part(token.substr(0, dot1));
  if (!header) return fail(VerifyError::malformed);
  if (detail::string_member(*header, "alg") != std::string_view{"RS256"})
    return fail(VerifyError::unsupported_alg);
  if (header->HasMember("typ") && detail::string_member(*header, "typ") != std::string_view{"JWT"})
    return fail(VerifyError::malformed);
  // RFC 7515 §4.1.11: extensions we do not understand must be rejected; we understand none.
  if (header->HasMember("crit")) return fail(VerifyError::malformed);
  auto kid = detail::string_member(*header, "kid");
  if (!kid || kid->empty()) return fail(VerifyError::unknown_kid);
  auto key = find_key(*kid);
  if (!key && may_fetch) {
    refetch_if_allowed();
    key = find_key(*kid);  // another thread's refetch may have brought it even when ours was skipped
  }
  if (!key) return fail(VerifyError::unknown_kid);

  auto signature = base64url_decode(token.substr(dot2 + 1));
  if (!signature) return fail(VerifyError::malformed);
  if (!detail::rs256_verify(key.get(), token.substr(0, dot2), *signature))
    return fail(VerifyError::bad_signature);

  auto payload = decode_json_part(token.substr(dot1 + 1, dot2 - dot1 - 1));
  if (!payload) return fail(VerifyError::malformed);
  VerifyResult result = detail::principal_from_claims(*payload, options_, now);
  if (result.ok()) remember(hash, *result.principal, now);
  return result;
}

std::optional<std::string> TokenVerifier::verify_document(std::string_view jws, std::string_view typ) const {
  const auto dot1 = jws.find('.');
  const auto dot2 = dot1 == std::string_view::npos ? dot1 : jws.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || jws.find('.', dot2 + 1) != std::string_view::npos)
    return std::nullopt;
  auto header = decode_json_part(jws.substr(0, dot1));
  if (!header || detail::string_member(*header, "alg") != std::string_view{"RS256"} ||
      detail::string_member(*header, "typ") != typ || header->HasMember("crit"))
    return std::nullopt;
  const auto kid = detail::string_member(*header, "kid");
  if (!kid) return std::nullopt;
  auto key = find_key(*kid);
  if (!key) {
    refetch_if_allowed();
    key = find_key(*kid);
  }
  const auto signature = base64url_decode(jws.substr(dot2 + 1));
  if (!key || !signature || !detail::rs256_verify(key.get(), jws.substr(0, dot2), *signature))
    return std::nullopt;
  return base64url_decode(jws.substr(dot1 + 1, dot2 - dot1 - 1));
}

}  // namespace portal::security
