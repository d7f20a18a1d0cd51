// AUTH-8 delegated users (manual 003 §4.1): the provider admin lists, creates, edits, activates and
// deactivates users of its own provider. Another provider's user answers 404; delegates get 403.
#include <algorithm>

#include "auth_http.hpp"
#include "portal/http/path_params.hpp"
#include "portal/security/principal.hpp"
#include "provider_store.hpp"
#include "routes.hpp"
#include "sql_values.hpp"
#include "token_issuer.hpp"
#include "token_store.hpp"
#include "user_invitation.hpp"
#include "user_store.hpp"
#include "username_rules.hpp"

namespace portal::auth {
namespace {

// The caller as a provider admin, or the response to give instead.
std::variant<UserRecord, http::Response> provider_admin(AuthContext& ctx, http::Request& req) {
  if (auto denied = http::require_any_role(req, {"provider_admin"})) return std::move(*denied);
  const auto id = caller_user_id(req);
  auto admin =
      id ? ctx.db->read([&](db::Connection& c) { return user_store::find_by_id(c, *id); }) : std::nullopt;
  if (!admin || !admin->provider_id || !admin->has_role("provider_admin") || admin->status != "active")
    return http::problem(req, http::forbidden());
  return std::move(*admin);
}

// Permissions in the canonical module order, without duplicates.
std::vector<std::string> canonical_permissions(const std::vector<std::string>& requested) {
  std::vector<std::string> out;
  for (auto module : security::kProviderModules) {
    if (std::find(requested.begin(), requested.end(), module) != requested.end()) out.emplace_back(module);
  }
  return out;
}

std::optional<UserRecord> find_own_user(AuthContext& ctx, const UserRecord& admin, long long id) {
  auto user = ctx.db->read([&](db::Connection& c) { return user_store::find_by_id(c, id); });
  if (!user || user->provider_id != admin.provider_id) return std::nullopt;
  return user;
}

http::Response list_users(AuthContext& ctx, http::Request& req) {
  auto caller = provider_admin(ctx, req);
  if (auto* r = std::get_if<http::Response>(&caller)) return std::move(*r);
  const auto& admin = std::get<UserRecord>(caller);
  auto page = read_page(req);
  if (auto* r = std::get_if<http::Response>(&page)) return std::move(*r);
  const auto& p = std::get<Page>(page);
  const auto [users, total] = ctx.db->read([&](db::Connection& c) {
    return std::pair{user_store::list(c, admin.provider_id, p), user_store::count(c, admin.provider_id)};
  });
  return http::list_response(req, p, total, [&](json::Writer& w) {
    for (const auto& u : users) write_user(w, u);
  });
}

http::Response create_user(AuthContext& ctx, http::Request& req, http::IdempotentWrite& keyed) {
  auto caller = provider_admin(ctx, req);
  if (auto* r = std::get_if<http::Response>(&caller)) return std::move(*r);
  const auto& admin = std::get<UserRecord>(caller);
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  core::FieldErrors errors;
  const auto draft = read_person(std::get<rapidjson::Document>(body), errors);
  const auto now = ctx.clock.now();
  auto rule_errors = validate_new_provider_user(draft, core::bogota_date_string(now));
  errors.insert(errors.end(), rule_errors.begin(), rule_errors.end());
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));

  // AUTH-8: one user per document and per username within the provider.
  const auto conflict = [&](db::Connection& c) -> std::optional<http::Problem> {
    if (user_store::document_taken(c, *admin.provider_id, *draft.document_type, *draft.document_number)) {
      return http::conflict("user_already_exists", {"Ya existe un usuario del prestador con ese documento.",
                                                    "The provider already has a user with that document."});
    }
    if (draft.username && !draft.username->empty() &&
        user_store::username_taken(c, "provider", admin.provider_id, *draft.username)) {
      return http::conflict("username_taken",
                            {"El nombre de usuario ya está en uso.", "The username is already taken."});
    }
    return std::nullopt;
  };
  return commit_create<UserRecord>(
      ctx, req, keyed,
      [&](db::Connection& c) {
        // The provider's creates take turns (replicas on PostgreSQL too), so the checks below and the
        // generated username see every user committed before.
        provider_store::lock(c, *admin.provider_id);
        if (auto refused = conflict(c)) throw Refused{*refused};
        UserRecord u;
        if (draft.username && !draft.username->empty()) {
          u.username = *draft.username;
        } else {
          u.username = first_free_username(
              username_base(*draft.first_name, *draft.first_surname), [&](const std::string& name) {
                return user_store::username_taken(c, "provider", admin.provider_id, name);
              });
        }
        u.user_type = "provider";
        u.provider_id = admin.provider_id;
        u.provider_nit = admin.provider_nit;
        u.branch_id = admin.branch_id;
        u.status = "pending_activation";  // AUTH-8: a set-password link, never a password
        u.roles = {"provider_user"};
        u.permissions = canonical_permissions(draft.permissions.value_or(std::vector<std::string>{}));
        u.valid_until = draft.valid_until;
        u.document_type = *draft.document_type;
        u.document_number = *draft.document_number;
        u.first_name = *draft.first_name;
        u.second_name = draft.second_name;
        u.first_surname = *draft.first_surname;
        u.second_surname = draft.second_surname;
        u.position = draft.position;
        u.area = draft.area;
        u.department_code = draft.department_code;
        u.municipality_code = draft.municipality_code;
        u.phone = draft.phone;
        u.extension = draft.extension;
        u.mobile = draft.mobile;
        u.email = *draft.email;
        u.created_at = u.updated_at = core::to_rfc3339(now);
        auto details =
            details_json({{"username", u.username}, {"permissions", sql::join_codes(u.permissions)}});
        return insert_invited_user(c, ctx, req, std::move(u), "user_created", std::move(details));
      },
      [](const UserRecord& created) { return created_user_response(created, std::string{kApi} + "/users"); },
      conflict);
}

