// AUTH-2 activation, issue 9 (manual 001 §2.2): the link mailed to the contact opens a set-password step.
// POST /api/v1/registration/activate takes the token and the new password together, so the password is
// chosen only by whoever holds the contact's mailbox; whatever a registration carried is never used.
#include "auth_http.hpp"
#include "portal/security/password.hpp"
#include "provider_store.hpp"
#include "routes.hpp"
#include "token_rules.hpp"
#include "token_store.hpp"
#include "user_store.hpp"

namespace portal::auth {
namespace {

struct ActivationTarget {
  token_store::OneTimeRow row;
  UserRecord user;
};

std::optional<ActivationTarget> usable_activation(db::Connection& c, const AuthContext& ctx,
                                                  const std::string& token) {
  const auto row = token_store::find_one_time(c, security::sha256_hex(token));
  if (!row || row->purpose != "activation") return std::nullopt;
  const OneTimeTokenState state{row->used, core::parse_rfc3339(row->expires_at).value_or(core::Instant{})};
  if (!one_time_token_usable(state, ctx.clock.now())) return std::nullopt;
  auto user = user_store::find_by_id(c, row->user_id);
  if (!user || user->status != "pending_activation") return std::nullopt;
  return ActivationTarget{*row, std::move(*user)};
}

enum class Activation { done, invalid_link, already_registered };

http::Response activate(AuthContext& ctx, http::Request& req) {
  auto read = read_link_password(req);
  if (auto* r = std::get_if<http::Response>(&read)) return std::move(*r);
  const auto& [token, password] = std::get<LinkPassword>(read);

  const auto target = ctx.db->read([&](db::Connection& c) { return usable_activation(c, ctx, token); });
  if (!target) return http::problem(req, invalid_token());
  auto policy_errors = security::check_password_policy(password, target->user.username, "password");
  if (!policy_errors.empty()) return http::problem(req, http::validation_failed(std::move(policy_errors)));
  const std::string hash = security::hash_password(password);  // argon2 outside the write lock

  const auto outcome = ctx.db->write([&](db::Connection& c) {
    // The provider's row, then the user's (the order of registration and of every write about a user's
    // links, token_issuer.hpp): of two pending registrations of one provider, the first activated wins.
    const auto provider_id = target->user.provider_id;
    if (provider_id) provider_store::lock(c, *provider_id);
    if (!user_store::lock(c, target->user.id)) return Activation::invalid_link;
    const auto current = usable_activation(c, ctx, token);
    if (!current) return Activation::invalid_link;
    const auto now = ctx.now_text();
    if (!token_store::mark_used(c, current->row.id, now)) return Activation::invalid_link;
    const std::string who = "user:" + std::to_string(current->user.id);
    if (provider_id && current->user.has_role("provider_admin") &&
        provider_store::has_active_admin(c, *provider_id)) {
      audit(c, ctx, req, "activation_refused", who, details_json({{"reason", "provider_already_registered"}}),
            who);
      return Activation::already_registered;
    }
    token_store::invalidate_one_time(c, current->user.id, "activation", now);
    user_store::set_password(c, current->user.id, hash, now);
    user_store::set_status(c, current->user.id, "active", now);
    audit(c, ctx, req, "account_activated", who, "{}", who);
    return Activation::done;
  });
  if (outcome == Activation::invalid_link) return http::problem(req, invalid_token());
  if (outcome == Activation::already_registered) return http::problem(req, provider_already_registered());
  // The one who holds the link learns the username here (it is in the e-mail too), nobody else.
  return json_response(200, [&](json::Writer& w) {
    w.StartObject();
    write_string_field(w, "status", "active");
    write_string_field(w, "username", target->user.username);
    w.EndObject();
  });
}

}  // namespace

void register_activation_route(http::Server& server, AuthContext& ctx) {
  server.route(
      http::Method::post, std::string{kApi} + "/registration/activate",
      [&ctx](http::Request& r) { return activate(ctx, r); }, http::Access::public_route);
}

}  // namespace portal::auth
