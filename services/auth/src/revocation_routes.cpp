// Issue 9 item 5: the signed list of access-token revocations every service and the gateway poll.
// Internal: the gateway routes only /api/v1/..., so this is reached by the services directly; its
// content is signed with the token keys, so a copy that passed through anything else cannot be forged.
#include <algorithm>
#include <memory>
#include <mutex>

#include "auth_http.hpp"
#include "revocation_store.hpp"
#include "routes.hpp"

namespace portal::auth {

http::Revocations live_revocations(AuthContext& ctx) {
  const long long now = core::unix_seconds(ctx.clock.now());
  // A token issued before now - ttl - leeway has expired: revocations older than that change nothing.
  const long long since = now - ctx.settings.access_ttl.count() - 60;
  return ctx.db->read([&](db::Connection& c) { return revocation_store::live(c, since); });
}

namespace {

// Services fetch the list before every write they judge, so it is signed once per change (an RSA
// signature costs about a millisecond), not once per request.
class SignedFeed {
 public:
  std::string body(AuthContext& ctx) {
    const auto list = live_revocations(ctx);
    long long newest = 0;
    for (const auto& [subject, not_before] : list) newest = std::max(newest, not_before);
    const auto payload = http::revocations_payload(list, newest);
    const auto& key = ctx.keys->current();
    std::lock_guard lock(mutex_);
    if (payload != payload_ || key.kid() != kid_) {
      body_ = http::sign_revocations(key, list, newest);
      payload_ = payload;
      kid_ = key.kid();
    }
    return body_;
  }

 private:
  std::mutex mutex_;
  std::string payload_;
  std::string kid_;
  std::string body_;
};

}  // namespace

void register_revocation_routes(http::Server& server, AuthContext& ctx) {
  auto feed = std::make_shared<SignedFeed>();
  server.route(
      http::Method::get, http::kRevocationsPath,
      [&ctx, feed](http::Request&) {
        http::Response res;
        res.status = 200;
        res.content_type = "application/jose";
        res.body = feed->body(ctx);
        return res;
      },
      http::Access::public_route);
}

}  // namespace portal::auth
