// AUTH-6 forgotten password: a single-use, 1-hour link by e-mail when the data match, and the same 202,
// after the same time, whether or not they did (no enumeration) and whether or not the hourly budgets of
// the account and the address are spent (issue 9). The confirm step also serves AUTH-8's set-password links.
#include "auth_http.hpp"
#include "mail_messages.hpp"
#include "portal/security/password.hpp"
#include "request_limits.hpp"
#include "routes.hpp"
#include "token_issuer.hpp"
#include "token_rules.hpp"
#include "token_store.hpp"
#include "user_store.hpp"

namespace portal::auth {
namespace {

http::Response request_reset(AuthContext& ctx, http::Request& req) {
  const AnswerFloor floor{ctx.settings.limits.mail_request_floor};
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  core::FieldErrors errors;
  json::ObjectReader in(std::get<rapidjson::Document>(body), errors);
  const auto user_type = in.required_enum("user_type", {"provider", "employee"});
  const auto email = in.required_string("email", 300);
  std::optional<std::string> nit, code, document, username;
  if (user_type == "provider") {
    nit = in.required_string("nit", 20);
    code = in.required_string("habilitation_code", 20);
    document = in.required_string("document_number", 20);
  } else if (user_type == "employee") {
    username = in.required_string("username", 60);
  }
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));

  const std::string address = req.client_ip;
  ctx.db->write([&](db::Connection& c) {
    // Issue 9: budgets per address (every request) and per account (every link mailed); the answer is the
    // same 202 when one is spent.
    const auto& limits = ctx.settings.limits;
    const bool address_spent =
        budget_wait(c, ctx, {Budget{kMailAddressScope, address, limits.mail_requests_per_address}}) > 0;
    spend(c, ctx, kMailAddressScope, address);
    if (address_spent) {
      audit(c, ctx, req, "password_reset_limited", "", details_json({{"limit", kMailAddressScope}}));
      return;
    }
    const auto user = *user_type == "provider"
                          ? user_store::find_for_provider_reset(c, *nit, *code, *document, *email)
                          : user_store::find_for_employee_reset(c, *username, *email);
    if (!user || user->status == "inactive") {
      audit(c, ctx, req, "password_reset_unmatched", "", details_json({{"user_type", *user_type}}));
      return;
    }
    if (!take_mail_budget(c, ctx, user->id)) {
      audit(c, ctx, req, "password_reset_limited", "user:" + std::to_string(user->id),
            details_json({{"limit", kMailAccountScope}}));
      return;
    }
    const std::string token = create_one_time_token(c, ctx, user->id, "password_reset", kPasswordResetTtl);
    mail::Outbox::enqueue(c, password_reset_message(ctx.settings, *user, token), ctx.clock);
    audit(c, ctx, req, "password_reset_requested", "user:" + std::to_string(user->id));
  });
  if (ctx.outbox) ctx.outbox->wake();
  floor.wait();  // issue 9: matched or not, limited or not, the same answer after the same time
  return json_response(202, [](json::Writer& w) {
    w.StartObject();
    write_string_field(w, "status", "accepted");
    w.EndObject();
  });
}

struct ResetTarget {
  token_store::OneTimeRow row;
  UserRecord user;
};

std::optional<ResetTarget> usable_reset_token(db::Connection& c, const AuthContext& ctx,
                                              const std::string& token) {
  const auto row = token_store::find_one_time(c, security::sha256_hex(token));
  if (!row || (row->purpose != "password_reset" && row->purpose != "set_password")) return std::nullopt;
  const OneTimeTokenState state{row->used, core::parse_rfc3339(row->expires_at).value_or(core::Instant{})};
  if (!one_time_token_usable(state, ctx.clock.now())) return std::nullopt;
  auto user = user_store::find_by_id(c, row->user_id);
  if (!user || user->status == "inactive") return std::nullopt;
  return ResetTarget{*row, std::move(*user)};
}

http::Response confirm_reset(AuthContext& ctx, http::Request& req) {
  auto read = read_link_password(req);
  if (auto* r = std::get_if<http::Response>(&read)) return std::move(*r);
  const auto& [token, password] = std::get<LinkPassword>(read);

  const auto target = ctx.db->read([&](db::Connection& c) { return usable_reset_token(c, ctx, token); });
  if (!target) return http::problem(req, invalid_token());
  auto policy_errors = security::check_password_policy(password, target->user.username, "password");
  if (!policy_errors.empty()) return http::problem(req, http::validation_failed(std::move(policy_errors)));
  const std::string hash = security::hash_password(password);  // argon2 outside the write lock

  const bool done = ctx.db->write([&](db::Connection& c) {
    // Checked again inside the write, after taking the user's row (the order every write about its links
    // follows, token_issuer.hpp): two concurrent confirms must not both succeed, on any replica.
    user_store::lock(c, target->user.id);
    const auto current = usable_reset_token(c, ctx, token);
    if (!current) return false;
    const auto now = ctx.now_text();
    const long long id = current->user.id;
    if (!token_store::mark_used(c, current->row.id, now)) return false;
    token_store::invalidate_one_time(c, id, current->row.purpose, now);
    user_store::set_password(c, id, hash, now);
    // Following the e-mailed link proves the address, so a pending account becomes active.
    if (current->user.status == "pending_activation") user_store::set_status(c, id, "active", now);
    // A new password ends every existing session.
    token_store::revoke_user(c, id, now);
    const std::string who = "user:" + std::to_string(id);
    audit(c, ctx, req, current->row.purpose == "set_password" ? "password_set" : "password_reset_completed",
          who, "{}", who);
    return true;
  });
  if (!done) return http::problem(req, invalid_token());
  return http::Response::no_content();
}

}  // namespace

void register_password_reset_routes(http::Server& server, AuthContext& ctx) {
  const std::string base = std::string{kApi} + "/auth/password-reset";
  server.route(
      http::Method::post, base, [&ctx](http::Request& r) { return request_reset(ctx, r); },
      http::Access::public_route);
  server.route(
      http::Method::post, base + "/confirm", [&ctx](http::Request& r) { return confirm_reset(ctx, r); },
      http::Access::public_route);
}

}  // namespace portal::auth