http::Response get_user(AuthContext& ctx, http::Request& req) {
  auto caller = provider_admin(ctx, req);
  if (auto* r = std::get_if<http::Response>(&caller)) return std::move(*r);
  const auto id = http::positive_id_param(req);
  if (auto* bad = std::get_if<http::Response>(&id)) return std::move(*bad);
  const auto user = find_own_user(ctx, std::get<UserRecord>(caller), std::get<long long>(id));
  if (!user) return http::problem(req, http::not_found());
  return json_response(200, [&](json::Writer& w) { write_user(w, *user); });
}

http::Response patch_user(AuthContext& ctx, http::Request& req) {
  auto caller = provider_admin(ctx, req);
  if (auto* r = std::get_if<http::Response>(&caller)) return std::move(*r);
  const auto& admin = std::get<UserRecord>(caller);
  const auto id = http::positive_id_param(req);
  if (auto* bad = std::get_if<http::Response>(&id)) return std::move(*bad);
  auto user = find_own_user(ctx, admin, std::get<long long>(id));
  if (!user) return http::problem(req, http::not_found());
  if (auto stale =
          check_if_match(req, json_response(200, [&](json::Writer& w) { write_user(w, *user); }).body))
    return std::move(*stale);
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  const auto& doc = std::get<rapidjson::Document>(body);
  core::FieldErrors errors;
  const auto draft = read_person(doc, errors);
  json::ObjectReader in(doc, errors);
  const auto status = in.optional_string("status", 30);
  const auto present = present_members(doc);
  auto rule_errors =
      validate_provider_user_patch(draft, present, status, core::bogota_date_string(ctx.clock.now()));
  errors.insert(errors.end(), rule_errors.begin(), rule_errors.end());
  if (status && *status == "inactive" && user->id == admin.id) {
    errors.push_back(
        core::FieldError{"status",
                         "cannot_deactivate_self",
                         {"No puede desactivar su propio usuario.", "You cannot deactivate your own user."}});
  }
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));

  auto has = [&](std::string_view f) {
    return std::find(present.begin(), present.end(), f) != present.end();
  };
  auto set_required = [&](std::string_view f, const std::optional<std::string>& v, std::string& target) {
    if (has(f) && v) target = *v;
  };
  auto set_optional = [&](std::string_view f, const std::optional<std::string>& v,
                          std::optional<std::string>& target) {
    if (has(f)) target = v;  // null clears
  };
  set_required("first_name", draft.first_name, user->first_name);
  set_required("first_surname", draft.first_surname, user->first_surname);
  set_optional("second_name", draft.second_name, user->second_name);
  set_optional("second_surname", draft.second_surname, user->second_surname);
  set_optional("position", draft.position, user->position);
  set_optional("area", draft.area, user->area);
  set_optional("department_code", draft.department_code, user->department_code);
  set_optional("municipality_code", draft.municipality_code, user->municipality_code);
  set_optional("phone", draft.phone, user->phone);
  set_optional("extension", draft.extension, user->extension);
  set_optional("mobile", draft.mobile, user->mobile);
  set_optional("valid_until", draft.valid_until, user->valid_until);
  const auto permissions_before = user->permissions;
  if (has("permissions") && !user->has_role("provider_admin"))
    user->permissions = canonical_permissions(draft.permissions.value_or(std::vector<std::string>{}));
  const bool permissions_changed = user->permissions != permissions_before;
  const bool deactivated = status && *status == "inactive" && user->status != "inactive";
  if (status) user->status = *status;
  user->updated_at = ctx.now_text();
  ctx.db->write([&](db::Connection& c) {
    user_store::update(c, *user);
    if (deactivated)
      token_store::revoke_user(c, user->id, ctx.now_text());  // sessions end with the account
    else if (permissions_changed)
      token_store::revoke_access(c, user->id, "permissions_changed", ctx.now_text());
    std::string fields;
    for (const auto& f : present) fields += (fields.empty() ? "" : " ") + f;
    audit(c, ctx, req, "user_updated", "user:" + std::to_string(user->id),
          details_json({{"fields", fields}}));
  });
  const auto updated = ctx.db->read([&](db::Connection& c) { return user_store::find_by_id(c, user->id); });
  return json_response(200, [&](json::Writer& w) { write_user(w, *updated); });
}

}  // namespace

void register_user_routes(http::Server& server, AuthContext& ctx) {
  const std::string base = std::string{kApi} + "/users";
  server.route(http::Method::get, base, [&ctx](http::Request& r) { return list_users(ctx, r); });
  server.route(http::Method::post, base, [&ctx](http::Request& r) {
    return idempotent(ctx, r, [&](http::IdempotentWrite& keyed) { return create_user(ctx, r, keyed); });
  });
  server.route(http::Method::get, base + "/:id", [&ctx](http::Request& r) { return get_user(ctx, r); });
  server.route(http::Method::patch, base + "/:id", [&ctx](http::Request& r) { return patch_user(ctx, r); });
}

}  // namespace portal::auth
