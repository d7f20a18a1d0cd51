#include "authorizations_http.hpp"

#include <cctype>

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

Allowed require(const http::Request& req, bool AuthorizationAccess::*action) {
  if (!req.principal) return {http::problem(req, http::unauthorized()), {}};
  auto access = authorization_access(*req.principal);
  if (!(access.*action)) return {http::problem(req, http::forbidden()), access};
  return {std::nullopt, std::move(access)};
}

}  // namespace portal::authorizations
