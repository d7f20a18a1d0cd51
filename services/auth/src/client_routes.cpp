// AUTH-4 integrators: OAuth2 client_credentials (RFC 6749 §4.4, errors as §5.2 JSON) and the EPS
// admin's creation of integrator clients (the secret is shown once, stored as argon2id).
#include <algorithm>
#include <regex>

#include "auth_http.hpp"
#include "client_store.hpp"
#include "form_body.hpp"
#include "portal/http/cache_policy.hpp"
#include "portal/security/password.hpp"
#include "portal/security/principal.hpp"
#include "provider_store.hpp"
#include "routes.hpp"
#include "sql_values.hpp"
#include "token_issuer.hpp"

namespace portal::auth {
namespace {

http::Response oauth_error(int status, std::string_view error, std::string_view description) {
  auto r = json_response(status, [&](json::Writer& w) {
    w.StartObject();
    write_string_field(w, "error", error);
    write_string_field(w, "error_description", description);
    w.EndObject();
  });
  http::cache::no_store(r);
  if (status == 401) r.with_header("WWW-Authenticate", "Basic realm=\"eps-portal\"");
  return r;
}

http::Response client_token(AuthContext& ctx, http::Request& req) {
  const auto content_type = req.header("Content-Type").value_or("");
  if (content_type.rfind("application/x-www-form-urlencoded", 0) != 0)
    return oauth_error(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
  const auto form = parse_form(req.body);
  if (!form) return oauth_error(400, "invalid_request", "malformed or repeated form parameters");
  const auto field = [&](const char* name) -> std::optional<std::string> {
    const auto it = form->find(name);
    if (it == form->end() || it->second.empty()) return std::nullopt;
    return it->second;
  };
  const auto grant_type = field("grant_type");
  if (!grant_type) return oauth_error(400, "invalid_request", "grant_type is required");
  if (*grant_type != "client_credentials")
    return oauth_error(400, "unsupported_grant_type", "only client_credentials is supported");

  auto client_id = field("client_id");
  auto secret = field("client_secret");
  if (const auto authorization = req.header("Authorization")) {
    const auto basic = parse_basic_credentials(*authorization);
    if (!basic) return oauth_error(401, "invalid_client", "client authentication failed");
    if (secret) return oauth_error(400, "invalid_request", "use one client authentication method");
    client_id = basic->first;
    secret = basic->second;
  }
  if (!client_id || !secret) return oauth_error(401, "invalid_client", "client authentication failed");

  const auto client = ctx.db->read([&](db::Connection& c) { return client_store::find(c, *client_id); });
  const bool secret_ok = security::verify_password(client ? client->secret_hash : ctx.dummy_hash, *secret);
  if (!client || !secret_ok || !client->active) {
    ctx.db->write([&](db::Connection& c) {
      audit(c, ctx, req, "client_auth_failed", "client:" + *client_id, "{}", "client:" + *client_id);
    });
    return oauth_error(401, "invalid_client", "client authentication failed");
  }
  std::vector<std::string> scopes = client->scopes;
  if (const auto requested = field("scope")) {
    scopes = sql::split_codes(*requested);
    for (const auto& s : scopes) {
      if (std::find(client->scopes.begin(), client->scopes.end(), s) == client->scopes.end())
        return oauth_error(400, "invalid_scope", "the requested scope exceeds the client's scopes");
    }
  }
  const std::string token = issue_client_token(ctx, *client, scopes);
  ctx.db->write([&](db::Connection& c) {
    audit(c, ctx, req, "client_token_issued", "client:" + client->client_id,
          details_json({{"scope", sql::join_codes(scopes)}}), "client:" + client->client_id);
  });
  auto r = json_response(200, [&](json::Writer& w) {
    w.StartObject();
    write_string_field(w, "access_token", token);
    write_string_field(w, "token_type", "Bearer");
    json::write_key(w, "expires_in");
    w.Int64(ctx.settings.access_ttl.count());
    write_string_field(w, "scope", sql::join_codes(scopes));
    w.EndObject();
  });
  http::cache::no_store(r);
  return r;
}

// Scopes of clients bound to the EPS (the ERP) are free codes; a provider's HIS gets provider modules.
bool valid_scope_code(const std::string& s) {
  static const std::regex kScope{"^[a-z][a-z0-9_.:]{0,59}$"};
  return std::regex_match(s, kScope);
}

http::Response create_client(AuthContext& ctx, http::Request& req) {
  if (auto denied = http::require_any_role(req, {"admin"})) return std::move(*denied);
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  core::FieldErrors errors;
  json::ObjectReader in(std::get<rapidjson::Document>(body), errors);
  const auto client_id = in.required_string("client_id", 60);
  const auto name = in.required_string("name", 200);
  const auto provider_nit = in.optional_string("provider_nit", 20);
  const auto scopes = in.optional_string_array("scopes", 30, 60);
  static const std::regex kClientId{"^[a-z0-9][a-z0-9._-]{2,59}$"};
  if (client_id && !std::regex_match(*client_id, kClientId))
    errors.push_back(field_error("client_id", "invalid_format"));
  if (!scopes && !in.has("scopes")) errors.push_back(field_error("scopes", "required"));
  if (scopes && scopes->empty()) errors.push_back(field_error("scopes", "empty"));
  if (scopes) {
    for (std::size_t i = 0; i < scopes->size(); ++i) {
      const auto& s = (*scopes)[i];
      const bool module = std::find(security::kProviderModules.begin(), security::kProviderModules.end(),
                                    s) != security::kProviderModules.end();
      if (provider_nit ? !module : !valid_scope_code(s))
        errors.push_back(field_error("scopes[" + std::to_string(i) + "]", "invalid_value"));
    }
  }
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));

