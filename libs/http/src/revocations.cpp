#include "portal/http/revocations.hpp"

#include <algorithm>
#include <memory>

#include "portal/json/json.hpp"

namespace portal::http {

std::string revocations_payload(const Revocations& revocations, long long issued_at) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::write_key(w, "issued_at");
  w.Int64(issued_at);
  json::write_key(w, "revocations");
  w.StartArray();
  for (const auto& [subject, not_before] : revocations) {
    w.StartObject();
    json::write_key(w, "sub");
    json::write_string(w, subject);
    json::write_key(w, "not_before");
    w.Int64(not_before);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return buffer.GetString();
}

std::optional<Revocations> parse_revocations_payload(std::string_view text) {
  auto parsed = json::parse(text, 4);
  if (!parsed.ok()) return std::nullopt;
  const auto& doc = parsed.doc;
  const auto list = doc.FindMember("revocations");
  if (list == doc.MemberEnd() || !list->value.IsArray()) return std::nullopt;
  Revocations out;
  for (const auto& item : list->value.GetArray()) {
    if (!item.IsObject()) return std::nullopt;
    const auto sub = item.FindMember("sub");
    const auto nbf = item.FindMember("not_before");
    if (sub == item.MemberEnd() || !sub->value.IsString() || nbf == item.MemberEnd() || !nbf->value.IsInt64())
      return std::nullopt;
    auto& slot = out[std::string(sub->value.GetString(), sub->value.GetStringLength())];
    slot = std::max<long long>(slot, nbf->value.GetInt64());
  }
  return out;
}

std::string sign_revocations(const security::SigningKey& key, const Revocations& revocations,
                             long long issued_at) {
  const std::string header =
      std::string{R"({"alg":"RS256","typ":")"} + kRevocationsType + R"(","kid":")" + key.kid() + "\"}";
  return security::sign_compact(key, header, revocations_payload(revocations, issued_at));
}

bool is_revoked(const Revocations& revocations, const security::Principal& principal) {
  const auto it = revocations.find(principal.subject);
  return it != revocations.end() && principal.issued_at < it->second;
}

RevocationFeed::RevocationFeed(Load load, core::Logger& log, RevocationFeedOptions options)
    : load_(std::move(load)), log_(log), options_(options) {}

RevocationFeed::~RevocationFeed() { stop(); }

void RevocationFeed::start() {
  std::lock_guard lock(thread_mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void RevocationFeed::stop() {
  {
    std::lock_guard lock(thread_mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void RevocationFeed::run() {
  while (true) {
    refresh();
    std::unique_lock lock(thread_mutex_);
    if (wake_.wait_for(lock, options_.poll_every, [this] { return stopping_; })) return;
  }
}

bool RevocationFeed::refresh() {
  std::lock_guard serial(load_mutex_);
  return refresh_locked();
}

bool RevocationFeed::refresh_locked() {
  last_load_started_ = std::chrono::steady_clock::now();
  auto list = load_();
  if (!list) {
    log_.warn("revocations_load_failed", {});
    return false;
  }
  std::unique_lock lock(list_mutex_);
  list_ = std::move(*list);
  loaded_at_ = std::chrono::steady_clock::now();
  loaded_ = true;
  return true;
}

bool RevocationFeed::loaded() const {
  std::shared_lock lock(list_mutex_);
  return loaded_;
}

bool RevocationFeed::revoked(const security::Principal& principal, bool write) {
  if (write && options_.recheck_writes) {
    // A list loaded after this write arrived is current for it; writes arriving while one load runs
    // share the next one.
    const auto arrived = std::chrono::steady_clock::now();
    std::lock_guard serial(load_mutex_);
    if (last_load_started_ < arrived) refresh_locked();
  }
  std::shared_lock lock(list_mutex_);
  return is_revoked(list_, principal);
}

RevocationFeed::Load signed_feed_loader(std::function<std::optional<std::string>()> fetch,
                                        const security::TokenVerifier& verifier) {
  // Auth signs the list once per change, so the same body comes back until something is revoked: its
  // signature is checked once, not on every poll and every write (RevocationFeed serializes loads).
  struct LastVerified {
    std::string body;
    Revocations list;
  };
  auto last = std::make_shared<LastVerified>();
  return [fetch = std::move(fetch), &verifier, last]() -> std::optional<Revocations> {
    auto body = fetch();
    if (!body) return std::nullopt;
    if (!last->body.empty() && *body == last->body) return last->list;
    const auto payload = verifier.verify_document(*body, kRevocationsType);
    if (!payload) return std::nullopt;
    auto list = parse_revocations_payload(*payload);
    if (list) *last = LastVerified{std::move(*body), *list};
    return list;
  };
}

}  // namespace portal::http
