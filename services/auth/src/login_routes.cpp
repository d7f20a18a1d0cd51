// AUTH-3 login with throttling, AUTH-4 refresh rotation with reuse detection, logout, JWKS.
#include <algorithm>

#include "auth_http.hpp"
#include "login_throttle.hpp"
#include "portal/http/cache_policy.hpp"
#include "portal/security/password.hpp"
#include "provider_store.hpp"
#include "rate_event_store.hpp"
#include "routes.hpp"
#include "token_issuer.hpp"
#include "token_rules.hpp"
#include "token_store.hpp"
#include "user_store.hpp"

namespace portal::auth {
namespace {

constexpr const char* kLoginDelayScope = "login_delay";

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// AUTH-3: an account may only sign in while active and within its validity end date (inclusive,
// Bogotá calendar).
bool may_sign_in(const UserRecord& u, core::Instant now) {
  if (u.status != "active" || !u.password_hash) return false;
  return !u.valid_until || core::bogota_date_string(now) <= *u.valid_until;
}

http::Response login(AuthContext& ctx, http::Request& req) {
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  const auto& doc = std::get<rapidjson::Document>(body);
  core::FieldErrors errors;
  json::ObjectReader in(doc, errors);
  const auto user_type = in.required_enum("user_type", {"provider", "employee"});
  auto nit = in.optional_string("nit", 20);
  const auto username = in.required_string("username", 60);
  const auto password = in.required_string("password", 200);
  const bool nit_blank = nit && nit->find_first_not_of(" \t") == std::string::npos;
  if (user_type == "provider" && ((!nit && !in.has("nit")) || nit_blank))
    in.add_error("nit", "required", json::required_message());
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  if (*user_type == "employee") nit.reset();

  const auto now = ctx.clock.now();
  const std::string address = req.client_ip;
  // The account key does not depend on whether the account exists, so throttling reveals nothing.
  const std::string account_key = *user_type + ":" + nit.value_or("") + ":" + lower(*username);
  const auto window_start = now - ctx.settings.throttle.window;
  // Issue 9: the delay an address was told to wait for this account is recorded under this subject.
  const std::string delay_subject = account_key + " " + address;
  const auto decision = ctx.db->read([&](db::Connection& c) {
    LoginHistory history{token_store::failures_for_account(c, account_key, window_start),
                         token_store::failures_for_account_address(c, account_key, address, window_start),
                         token_store::failures_for_address(c, address, window_start), std::nullopt};
    auto here = history.account_address_failures;
    const auto delays = rate_event_store::since(c, kLoginDelayScope, delay_subject, window_start);
    here.insert(here.end(), delays.begin(), delays.end());
    if (!here.empty()) history.last_attempt_here = *std::max_element(here.begin(), here.end());
    return check_login_throttle(history, now, ctx.settings.throttle);
  });
  if (!decision.allowed) {
    if (ctx.metrics) {
      ctx.metrics->login_throttled(decision.scope);
      ctx.metrics->login("throttled");
    }
    ctx.db->write([&](db::Connection& c) {
      if (decision.start_delay) rate_event_store::record(c, kLoginDelayScope, delay_subject, now);
      audit(c, ctx, req, "login_throttled", account_key,
            details_json({{"scope", std::string{to_string(decision.scope)}}}), account_key);
    });
    return http::problem(req, too_many_attempts())
        .with_header("Retry-After", std::to_string(decision.retry_after_seconds));
  }

  const auto user = ctx.db->read([&](db::Connection& c) -> std::optional<UserRecord> {
    if (!nit) return user_store::find_employee(c, *username);
    const auto provider = provider_store::find_by_nit(c, *nit);
    if (!provider) return std::nullopt;
    return user_store::find_provider_user(c, provider->id, *username);
  });
  // Verify even when there is no such user, so the answer takes as long either way (AUTH-3).
  const std::string& hash = user && user->password_hash ? *user->password_hash : ctx.dummy_hash;
  const bool password_ok = security::verify_password(hash, *password);
  if (!user || !password_ok || !may_sign_in(*user, now)) {
    const std::string reason = !user ? "unknown_account" : !password_ok ? "wrong_password" : "not_allowed";
    if (ctx.metrics) ctx.metrics->login(reason);
    ctx.db->write([&](db::Connection& c) {
      token_store::record_failure(c, account_key, address, now);
      audit(c, ctx, req, "login_failed", user ? "user:" + std::to_string(user->id) : account_key,
            details_json({{"reason", reason}}), account_key);
    });
    return http::problem(req, invalid_credentials());
  }
  const auto tokens = ctx.db->write([&](db::Connection& c) {
    // Old failure rows are useless to every window; dropping them here keeps the table small.
    token_store::prune_failures(c, now - ctx.settings.throttle.window);
    rate_event_store::prune(c, now - std::max(ctx.settings.throttle.window, ctx.settings.limits.window));
    auto issued = issue_user_tokens(c, ctx, *user);
    audit(c, ctx, req, "login_succeeded", "user:" + std::to_string(user->id), "{}",
          "user:" + std::to_string(user->id));
    return issued;
  });
  if (ctx.metrics) ctx.metrics->login("succeeded");
  return token_response(tokens);
}

http::Response refresh(AuthContext& ctx, http::Request& req) {
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  core::FieldErrors errors;
  json::ObjectReader in(std::get<rapidjson::Document>(body), errors);
  const auto token = in.required_string("refresh_token", 200);
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));

