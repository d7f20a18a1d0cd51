#include "auth_http.hpp"

#include <algorithm>

#include "audit_store.hpp"
#include "portal/audit/audit_trail.hpp"
#include "portal/core/log.hpp"
#include "portal/http/etag.hpp"

namespace portal::auth {

http::Problem invalid_credentials() {
  return http::make_problem(
      401, "invalid_credentials", {"Credenciales inválidas", "Invalid credentials"},
      {"El usuario, la contraseña o el NIT no son correctos, o la cuenta no está activa.",
       "The username, password or NIT are not correct, or the account is not active."});
}

http::Problem too_many_attempts() {
  return http::make_problem(
      429, "too_many_attempts", {"Demasiados intentos", "Too many attempts"},
      {"Se superó el número de intentos fallidos permitidos. Intente de nuevo más tarde.",
       "Too many failed attempts. Try again later."});
}

http::Problem invalid_token() {
  return http::make_problem(400, "invalid_token", {"Enlace no válido", "Invalid link"},
                            {"El enlace no existe, ya fue usado o expiró. Solicite uno nuevo.",
                             "The link does not exist, was already used or has expired. Request a new one."});
}

http::Problem invalid_refresh_token() {
  return http::make_problem(401, "invalid_refresh_token", {"Sesión no válida", "Invalid session"},
                            {"La sesión expiró o fue cerrada. Inicie sesión de nuevo.",
                             "The session has expired or was closed. Sign in again."});
}

http::Problem provider_not_found() {
  return http::make_problem(
      404, "provider_not_found", {"Prestador no encontrado", "Provider not found"},
      {"El NIT no corresponde a un prestador de la EPS: debe ser creado primero como prestador de la EPS.",
       "The NIT is not a provider of the EPS: it must first be created as a provider of the EPS."});
}

http::Problem provider_already_registered() {
  return http::make_problem(
      409, "provider_already_registered", {"Prestador ya registrado", "Provider already registered"},
      {"El prestador ya tiene un usuario administrador. Solicite su usuario al administrador del prestador.",
       "The provider already has an administrator. Ask the provider's administrator for a user."});
}

http::Problem contact_not_found() {
  return http::make_problem(404, "contact_not_found", {"Contacto no encontrado", "Contact not found"},
                            {"El documento no corresponde a un contacto de esta sede del prestador.",
                             "The document is not a contact of this branch of the provider."});
}

std::vector<std::string> present_members(const rapidjson::Value& object) {
  std::vector<std::string> out;
  if (!object.IsObject()) return out;
  for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it)
    out.emplace_back(it->name.GetString(), it->name.GetStringLength());
  return out;
}

PersonDraft read_person(const rapidjson::Value& object, core::FieldErrors& errors) {
  json::ObjectReader r(object, errors);
  PersonDraft d;
  d.document_type = r.optional_string("document_type", 10);
  d.document_number = r.optional_string("document_number", 40);
  d.first_name = r.optional_string("first_name", 200);
  d.second_name = r.optional_string("second_name", 200);
  d.first_surname = r.optional_string("first_surname", 200);
  d.second_surname = r.optional_string("second_surname", 200);
  d.position = r.optional_string("position", 200);
  d.area = r.optional_string("area", 200);
  d.department_code = r.optional_string("department_code", 10);
  d.municipality_code = r.optional_string("municipality_code", 10);
  d.mobile = r.optional_string("mobile", 40);
  d.phone = r.optional_string("phone", 40);
  d.extension = r.optional_string("extension", 20);
  d.email = r.optional_string("email", 300);
  d.email_confirmation = r.optional_string("email_confirmation", 300);
  d.username = r.optional_string("username", 60);
  d.valid_until = r.optional_string("valid_until", 20);
  d.address = r.optional_string("address", 300);
  d.permissions = r.optional_string_array("permissions", 20, 40);
  d.roles = r.optional_string_array("roles", 10, 40);
  return d;
}

void write_string_field(json::Writer& w, std::string_view key, std::string_view v) {
  json::write_key(w, key);
  json::write_string(w, v);
}

void write_optional_string(json::Writer& w, std::string_view key, const std::optional<std::string>& v) {
  json::write_key(w, key);
  json::write_optional(w, v);
}

void write_codes(json::Writer& w, std::string_view key, const std::vector<std::string>& codes) {
  json::write_key(w, key);
  w.StartArray();
  for (const auto& c : codes) json::write_string(w, c);
  w.EndArray();
}

