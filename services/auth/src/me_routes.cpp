// AUTH-7 own profile and AUTH-5 password change (the current password is required).
#include <algorithm>

#include "auth_http.hpp"
#include "policy_store.hpp"
#include "portal/security/password.hpp"
#include "portal/service/read_work.hpp"
#include "routes.hpp"
#include "token_store.hpp"
#include "user_store.hpp"

namespace portal::auth {
namespace {

// The signed-in person, or the response to give instead (integrators have no profile: 403; a user
// deleted or deactivated since the token was issued: 401).
std::variant<UserRecord, http::Response> signed_in_user(AuthContext& ctx, http::Request& req) {
  const auto id = caller_user_id(req);
  if (!id) return http::problem(req, http::forbidden());
  auto user = ctx.db->read([&](db::Connection& c) { return user_store::find_by_id(c, *id); });
  if (!user || user->status == "inactive") return http::problem(req, http::unauthorized());
  return std::move(*user);
}

http::Response profile_response(AuthContext& ctx, const UserRecord& u) {
  const auto accepted =
      ctx.db->read([&](db::Connection& c) { return policy_store::latest_accepted(c, u.id); });
  return json_response(200, [&](json::Writer& w) {
    w.StartObject();
    write_user_fields(w, u);
    json::write_key(w, "provider");
    if (u.provider_nit) {
      w.StartObject();
      write_string_field(w, "nit", *u.provider_nit);
      write_string_field(w, "legal_name", u.provider_name.value_or(""));
      w.EndObject();
    } else {
      w.Null();
    }
    write_optional_string(w, "accepted_policy_version", accepted);
    w.EndObject();
  });
}

http::Response get_me(AuthContext& ctx, http::Request& req) {
  auto user = signed_in_user(ctx, req);
  if (auto* r = std::get_if<http::Response>(&user)) return std::move(*r);
  return profile_response(ctx, std::get<UserRecord>(user));
}

http::Response patch_me(AuthContext& ctx, http::Request& req) {
  auto found = signed_in_user(ctx, req);
  if (auto* r = std::get_if<http::Response>(&found)) return std::move(*r);
  auto user = std::get<UserRecord>(std::move(found));
  if (auto stale = check_if_match(req, profile_response(ctx, user).body)) return std::move(*stale);
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  const auto& doc = std::get<rapidjson::Document>(body);
  core::FieldErrors errors;
  json::ObjectReader in(doc, errors);
  const auto email = in.optional_string("email", 300);
  const auto phone = in.optional_string("phone", 40);
  const auto mobile = in.optional_string("mobile", 40);
  const auto present = present_members(doc);
  for (const auto& f : present) {
    if (f != "email" && f != "phone" && f != "mobile") errors.push_back(field_error(f, "not_editable"));
  }
  if (std::find(present.begin(), present.end(), "email") != present.end() && !email)
    errors.push_back(field_error("email", "required"));
  auto rule_errors = validate_profile_patch(email, phone, mobile);
  errors.insert(errors.end(), rule_errors.begin(), rule_errors.end());
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));

  auto has = [&](std::string_view f) {
    return std::find(present.begin(), present.end(), f) != present.end();
  };
  std::string changed;
  if (email) {
    user.email = *email;
    changed += "email ";
  }
  if (has("phone")) {
    user.phone = phone;  // null clears
    changed += "phone ";
  }
  if (has("mobile")) {
    user.mobile = mobile;
    changed += "mobile ";
  }
  user.updated_at = ctx.now_text();
  ctx.db->write([&](db::Connection& c) {
    user_store::update(c, user);
    const std::string who = "user:" + std::to_string(user.id);
    audit(c, ctx, req, "profile_updated", who, details_json({{"fields", changed}}));
  });
  return profile_response(ctx, user);
}

http::Response change_password(AuthContext& ctx, http::Request& req) {
  auto found = signed_in_user(ctx, req);
  if (auto* r = std::get_if<http::Response>(&found)) return std::move(*r);
  const auto& user = std::get<UserRecord>(found);
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  core::FieldErrors errors;
  json::ObjectReader in(std::get<rapidjson::Document>(body), errors);
  const auto current = in.required_string("current_password", 200);
  const auto next = in.required_string("new_password", 200);
  const auto confirmation = in.required_string("new_password_confirmation", 200);
  if (current && !security::verify_password(user.password_hash.value_or(ctx.dummy_hash), *current)) {
    errors.push_back(
        core::FieldError{"current_password",
                         "incorrect",
                         {"La contraseña actual no es correcta.", "The current password is not correct."}});
  }
  if (next) {
    auto policy = security::check_password_policy(*next, user.username, "new_password");
    errors.insert(errors.end(), policy.begin(), policy.end());
    if (confirmation) {
      if (auto e = check_confirmation(*next, *confirmation, "new_password_confirmation"))
        errors.push_back(*e);
    }
  }
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  const std::string hash = security::hash_password(*next);
  ctx.db->write([&](db::Connection& c) {
    const auto now = ctx.now_text();
    user_store::set_password(c, user.id, hash, now);
    token_store::revoke_user(c, user.id, now);  // other sessions end with the old password
    audit(c, ctx, req, "password_changed", "user:" + std::to_string(user.id));
  });
  return http::Response::no_content();
}

}  // namespace

void register_me_routes(http::Server& server, AuthContext& ctx) {
  const std::string base = std::string{kApi} + "/me";
  // Issue 14: two reads by key of auth's own database, so on SQLite it is answered on the I/O thread.
  server.route(
      http::Method::get, base, [&ctx](http::Request& r) { return get_me(ctx, r); },
      http::Access::authenticated, service::keyed_read(ctx.db));
  server.route(http::Method::patch, base, [&ctx](http::Request& r) { return patch_me(ctx, r); });
  server.route(http::Method::post, base + "/password",
               [&ctx](http::Request& r) { return change_password(ctx, r); });
}

}  // namespace portal::auth
