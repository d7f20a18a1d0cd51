#include "token_issuer.hpp"

#include "auth_http.hpp"
#include "portal/http/cache_policy.hpp"
#include "portal/security/password.hpp"
#include "token_store.hpp"
#include "user_store.hpp"

namespace portal::auth {
namespace {

security::TokenClaims base_claims(const AuthContext& ctx) {
  security::TokenClaims claims;
  const auto now = core::unix_seconds(ctx.clock.now());
  claims.issuer = ctx.settings.issuer;
  claims.audience = ctx.settings.audience;
  claims.issued_at = now;
  claims.not_before = now;
  claims.principal.expires_at = now + ctx.settings.access_ttl.count();
  claims.principal.jti = security::random_token(16);
  return claims;
}

}  // namespace

IssuedTokens issue_user_tokens(db::Connection& c, const AuthContext& ctx, const UserRecord& user,
                               std::string family_id) {
  auto claims = base_claims(ctx);
  auto& p = claims.principal;
  p.subject = "user:" + std::to_string(user.id);
  p.user_type = user.user_type;
  p.roles = user.roles;
  p.permissions = user.effective_permissions();
  if (user.user_type == "provider") {
    p.provider_nit = user.provider_nit;
    p.branch = user.habilitation_code;
  }
  IssuedTokens out;
  out.access_token = security::sign_token(ctx.keys->current(), claims);
  out.expires_in = ctx.settings.access_ttl.count();
  out.refresh_token = security::random_token(32);
  if (family_id.empty()) family_id = security::random_token(16);
  const auto now = ctx.clock.now();
  token_store::insert_refresh(
      c, security::sha256_hex(out.refresh_token), family_id, user.id, core::to_rfc3339(now),
      core::to_rfc3339(now +
                       std::chrono::duration_cast<std::chrono::milliseconds>(ctx.settings.refresh_ttl)));
  return out;
}

std::string issue_client_token(const AuthContext& ctx, const client_store::ClientRecord& client,
                               const std::vector<std::string>& scopes) {
  auto claims = base_claims(ctx);
  auto& p = claims.principal;
  p.subject = "client:" + client.client_id;
  p.user_type = "client";
  p.permissions = scopes;
  p.provider_nit = client.provider_nit;
  return security::sign_token(ctx.keys->current(), claims);
}

std::string create_one_time_token(db::Connection& c, const AuthContext& ctx, long long user_id,
                                  const std::string& purpose, std::chrono::hours ttl) {
  const auto now = ctx.clock.now();
  user_store::lock(c, user_id);
  token_store::invalidate_one_time(c, user_id, purpose, core::to_rfc3339(now));
  std::string token = security::random_token(32);
  token_store::insert_one_time(c, security::sha256_hex(token), purpose, user_id, core::to_rfc3339(now),
                               core::to_rfc3339(now + ttl));
  return token;
}

http::Response token_response(const IssuedTokens& tokens) {
  auto r = json_response(200, [&](json::Writer& w) {
    w.StartObject();
    write_string_field(w, "access_token", tokens.access_token);
    write_string_field(w, "token_type", "Bearer");
    json::write_key(w, "expires_in");
    w.Int64(tokens.expires_in);
    write_string_field(w, "refresh_token", tokens.refresh_token);
    w.EndObject();
  });
  // RFC 6749 §5.1: token responses must not be cached.
  http::cache::no_store(r);
  return r;
}

}  // namespace portal::auth