  const std::string secret = security::random_token(32);
  const std::string secret_hash = security::hash_password(secret);
  const auto client_exists = [&] {
    return http::problem(req, http::conflict("client_exists", {"Ya existe un cliente con ese identificador.",
                                                               "A client with that id already exists."}));
  };
  // Not through the Idempotency-Key mechanism: the answer carries the secret, which must not be stored.
  try {
    return ctx.db->write([&](db::Connection& c) -> http::Response {
      std::optional<long long> provider_id;
      if (provider_nit) {
        const auto provider = provider_store::find_by_nit(c, *provider_nit);
        if (!provider) {
          return http::problem(req, http::validation_failed({field_error("provider_nit", "invalid_value")}));
        }
        provider_id = provider->id;
      }
      if (client_store::find(c, *client_id)) return client_exists();
      client_store::insert(c, client_store::ClientRecord{*client_id, *name, secret_hash, provider_id,
                                                         provider_nit, *scopes, true, ctx.now_text()});
      audit(c, ctx, req, "client_created", "client:" + *client_id,
            details_json({{"scopes", sql::join_codes(*scopes)}}));
      return json_response(201, [&](json::Writer& w) {
        w.StartObject();
        write_string_field(w, "client_id", *client_id);
        write_string_field(w, "client_secret", secret);
        write_string_field(w, "name", *name);
        write_optional_string(w, "provider_nit", provider_nit);
        write_codes(w, "scopes", *scopes);
        w.EndObject();
      });
    });
  } catch (const db::UniqueViolation&) {
    return client_exists();  // created by a concurrent request (another replica) since the check above
  }
}

}  // namespace

void register_client_routes(http::Server& server, AuthContext& ctx) {
  server.route(
      http::Method::post, std::string{kApi} + "/auth/token",
      [&ctx](http::Request& r) { return client_token(ctx, r); }, http::Access::public_route);
  server.route(http::Method::post, std::string{kApi} + "/clients",
               [&ctx](http::Request& r) { return create_client(ctx, r); });
}

}  // namespace portal::auth