  const auto now = ctx.clock.now();
  const std::string token_hash = security::sha256_hex(*token);
  const auto issued = ctx.db->write([&](db::Connection& c) -> std::optional<IssuedTokens> {
    // A second pass only when another request rotated the token between this one's read and its update
    // (replicas on PostgreSQL): it then sees the token rotated and treats this use as the reuse it is,
    // as SQLite's single writer would have.
    for (int pass = 0; pass < 2; ++pass) {
      const auto row = token_store::find_refresh(c, token_hash);
      std::optional<RefreshTokenState> state;
      if (row) {
        state = RefreshTokenState{row->rotated, row->revoked,
                                  core::parse_rfc3339(row->expires_at).value_or(core::Instant{})};
      }
      switch (decide_refresh(state, now)) {
        case RefreshDecision::reject:
          return std::nullopt;
        case RefreshDecision::revoke_family:
          // AUTH-4: a rotated token came back — someone else holds a copy; end every session of the family.
          token_store::revoke_family(c, row->family_id, core::to_rfc3339(now));
          audit(c, ctx, req, "refresh_token_reuse", "user:" + std::to_string(row->user_id),
                details_json({{"family_id", row->family_id}}), "user:" + std::to_string(row->user_id));
          return std::nullopt;
        case RefreshDecision::rotate:
          break;
      }
      const auto user = user_store::find_by_id(c, row->user_id);
      if (!user || !may_sign_in(*user, now)) {
        token_store::revoke_family(c, row->family_id, core::to_rfc3339(now));
        return std::nullopt;
      }
      if (token_store::mark_rotated(c, row->id, core::to_rfc3339(now)))
        return issue_user_tokens(c, ctx, *user, row->family_id);
    }
    return std::nullopt;
  });
  if (!issued) return http::problem(req, invalid_refresh_token());
  return token_response(*issued);
}

http::Response logout(AuthContext& ctx, http::Request& req) {
  std::optional<std::string> token;
  if (!req.body.empty()) {
    auto body = http::read_json_body(req);
    if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
    core::FieldErrors errors;
    json::ObjectReader in(std::get<rapidjson::Document>(body), errors);
    token = in.optional_string("refresh_token", 200);
    if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  }
  const auto user_id = caller_user_id(req);
  ctx.db->write([&](db::Connection& c) {
    if (token && user_id) {
      const auto row = token_store::find_refresh(c, security::sha256_hex(*token));
      // Only the caller's own sessions can be ended this way.
      if (row && row->user_id == *user_id) token_store::revoke_family(c, row->family_id, ctx.now_text());
    }
    // The access tokens this user holds stop working too (issue 9): on every device, since a token does
    // not say which session it belongs to. The other devices' refresh tokens still get new ones.
    if (user_id) token_store::revoke_access(c, *user_id, "logout", ctx.now_text());
    audit(c, ctx, req, "logout", req.principal ? req.principal->subject : "");
  });
  return http::Response::no_content();
}

}  // namespace

void register_login_routes(http::Server& server, AuthContext& ctx) {
  const std::string base = std::string{kApi} + "/auth";
  server.route(
      http::Method::post, base + "/login", [&ctx](http::Request& r) { return login(ctx, r); },
      http::Access::public_route);
  server.route(
      http::Method::post, base + "/refresh", [&ctx](http::Request& r) { return refresh(ctx, r); },
      http::Access::public_route);
  server.route(http::Method::post, base + "/logout", [&ctx](http::Request& r) { return logout(ctx, r); });
  server.route(
      http::Method::get, base + "/jwks",
      [&ctx](http::Request&) {
        auto res = http::Response::json(200, ctx.keys->jwks_json());
        return http::cache::public_reference(res);
      },
      http::Access::public_route);
}

}  // namespace portal::auth
