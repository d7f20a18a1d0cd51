#include "portal/http/jwks_cache.hpp"

namespace portal::http {

JwksCache::JwksCache(Fetch fetch, security::TokenVerifier& verifier, core::Logger& log,
                     JwksCacheOptions options)
    : fetch_(std::move(fetch)), verifier_(verifier), log_(log), options_(options) {
  // An unknown kid (a key rotated in after our last fetch) asks auth again; the verifier rate-limits
  // these calls and installs the document itself.
  verifier_.set_fetcher([this]() -> std::optional<std::string> {
    auto doc = fetch_();
    if (doc) {
      std::lock_guard lock(mutex_);
      document_ = doc;
    }
    return doc;
  });
}

JwksCache::~JwksCache() {
  stop();
  verifier_.set_fetcher(nullptr);
}

bool JwksCache::load_into_verifier() {
  auto doc = fetch_();
  if (!doc) return false;
  if (!verifier_.set_jwks(*doc)) {
    log_.error("jwks_invalid", {});
    return false;
  }
  {
    std::lock_guard lock(mutex_);
    document_ = std::move(doc);
  }
  log_.info("jwks_loaded", {{"keys", static_cast<long long>(verifier_.known_keys())}});
  return true;
}

void JwksCache::start() {
  {
    std::lock_guard lock(mutex_);
    if (thread_.joinable()) return;
    stopping_ = false;
  }
  thread_ = std::thread([this] { run(); });
}

void JwksCache::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void JwksCache::run() {
  while (true) {
    load_into_verifier();
    std::unique_lock lock(mutex_);
    // Keep the previous keys when a refresh fails: auth being briefly down must not reject valid tokens.
    const auto wait = document_
                          ? std::chrono::duration_cast<std::chrono::milliseconds>(options_.refresh_every)
                          : options_.retry_every;
    wake_.wait_for(lock, wait, [this] { return stopping_ || refresh_requested_; });
    if (stopping_) return;
    refresh_requested_ = false;
  }
}

void JwksCache::refresh_now() {
  {
    std::lock_guard lock(mutex_);
    refresh_requested_ = true;
  }
  wake_.notify_all();
}

std::optional<std::string> JwksCache::document() const {
  std::lock_guard lock(mutex_);
  return document_;
}

JwksCache::Fetch jwks_fetch_from(Client& client, core::Logger& log, std::string path) {
  return [&client, &log, path = std::move(path)]() -> std::optional<std::string> {
    auto result = client.get(path);
    if (!result.ok()) {
      log.warn("jwks_fetch_failed",
               {{"upstream", client.options().name}, {"error", to_string(result.error)}});
      return std::nullopt;
    }
    if (result.response->status != 200) {
      log.warn("jwks_fetch_failed",
               {{"upstream", client.options().name}, {"status", result.response->status}});
      return std::nullopt;
    }
    return std::move(result.response->body);
  };
}

}  // namespace portal::http
