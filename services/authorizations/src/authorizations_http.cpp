#include "authorizations_http.hpp"

#include <cctype>

#include "authorization_store.hpp"
#include "portal/catalog/catalogs.hpp"
#include "portal/directory/provider_directory.hpp"

namespace portal::authorizations {

bool wants_res2335_matrix(const std::optional<std::string>& accept) {
  if (!accept) return false;
  std::string lower = *accept;
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find(kRes2335MatrixMediaType) != std::string::npos;
}

http::Problem duplicate_request_number(const std::string& number, int year) {
  const auto y = std::to_string(year);
  return http::conflict("duplicate_request_number",
                        {"El número de solicitud " + number + " ya fue usado por el prestador en " + y +
                             " (el consecutivo se reinicia cada 1 de enero).",
                         "Request number " + number + " was already used by the provider in " + y +
                             " (the number restarts every 1 January)."});
}

http::Problem request_not_found() {
  return http::make_problem(404, "authorization_request_not_found",
                            {"Solicitud de autorización no encontrada", "Authorization request not found"},
                            {"No existe una solicitud de autorización con ese identificador.",
                             "There is no authorization request with that id."});
}

http::Problem rule_set_not_found() {
  return http::make_problem(
      404, "rule_set_not_found", {"Conjunto de reglas no encontrado", "Rule set not found"},
      {"No existe esa versión del conjunto de reglas.", "There is no such rule set version."});
}

http::Problem no_active_rule_set() {
  return http::make_problem(
      503, "no_active_rule_set", {"Sin reglas de aprobación activas", "No active approval rules"},
      {"Ningún conjunto de reglas está activo: un administrador de la EPS debe activar uno.",
       "No rule set is active: an EPS administrator must activate one."});
}

http::Problem annulment_not_allowed(const std::string& detail_es, const std::string& detail_en) {
  return http::conflict("annulment_not_allowed", {detail_es, detail_en});
}

http::Problem precondition_required() {
  return http::make_problem(
      428, "precondition_required", {"Falta If-Match", "If-Match required"},
      {"Una decisión exige el encabezado If-Match con el ETag de la solicitud tal como la consultó (GET): "
       "así "
       "dos auditores no pueden decidir la misma solicitud a la vez.",
       "A decision requires the If-Match header with the ETag of the request as you read it (GET), so two "
       "auditors cannot decide the same request at once."});
}

http::Problem precondition_failed() {
  return http::make_problem(
      412, "precondition_failed", {"El recurso cambió", "The resource has changed"},
      {"La solicitud cambió después de consultarla (If-Match no coincide): otra persona la decidió. "
       "Consúltela de "
       "nuevo.",
       "The request changed after you read it (If-Match does not match): someone else decided it. Read it "
       "again."});
}

http::Problem decision_not_allowed(RequestStatus from, RequestStatus to) {
  const std::string f{to_string(from)};
  const std::string t{to_string(to)};
  return http::conflict("decision_not_allowed",
                        {"Una solicitud en estado " + f + " no puede pasar a " + t + ".",
                         "A request in status " + f + " cannot move to " + t + "."});
}

http::Problem document_not_available(const std::string& document, RequestStatus status) {
  const std::string s{to_string(status)};
  return http::conflict(
      "document_not_available",
      {"La solicitud está en estado " + s + ": " + document +
           " solo existe para solicitudes aprobadas, negadas o aprobadas parcialmente que lo tengan.",
       "The request is " + s + ": " + document +
           " exists only for approved, denied or partially approved requests that have one."});
}

http::Problem authorization_not_found() {
  return http::make_problem(404, "authorization_not_found",
                            {"Autorización no encontrada", "Authorization not found"},
                            {"No existe una autorización con ese número dirigida a su prestador.",
                             "There is no authorization with that number directed to your provider."});
}

http::Problem authorization_not_usable(const core::Text& detail) {
  return http::conflict("authorization_not_usable", detail);
}

std::optional<AuthorizationRequest> find_visible(AuthorizationsContext& ctx, long long id,
                                                 const AuthorizationAccess& access) {
  auto found = ctx.db->read([&](db::Connection& db) { return authorization_store::find_by_id(db, id); });
  if (!found || (access.own_provider && found->provider_nit != *access.own_provider)) return std::nullopt;
  return found;
}

DocumentContext document_context(AuthorizationsContext& ctx, const http::Request& req,
                                 const AuthorizationRequest& r) {
  DocumentContext doc;
  doc.payer_name = ctx.payer.name;
  doc.payer_code = ctx.payer.code;
  doc.generated_at = ctx.clock.now();
  const auto letterhead =
      directory::provider_letterhead(*ctx.providers, *ctx.catalogs, r.provider_nit, r.habilitation_code,
                                     r.provider_name, req.bearer_token, req.request_id);
  doc.provider_legal_name = letterhead.legal_name;
  doc.provider_email = letterhead.email;
  doc.provider_address = letterhead.address;
  doc.provider_department_name = letterhead.department_name;
  doc.provider_municipality_name = letterhead.municipality_name;
  return doc;
}

std::string request_etag(const AuthorizationRequest& r) {
  return "W/\"" + std::to_string(r.id) + "-" + std::to_string(r.version) + "\"";
}

Allowed require(const http::Request& req, bool AuthorizationAccess::*action) {
  if (!req.principal) return {http::problem(req, http::unauthorized()), {}};
  auto access = authorization_access(*req.principal);
  if (!(access.*action)) return {http::problem(req, http::forbidden()), access};
  return {std::nullopt, std::move(access)};
}

}  // namespace portal::authorizations
