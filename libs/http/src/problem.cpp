#include "portal/http/problem.hpp"

#include "portal/http/problem_types.hpp"
#include "portal/json/json.hpp"

namespace portal::http {
namespace {

Problem make(int status, std::string code, core::Text title, core::Text detail,
             core::FieldErrors errors = {}) {
  return Problem{status, std::move(code), std::move(title), std::move(detail), std::move(errors)};
}

}  // namespace

Problem make_problem(int status, std::string code, core::Text title, core::Text detail) {
  return make(status, std::move(code), std::move(title), std::move(detail));
}

// SPEC §2: RFC 9457 members plus our stable `code` and, for validation, every field error at once.
Response problem_response(const Problem& p, core::Lang lang) {
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::write_key(w, "type");
  json::write_string(w, problem_type_uri(p.code));
  json::write_key(w, "title");
  json::write_string(w, p.title.in(lang));
  json::write_key(w, "status");
  w.Int(p.status);
  json::write_key(w, "detail");
  json::write_string(w, p.detail.in(lang));
  json::write_key(w, "code");
  json::write_string(w, p.code);
  if (!p.errors.empty()) {
    json::write_key(w, "errors");
    json::write_field_errors(w, p.errors, lang);
  }
  w.EndObject();
  Response r;
  r.status = p.status;
  r.content_type = "application/problem+json";
  r.body.assign(buffer.GetString(), buffer.GetSize());
  r.with_language(lang);
  return r;
}

Problem malformed_json(std::string_view detail_es, std::string_view detail_en) {
  return make(400, "malformed_json", {"JSON mal formado", "Malformed JSON"},
              {std::string{detail_es}, std::string{detail_en}});
}

Problem validation_failed(core::FieldErrors errors) {
  return make(422, "validation_failed", {"Datos inválidos", "Validation failed"},
              {"Uno o más campos no son válidos; revise la lista de errores.",
               "One or more fields are invalid; see the list of errors."},
              std::move(errors));
}

Problem bad_request(core::FieldErrors errors) {
  return make(400, "invalid_request", {"Solicitud inválida", "Invalid request"},
              {"La solicitud no es válida; revise la lista de errores.",
               "The request is invalid; see the list of errors."},
              std::move(errors));
}

Problem unauthorized() {
  return make(401, "unauthorized", {"No autenticado", "Unauthorized"},
              {"Se requiere un token de acceso válido. Inicie sesión de nuevo.",
               "A valid access token is required. Please sign in again."});
}

Problem forbidden() {
  return make(403, "forbidden", {"Acceso denegado", "Forbidden"},
              {"Su usuario no tiene permiso para realizar esta operación.",
               "Your user is not allowed to perform this operation."});
}

Problem not_found() {
  return make(404, "not_found", {"No encontrado", "Not found"},
              {"El recurso solicitado no existe.", "The requested resource does not exist."});
}

Problem route_not_found() {
  return make(404, "route_not_found", {"Ruta no encontrada", "Route not found"},
              {"No existe ninguna operación en esta dirección.", "There is no operation at this address."});
}

Problem method_not_allowed() {
  return make(405, "method_not_allowed", {"Método no permitido", "Method not allowed"},
              {"Esta dirección no admite el método HTTP usado; vea el encabezado Allow.",
               "This address does not support the HTTP method used; see the Allow header."});
}

// Issue 10: each conflict has its own title, the one its /problems/<code> page shows.
Problem conflict(std::string code, core::Text detail) {
  const auto* type = find_problem_type(code);
  core::Text title = type ? type->title : core::Text{"Conflicto", "Conflict"};
  return make(409, std::move(code), std::move(title), std::move(detail));
}

Problem payload_too_large(std::size_t limit_bytes) {
  const std::string limit = std::to_string(limit_bytes);
  return make(413, "payload_too_large", {"Contenido demasiado grande", "Payload too large"},
              {"El cuerpo de la solicitud supera el máximo de " + limit + " bytes.",
               "The request body exceeds the maximum of " + limit + " bytes."});
}

Problem unsupported_media_type() {
  return make(
      415, "unsupported_media_type", {"Tipo de contenido no soportado", "Unsupported media type"},
      {"El cuerpo debe enviarse como application/json.", "The body must be sent as application/json."});
}

Problem too_many_requests() {
  return make(429, "rate_limited", {"Demasiadas solicitudes", "Too many requests"},
              {"Ha superado el número de solicitudes permitido. Intente más tarde.",
               "You have exceeded the allowed number of requests. Please try again later."});
}

Problem internal_error() {
  return make(
      500, "internal_error", {"Error interno", "Internal error"},
      {"Ocurrió un error inesperado. Si persiste, comuníquese con la mesa de ayuda indicando el "
       "identificador de la solicitud.",
       "An unexpected error occurred. If it persists, contact the help desk quoting the request id."});
}

Problem service_unavailable(std::string_view upstream) {
  const std::string name{upstream};
  return make(
      503, "upstream_unavailable", {"Servicio no disponible", "Service unavailable"},
      {"El servicio " + name + " no está disponible en este momento. Intente de nuevo en unos minutos.",
       "The " + name + " service is unavailable right now. Please try again in a few minutes."});
}

Problem gateway_timeout(std::string_view upstream) {
  const std::string name{upstream};
  return make(504, "upstream_timeout", {"Tiempo de espera agotado", "Gateway timeout"},
              {"El servicio " + name + " no respondió a tiempo. Intente de nuevo.",
               "The " + name + " service did not answer in time. Please try again."});
}

Problem overloaded() {
  return make(503, "overloaded", {"Servicio saturado", "Service overloaded"},
              {"El servicio está atendiendo demasiadas solicitudes. Intente de nuevo en unos segundos.",
               "The service is handling too many requests. Please try again in a few seconds."});
}

Problem not_ready(std::string_view reason) {
  const std::string r{reason};
  return make(503, "not_ready", {"Servicio no listo", "Service not ready"}, {r, r});
}

Problem storage_unavailable() {
  return make(
      503, "storage_unavailable", {"Almacenamiento no disponible", "Storage unavailable"},
      {"No se pudo guardar ni consultar la información en este momento; no se registró nada. Intente de "
       "nuevo en unos segundos.",
       "The data could not be stored or read right now; nothing was recorded. Please try again in a few "
       "seconds."});
}

Problem storage_busy() {
  return make(503, "storage_busy", {"Almacenamiento ocupado", "Storage busy"},
              {"La base de datos está ocupada; no se registró nada. Intente de nuevo.",
               "The database is busy; nothing was recorded. Please try again."});
}

Problem storage_conflict() {
  return make(409, "conflict", {"Registro duplicado", "Duplicate record"},
              {"El registro ya existe.", "The record already exists."});
}

Problem invalid_path() {
  return make(400, "invalid_path", {"Ruta inválida", "Invalid path"},
              {"La ruta de la solicitud no es válida.", "The request path is invalid."});
}

Problem request_timeout() {
  return make(408, "request_timeout", {"Tiempo de espera agotado", "Request timeout"},
              {"La solicitud no llegó completa a tiempo.", "The request did not arrive in time."});
}

Problem malformed_request() {
  return make(400, "malformed_request", {"Solicitud mal formada", "Malformed request"},
              {"La solicitud HTTP no está bien formada.", "The HTTP request is malformed."});
}

Problem too_deep() {
  return make(400, "too_deep", {"JSON demasiado anidado", "JSON nested too deeply"},
              {"El documento JSON supera la profundidad máxima permitida.",
               "The JSON document exceeds the maximum nesting depth."});
}

}  // namespace portal::http
