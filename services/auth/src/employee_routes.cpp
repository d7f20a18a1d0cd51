// AUTH-9 employees of the EPS, created and edited by EPS administrators (role admin) with roles.
#include <algorithm>

#include "auth_http.hpp"
#include "portal/http/path_params.hpp"
#include "routes.hpp"
#include "sql_values.hpp"
#include "token_issuer.hpp"
#include "token_store.hpp"
#include "user_invitation.hpp"
#include "user_store.hpp"

namespace portal::auth {
namespace {

std::optional<http::Response> require_eps_admin(const http::Request& req) {
  if (auto denied = http::require_any_role(req, {"admin"})) return denied;
  if (!req.principal->is_employee()) return http::problem(req, http::forbidden());
  return std::nullopt;
}

std::optional<UserRecord> find_employee_by_id(AuthContext& ctx, long long id) {
  auto user = ctx.db->read([&](db::Connection& c) { return user_store::find_by_id(c, id); });
  if (!user || user->user_type != "employee") return std::nullopt;
  return user;
}

std::vector<std::string> canonical_roles(const std::vector<std::string>& requested) {
  std::vector<std::string> out;
  for (auto role : kEmployeeRoles) {
    if (std::find(requested.begin(), requested.end(), role) != requested.end()) out.emplace_back(role);
  }
  return out;
}

http::Response list_employees(AuthContext& ctx, http::Request& req) {
  if (auto denied = require_eps_admin(req)) return std::move(*denied);
  auto page = read_page(req);
  if (auto* r = std::get_if<http::Response>(&page)) return std::move(*r);
  const auto& p = std::get<Page>(page);
  const auto [users, total] = ctx.db->read([&](db::Connection& c) {
    return std::pair{user_store::list(c, std::nullopt, p), user_store::count(c, std::nullopt)};
  });
  return http::list_response(req, p, total, [&](json::Writer& w) {
    for (const auto& u : users) write_user(w, u);
  });
}

http::Response create_employee(AuthContext& ctx, http::Request& req, http::IdempotentWrite& keyed) {
  if (auto denied = require_eps_admin(req)) return std::move(*denied);
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  core::FieldErrors errors;
  const auto draft = read_person(std::get<rapidjson::Document>(body), errors);
  auto rule_errors = validate_new_employee(draft);
  errors.insert(errors.end(), rule_errors.begin(), rule_errors.end());
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));

  // AUTH-9: usernames and documents are unique among employees. Two creations at once on two replicas
  // both pass this check; the unique indexes (migrations 0003 and 0007) then refuse the later one, and
  // commit_create() answers it with this same check.
  const auto conflict = [&](db::Connection& c) -> std::optional<http::Problem> {
    if (user_store::username_taken(c, "employee", std::nullopt, *draft.username)) {
      return http::conflict("username_taken",
                            {"El nombre de usuario ya está en uso.", "The username is already taken."});
    }
    if (user_store::employee_document_taken(c, *draft.document_type, *draft.document_number)) {
      return http::conflict("user_already_exists", {"Ya existe un funcionario con ese documento.",
                                                    "An employee with that document already exists."});
    }
    return std::nullopt;
  };
  return commit_create<UserRecord>(
      ctx, req, keyed,
      [&](db::Connection& c) {
        if (auto refused = conflict(c)) throw Refused{*refused};
        UserRecord u;
        u.user_type = "employee";
        u.username = *draft.username;
        u.status = "pending_activation";
        u.roles = canonical_roles(*draft.roles);
        u.document_type = *draft.document_type;
        u.document_number = *draft.document_number;
        u.first_name = *draft.first_name;
        u.second_name = draft.second_name;
        u.first_surname = *draft.first_surname;
        u.second_surname = draft.second_surname;
        u.position = draft.position;
        u.area = draft.area;
        u.phone = draft.phone;
        u.mobile = draft.mobile;
        u.email = *draft.email;
        u.created_at = u.updated_at = ctx.now_text();
        auto details = details_json({{"username", u.username}, {"roles", sql::join_codes(u.roles)}});
        return insert_invited_user(c, ctx, req, std::move(u), "employee_created", std::move(details));
      },
      [](const UserRecord& created) {
        return created_user_response(created, std::string{kApi} + "/employees");
      },
      conflict);
}