void write_user(json::Writer& w, const UserRecord& u) {
  w.StartObject();
  write_user_fields(w, u);
  w.EndObject();
}

void write_user_fields(json::Writer& w, const UserRecord& u) {
  json::write_key(w, "id");
  w.Int64(u.id);
  write_string_field(w, "user_type", u.user_type);
  write_string_field(w, "username", u.username);
  write_string_field(w, "name", u.full_name());
  write_string_field(w, "status", u.status);
  write_codes(w, "roles", u.roles);
  write_codes(w, "permissions", u.effective_permissions());
  write_optional_string(w, "valid_until", u.valid_until);
  write_string_field(w, "document_type", u.document_type);
  write_string_field(w, "document_number", u.document_number);
  write_string_field(w, "first_name", u.first_name);
  write_optional_string(w, "second_name", u.second_name);
  write_string_field(w, "first_surname", u.first_surname);
  write_optional_string(w, "second_surname", u.second_surname);
  write_optional_string(w, "position", u.position);
  write_optional_string(w, "area", u.area);
  write_optional_string(w, "department_code", u.department_code);
  write_optional_string(w, "municipality_code", u.municipality_code);
  write_string_field(w, "email", u.email);
  write_optional_string(w, "phone", u.phone);
  write_optional_string(w, "extension", u.extension);
  write_optional_string(w, "mobile", u.mobile);
  write_optional_string(w, "provider_nit", u.provider_nit);
  write_optional_string(w, "habilitation_code", u.habilitation_code);
  write_string_field(w, "created_at", u.created_at);
  write_string_field(w, "updated_at", u.updated_at);
}

void audit(db::Connection& c, const AuthContext& ctx, const http::Request& req, std::string action,
           std::string target, std::string details, std::string actor) {
  // The shared trail (libs/audit). target is "type:id" ("user:15", "provider:900000001"); on a failure
  // before anyone is authenticated, actor names the account that was tried.
  auto entry = audit::entry_for(req, ctx.clock.now(), std::move(action), "", "", std::move(details));
  if (!actor.empty()) entry.subject = std::move(actor);
  const auto colon = target.find(':');
  entry.resource_type = colon == std::string::npos ? target : target.substr(0, colon);
  entry.resource_id = colon == std::string::npos ? "" : target.substr(colon + 1);
  audit::record(c, entry);
}

std::string details_json(std::initializer_list<std::pair<std::string_view, std::string>> fields) {
  std::string out = "{";
  for (const auto& [k, v] : fields) {
    if (out.size() > 1) out += ',';
    out += '"' + core::json_escape(k) + "\":\"" + core::json_escape(v) + '"';
  }
  return out + "}";
}

std::optional<http::Response> check_if_match(const http::Request& req, const std::string& current_body) {
  const auto wanted = req.header("If-Match");
  if (!wanted || http::etag_list_matches(*wanted, http::weak_etag(current_body))) return std::nullopt;
  return http::problem(
      req, http::make_problem(412, "precondition_failed", {"El recurso cambió", "The resource has changed"},
                              {"El recurso fue modificado por otra persona. Consúltelo de nuevo.",
                               "The resource was modified by someone else. Fetch it again."}));
}

http::Response idempotent(AuthContext& ctx, const http::Request& req,
                          const std::function<http::Response(http::IdempotentWrite&)>& create) {
  const std::string caller = req.principal ? req.principal->subject : "anonymous:" + req.client_ip;
  return http::idempotent(*ctx.idempotency, req, caller, ctx.now_text(), create);
}

std::optional<long long> caller_user_id(const http::Request& req) {
  if (!req.principal || req.principal->is_client()) return std::nullopt;
  return req.principal->user_id();
}

std::variant<LinkPassword, http::Response> read_link_password(http::Request& req) {
  auto body = http::read_json_body(req);
  if (auto* r = std::get_if<http::Response>(&body)) return std::move(*r);
  core::FieldErrors errors;
  json::ObjectReader in(std::get<rapidjson::Document>(body), errors);
  const auto token = in.required_string("token", 200);
  const auto password = in.required_string("password", 200);
  const auto confirmation = in.required_string("password_confirmation", 200);
  if (password && confirmation) {
    if (auto e = check_confirmation(*password, *confirmation, "password_confirmation")) errors.push_back(*e);
  }
  if (!errors.empty()) return http::problem(req, http::validation_failed(std::move(errors)));
  return LinkPassword{*token, *password};
}

}  // namespace portal::auth