http::Response get_employee(AuthContext& ctx, http::Request& req) {
  if (auto denied = require_eps_admin(req)) return std::move(*denied);
  const auto id = http::positive_id_param(req);
  if (auto* bad = std::get_if<http::Response>(&id)) return std::move(*bad);
  const auto user = find_employee_by_id(ctx, std::get<long long>(id));
  if (!user) return http::problem(req, http::not_found());
  return json_response(200, [&](json::Writer& w) { write_user(w, *user); });
}

http::Response patch_employee(AuthContext& ctx, http::Request& req) {
  if (auto denied = require_eps_admin(req)) return std::move(*denied);
  const auto id = http::positive_id_param(req);
  if (auto* bad = std::get_if<http::Response>(&id)) return std::move(*bad);
  auto user = find_employee_by_id(ctx, std::get<long long>(id));
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
  auto rule_errors = validate_employee_patch(draft, present, status);
  errors.insert(errors.end(), rule_errors.begin(), rule_errors.end());
  const bool self = caller_user_id(req) == user->id;
  auto has = [&](std::string_view f) {
    return std::find(present.begin(), present.end(), f) != present.end();
  };
  // An administrator cannot lock themselves out; another admin must do it.
  if (self && status && *status == "inactive") {
    errors.push_back(
        core::FieldError{"status",
                         "cannot_deactivate_self",
                         {"No puede desactivar su propio usuario.", "You cannot deactivate your own user."}});
  }
  if (self && has("roles") && draft.roles &&
      std::find(draft.roles->begin(), draft.roles->end(), "admin") == draft.roles->end()) {
    errors.push_back(core::FieldError{
        "roles",
        "cannot_remove_own_admin",
        {"No puede quitarse el rol de administrador.", "You cannot remove your own admin role."}});
  }
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));

  auto set_optional = [&](std::string_view f, const std::optional<std::string>& v,
                          std::optional<std::string>& target) {
    if (has(f)) target = v;
  };
  if (has("first_name") && draft.first_name) user->first_name = *draft.first_name;
  if (has("first_surname") && draft.first_surname) user->first_surname = *draft.first_surname;
  if (has("email") && draft.email) user->email = *draft.email;
  set_optional("second_name", draft.second_name, user->second_name);
  set_optional("second_surname", draft.second_surname, user->second_surname);
  set_optional("position", draft.position, user->position);
  set_optional("area", draft.area, user->area);
  set_optional("phone", draft.phone, user->phone);
  set_optional("mobile", draft.mobile, user->mobile);
  const auto roles_before = user->roles;
  if (has("roles") && draft.roles) user->roles = canonical_roles(*draft.roles);
  const bool roles_changed = user->roles != roles_before;
  const bool deactivated = status && *status == "inactive" && user->status != "inactive";
  if (status) user->status = *status;
  user->updated_at = ctx.now_text();
  ctx.db->write([&](db::Connection& c) {
    user_store::update(c, *user);
    if (deactivated)
      token_store::revoke_user(c, user->id, ctx.now_text());
    else if (roles_changed)
      token_store::revoke_access(c, user->id, "roles_changed", ctx.now_text());
    std::string fields;
    for (const auto& f : present) fields += (fields.empty() ? "" : " ") + f;
    audit(c, ctx, req, "employee_updated", "user:" + std::to_string(user->id),
          details_json({{"fields", fields}}));
  });
  return json_response(200, [&](json::Writer& w) { write_user(w, *user); });
}

}  // namespace

void register_employee_routes(http::Server& server, AuthContext& ctx) {
  const std::string base = std::string{kApi} + "/employees";
  server.route(http::Method::get, base, [&ctx](http::Request& r) { return list_employees(ctx, r); });
  server.route(http::Method::post, base, [&ctx](http::Request& r) {
    return idempotent(ctx, r, [&](http::IdempotentWrite& keyed) { return create_employee(ctx, r, keyed); });
  });
  server.route(http::Method::get, base + "/:id", [&ctx](http::Request& r) { return get_employee(ctx, r); });
  server.route(http::Method::patch, base + "/:id",
               [&ctx](http::Request& r) { return patch_employee(ctx, r); });
}

}  // namespace portal::auth
