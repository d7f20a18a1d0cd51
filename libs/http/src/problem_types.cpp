#include "portal/http/problem_types.hpp"

#include <algorithm>

#include "portal/core/text.hpp"

namespace portal::http {
namespace {

std::vector<ProblemType> catalog() {
  std::vector<ProblemType> t = {
      // Every service (libs/http).
      {"malformed_json",
       400,
       {"JSON mal formado", "Malformed JSON"},
       {"El cuerpo de la solicitud no es un JSON válido. Corrija el documento y envíelo de nuevo.",
        "The request body is not valid JSON. Fix the document and send it again."}},
      {"too_deep",
       400,
       {"JSON demasiado anidado", "JSON nested too deeply"},
       {"El documento JSON supera la profundidad máxima de anidamiento que el servicio acepta.",
        "The JSON document is nested deeper than the service accepts."}},
      {"invalid_request",
       400,
       {"Solicitud inválida", "Invalid request"},
       {"Un parámetro de la solicitud no es válido; `errors` dice cuál (por ejemplo, un identificador "
        "que no es un número entero positivo).",
        "A parameter of the request is invalid; `errors` names it (for example, an id that is not a "
        "positive integer)."}},
      {"invalid_path",
       400,
       {"Ruta inválida", "Invalid path"},
       {"La ruta contiene caracteres no permitidos (NUL, \"..\" o una codificación % inválida).",
        "The path holds characters that are not allowed (NUL, \"..\" or a bad % encoding)."}},
      {"malformed_request",
       400,
       {"Solicitud mal formada", "Malformed request"},
       {"La solicitud HTTP no se pudo interpretar. Revise el cliente HTTP.",
        "The HTTP request could not be parsed. Check the HTTP client."}},
      {"unauthorized",
       401,
       {"No autenticado", "Unauthorized"},
       {"Falta el token de acceso o no es válido (vencido, revocado o firmado por otra clave). Inicie "
        "sesión de nuevo o renueve el token.",
        "The access token is missing or invalid (expired, revoked or signed by another key). Sign in "
        "again or refresh the token."}},
      {"forbidden",
       403,
       {"Acceso denegado", "Forbidden"},
       {"El usuario está autenticado pero su rol o sus módulos no le permiten esta operación.",
        "The user is authenticated but their role or modules do not allow this operation."}},
      {"not_found",
       404,
       {"No encontrado", "Not found"},
       {"El recurso no existe o no pertenece a su prestador.",
        "The resource does not exist or does not belong to your provider."}},
      {"route_not_found",
       404,
       {"Ruta no encontrada", "Route not found"},
       {"No hay ninguna operación en esta dirección; consulte /openapi.yaml.",
        "There is no operation at this address; see /openapi.yaml."}},
      {"method_not_allowed",
       405,
       {"Método no permitido", "Method not allowed"},
       {"La dirección existe pero no admite este método; el encabezado Allow lista los que admite.",
        "The address exists but does not take this method; the Allow header lists those it takes."}},
      {"request_timeout",
       408,
       {"Tiempo de espera agotado", "Request timeout"},
       {"La solicitud no llegó completa a tiempo.", "The request did not arrive whole in time."}},
      {"conflict",
       409,
       {"Registro duplicado", "Duplicate record"},
       {"El registro ya existe (una clave única que la operación no esperaba).",
        "The record already exists (a unique key the operation did not anticipate)."}},
      {"idempotency_key_reused",
       409,
       {"Clave de idempotencia reutilizada", "Idempotency key reused"},
       {"La misma Idempotency-Key se usó antes con otro cuerpo. Use una clave nueva para una operación "
        "nueva.",
        "The same Idempotency-Key was used before with another body. Use a new key for a new operation."}},
      {"idempotency_key_in_use",
       409,
       {"Clave de idempotencia en uso", "Idempotency key in use"},
       {"Otra solicitud con la misma Idempotency-Key está en curso. Reintente en un momento con la "
        "misma clave.",
        "Another request with the same Idempotency-Key is in progress. Retry shortly with the same key."}},
      {"precondition_failed",
       412,
       {"El recurso cambió", "The resource has changed"},
       {"El ETag de If-Match ya no es el actual: otra persona modificó el recurso. Consúltelo de nuevo.",
        "The If-Match ETag is no longer current: someone else changed the resource. Fetch it again."}},
      {"payload_too_large",
       413,
       {"Contenido demasiado grande", "Payload too large"},
       {"El cuerpo supera el límite del gateway (PORTAL_MAX_BODY_BYTES; PORTAL_MAX_IMPORT_BYTES para "
        "cargas masivas).",
        "The body exceeds the gateway's limit (PORTAL_MAX_BODY_BYTES; PORTAL_MAX_IMPORT_BYTES for "
        "roster imports)."}},
      {"unsupported_media_type",
       415,
       {"Tipo de contenido no soportado", "Unsupported media type"},
       {"El Content-Type no es el que la operación acepta (normalmente application/json).",
        "The Content-Type is not the one the operation takes (usually application/json)."}},
      {"validation_failed",
       422,
       {"Datos inválidos", "Validation failed"},
       {"El JSON es válido pero uno o más campos no cumplen las reglas; `errors` los lista todos a la vez.",
        "The JSON is valid but one or more fields break the rules; `errors` lists every one at once."}},
      {"rate_limited",
       429,
       {"Demasiadas solicitudes", "Too many requests"},
       {"Se superó el límite de solicitudes; Retry-After dice cuántos segundos esperar.",
        "The request rate limit was exceeded; Retry-After says how many seconds to wait."}},
      {"internal_error",
       500,
       {"Error interno", "Internal error"},
       {"Error inesperado. Si persiste, comuníquese con la mesa de ayuda indicando el X-Request-Id.",
        "Unexpected error. If it persists, contact the help desk quoting the X-Request-Id."}},
      {"upstream_unavailable",
       503,
       {"Servicio no disponible", "Service unavailable"},
       {"El servicio que atiende la operación no está disponible; no se registró nada. Reintente en "
        "unos minutos.",
        "The service behind the operation is unavailable; nothing was recorded. Retry in a few minutes."}},
      {"overloaded",
       503,
       {"Servicio saturado", "Service overloaded"},
       {"El servicio atiende demasiadas solicitudes; reintente en unos segundos.",
        "The service is handling too many requests; retry in a few seconds."}},
      {"not_ready",
       503,
       {"Servicio no listo", "Service not ready"},
       {"El proceso aún no puede atender: su base de datos o una dependencia no está disponible.",
        "The process cannot serve yet: its database or a dependency is unavailable."}},
      {"storage_unavailable",
       503,
       {"Almacenamiento no disponible", "Storage unavailable"},
       {"La base de datos no está disponible (disco lleno, servidor caído); no se registró nada.",
        "The database is unavailable (full disk, server down); nothing was recorded."}},
      {"storage_busy",
       503,
       {"Almacenamiento ocupado", "Storage busy"},
       {"La base de datos está ocupada; no se registró nada. Reintente (Retry-After).",
        "The database is busy; nothing was recorded. Retry (Retry-After)."}},
      {"upstream_timeout",
       504,
       {"Tiempo de espera agotado", "Gateway timeout"},
       {"El servicio no respondió a tiempo al gateway. Si la operación escribía, consulte antes de "
        "reintentar o reintente con la misma Idempotency-Key.",
        "The service did not answer the gateway in time. If the operation wrote, check before retrying "
        "or retry with the same Idempotency-Key."}},
      // auth
      {"invalid_credentials",
       401,
       {"Credenciales inválidas", "Invalid credentials"},
       {"Usuario, contraseña o NIT incorrectos, o la cuenta no está activa (la respuesta es la misma en "
        "todos los casos).",
        "Wrong username, password or NIT, or the account is not active (the answer is the same in "
        "every case)."}},
      {"invalid_refresh_token",
       401,
       {"Sesión no válida", "Invalid session"},
       {"El token de renovación expiró, fue cerrado o ya se usó. Inicie sesión de nuevo.",
        "The refresh token has expired, was closed or was already used. Sign in again."}},
      {"invalid_token",
       400,
       {"Enlace no válido", "Invalid link"},
       {"El enlace de activación o de contraseña no existe, ya se usó o expiró. Solicite uno nuevo.",
        "The activation or password link does not exist, was used or has expired. Request a new one."}},
      {"too_many_attempts",
       429,
       {"Demasiados intentos", "Too many attempts"},
       {"Demasiados intentos fallidos para esta cuenta o esta dirección; Retry-After dice cuándo reintentar.",
        "Too many failed attempts for this account or address; Retry-After says when to retry."}},
      {"provider_not_found",
       404,
       {"Prestador no encontrado", "Provider not found"},
       {"El NIT no es de un prestador de la EPS; debe crearse primero como prestador.",
        "The NIT is not a provider of the EPS; it must first be created as a provider."}},
      {"contact_not_found",
       404,
       {"Contacto no encontrado", "Contact not found"},
       {"El documento no es de un contacto registrado de esa sede del prestador.",
        "The document is not a registered contact of that branch of the provider."}},
      {"provider_already_registered",
       409,
       {"Prestador ya registrado", "Provider already registered"},
       {"El prestador ya tiene administrador; los demás usuarios los crea ese administrador (AUTH-8).",
        "The provider already has an administrator; other users are created by that administrator "
        "(AUTH-8)."}},
      {"provider_exists",
       409,
       {"Prestador ya existe", "Provider already exists"},
       {"Ya existe un prestador con ese NIT.", "A provider with that NIT already exists."}},
      {"habilitation_code_taken",
       409,
       {"Código de habilitación en uso", "Habilitation code taken"},
       {"El código de habilitación ya pertenece a otra sede o prestador.",
        "The habilitation code already belongs to another branch or provider."}},
      {"user_already_exists",
       409,
       {"Usuario ya existe", "User already exists"},
       {"Ya existe un usuario con ese tipo y número de documento.",
        "A user with that document type and number already exists."}},
      {"username_taken",
       409,
       {"Nombre de usuario en uso", "Username taken"},
       {"El nombre de usuario ya está en uso; elija otro.",
        "The username is already taken; choose another."}},
      {"client_exists",
       409,
       {"Cliente ya existe", "Client already exists"},
       {"Ya existe un cliente integrador con ese identificador.",
        "An integrator client with that id already exists."}},
      // affiliates
      {"affiliate_not_found",
       404,
       {"Afiliado no encontrado", "Affiliate not found"},
       {"La persona no es afiliada de la EPS (consulta por documento), o no hay afiliado con ese "
        "identificador.",
        "The person is not an affiliate of the EPS (lookup by document), or no affiliate has that id."}},
      {"affiliate_already_exists",
       409,
       {"Afiliado ya existe", "Affiliate already exists"},
       {"Ya existe un afiliado con ese tipo y número de documento.",
        "An affiliate with that document type and number already exists."}},
      {"call_not_found",
       404,
       {"Llamada no encontrada", "Call not found"},
       {"No existe una llamada con ese número.", "There is no call with that number."}},
      {"catalog_not_found",
       404,
       {"Catálogo no encontrado", "Catalog not found"},
       {"No existe un catálogo con ese nombre.", "There is no catalog with that name."}},
      {"import_not_found",
       404,
       {"Carga no encontrada", "Import not found"},
       {"No existe una carga masiva con ese identificador.", "There is no bulk import with that id."}},
      // urgencies
      {"notification_not_found",
       404,
       {"Notificación no encontrada", "Notification not found"},
       {"No existe una notificación de urgencia con ese identificador, o no es de su prestador.",
        "There is no emergency notification with that id, or it is not your provider's."}},
      {"not_under_res2335",
       406,
       {"Registro anterior a la Res. 2335 de 2023", "Record predates Res. 2335 de 2023"},
       {"El registro es anterior al 1 de abril de 2026 y se rige por la Res. 3047 de 2008: no tiene vista "
        "de la matriz de la Res. 2335. Pida application/json o descargue su documento en report.pdf.",
        "The record predates 1 April 2026 and is under Res. 3047 de 2008: it has no Res. 2335 matrix view. "
        "Ask for application/json or download its document at report.pdf."}},
      {"duplicate_attention_number",
       409,
       {"Número de atención repetido", "Duplicate attention number"},
       {"El prestador ya notificó ese número de atención el mismo día de Bogotá (URG-2: el consecutivo "
        "se reinicia cada día).",
        "The provider already notified that attention number on the same Bogotá day (URG-2: the number "
        "restarts every day)."}},
      // issue 12: authorization requests (AUT-1..AUT-3) and the rules engine (AUT-2)
      {"authorization_request_not_found",
       404,
       {"Solicitud de autorización no encontrada", "Authorization request not found"},
       {"No existe una solicitud de autorización con ese identificador, o no es de su prestador.",
        "There is no authorization request with that id, or it is not your provider's."}},
      {"duplicate_request_number",
       409,
       {"Número de solicitud repetido", "Duplicate request number"},
       {"El prestador ya usó ese número de solicitud en el mismo año de Bogotá (AUT-1: el consecutivo se "
        "reinicia cada 1 de enero).",
        "The provider already used that request number in the same Bogotá year (AUT-1: the number restarts "
        "every 1 January)."}},
      {"rule_set_not_found",
       404,
       {"Conjunto de reglas no encontrado", "Rule set not found"},
       {"No existe esa versión del conjunto de reglas de aprobación automática.",
        "There is no such version of the automatic-approval rule set."}},
      {"no_active_rule_set",
       503,
       {"Sin reglas de aprobación activas", "No active approval rules"},
       {"Ningún conjunto de reglas de aprobación automática está activo: un administrador de la EPS debe "
        "activar uno.",
        "No automatic-approval rule set is active: an EPS administrator must activate one."}},
      {"annulment_not_allowed",
       409,
       {"Anulación no permitida", "Annulment not allowed"},
       {"La solicitud ya no puede anularse en su estado actual, o ya tiene una solicitud de anulación "
        "registrada (AUT-3).",
        "The request can no longer be annulled in its current state, or already has an annulment request "
        "recorded (AUT-3)."}},
      // issue 13: decisions (AUT-4), Anexo 4 (AUT-8), usage (AUT-9)
      {"precondition_required",
       428,
       {"Falta If-Match", "If-Match required"},
       {"La operación exige el encabezado If-Match con el ETag del recurso tal como lo consultó (GET), para "
        "que "
        "dos personas no lo modifiquen a la vez.",
        "The operation requires the If-Match header with the ETag of the resource as you read it (GET), so "
        "two "
        "people cannot change it at once."}},
      {"decision_not_allowed",
       409,
       {"Decisión no permitida", "Decision not allowed"},
       {"El estado actual de la solicitud no admite esa decisión (AUT-3: negada y anulada son finales; una "
        "solicitud decidida solo puede anularse).",
        "The request's current status does not admit that decision (AUT-3: denied and annulled are final; a "
        "decided request can only be annulled)."}},
      // Issue 17 (SPEC §8, INC-3 and INC-4).
      {"inconsistency_report_not_found",
       404,
       {"Informe de inconsistencias no encontrado", "Inconsistency report not found"},
       {"No existe un informe de inconsistencias con ese número, o es de otro prestador.",
        "There is no inconsistency report with that number, or it is another provider's."}},
      {"report_status_not_allowed",
       409,
       {"Cambio de estado no permitido", "Status change not allowed"},
       {"El tipo y el estado actual del informe no admiten ese estado (INC-3: pendiente pasa a los estados "
        "procesados de su tipo o a anulado; procesado parcial puede completarse; los demás son finales).",
        "The report's type and current status do not admit that status (INC-3: pending moves to its type's "
        "processed statuses or annulled; partially processed may be completed; the rest are final)."}},
      {"document_not_available",
       409,
       {"Documento no disponible", "Document not available"},
       {"El Anexo 4 (autorización o negación) solo existe para solicitudes aprobadas, negadas o aprobadas "
        "parcialmente (AUT-8); la respuesta dice el estado de la solicitud.",
        "The Anexo 4 (authorization or denial) exists only for approved, denied or partially approved "
        "requests "
        "(AUT-8); the answer gives the request's status."}},
      {"authorization_not_found",
       404,
       {"Autorización no encontrada", "Authorization not found"},
       {"No existe una autorización con ese número dirigida a su prestador.",
        "There is no authorization with that number directed to your provider."}},
      {"authorization_not_usable",
       409,
       {"Autorización no utilizable", "Authorization cannot be used"},
       {"La autorización ya fue usada (se usa una sola vez) o fue anulada (AUT-9).",
        "The authorization was already used (it is used once) or was annulled (AUT-9)."}},
      // referrals (issue 16, REF-1..REF-3)
      {"referral_not_found",
       404,
       {"Referencia no encontrada", "Referral not found"},
       {"No existe una referencia con ese identificador en la que su prestador sea origen o destino.",
        "There is no referral with that id where your provider is the origin or the destination."}},
      {"open_referral_exists",
       409,
       {"El afiliado ya tiene una referencia abierta", "The affiliate already has an open referral"},
       {"Solo se permite una referencia abierta por afiliado (la de un recién nacido \"hijo de\" es aparte "
        "de "
        "la de su madre): continúe la abierta, que `open_referral_id` identifica (REF-1).",
        "Only one open referral per affiliate is allowed (a newborn's is separate from the mother's): "
        "continue "
        "the open one, which `open_referral_id` names (REF-1)."}},
      {"referral_closed",
       409,
       {"Referencia cerrada", "Referral closed"},
       {"Una referencia cerrada no admite más trámites ni cierres (REF-2).",
        "A closed referral takes no more steps or closures (REF-2)."}},
      {"acceptance_required",
       409,
       {"Falta el trámite de paciente aceptado", "Patient acceptance step required"},
       {"Cerrar por llegada del paciente a la IPS exige un trámite previo de \"Paciente aceptado en IPS\" "
        "(REF-2).",
        "Closing on the patient's arrival at the IPS requires an earlier \"patient accepted at IPS\" step "
        "(REF-2)."}},
      {"step_not_for_your_side",
       403,
       {"Trámite de la otra parte", "Step of the other side"},
       {"Ese trámite o cierre lo registra la otra IPS de la referencia o la EPS (por ejemplo, solo el "
        "destino "
        "acepta al paciente o confirma su llegada).",
        "That step or closure is recorded by the referral's other IPS or by the EPS (for example, only the "
        "destination accepts the patient or confirms the arrival)."}},
      // events: webhooks and the event stream (issue 15)
      {"webhook_limit_reached",
       409,
       {"Demasiados webhooks", "Too many webhooks"},
       {"El prestador ya tiene el número máximo de webhooks activos; desactive uno antes de registrar otro.",
        "The provider already has the maximum number of active webhooks; disable one before registering "
        "another."}},
      {"webhook_disabled",
       409,
       {"Webhook desactivado", "Webhook disabled"},
       {"El webhook está desactivado (por su dueño, o por fallar durante el plan completo de reintentos); no "
        "recibe entregas ni cambia de secreto. Registre uno nuevo.",
        "The webhook is disabled (by its owner, or after failing for the whole retry schedule); it receives "
        "no deliveries and its secret does not change. Register a new one."}},
      {"too_many_streams",
       429,
       {"Demasiados canales de eventos abiertos", "Too many event streams open"},
       {"Este usuario o integrador ya tiene abierto el número máximo de canales GET /api/v1/events; cierre "
        "uno (por ejemplo, otra pestaña) y vuelva a conectarse.",
        "This user or integrator already has the maximum number of GET /api/v1/events streams open; close "
        "one (for example, another tab) and reconnect."}},
      // auth: satisfaction survey (AUTH-12, issue 20)
      {"survey_already_answered",
       409,
       {"Encuesta ya respondida hoy", "Survey already answered today"},
       {"El usuario ya respondió la encuesta de satisfacción este día (día de Bogotá); puede responderla "
        "de nuevo a partir de mañana.",
        "The user already answered the satisfaction survey on this day (Bogotá day); they can answer it "
        "again from tomorrow on."}},
      // Issue 19 (FIN-6): one glosa response upload per provider in process (manual 003 §8.4).
      {"glosa_response_in_process",
       409,
       {"Carga de respuestas de glosas en proceso", "Glosa response upload in process"},
       {"En este momento existe en proceso la carga de otro archivo, por favor intente más tarde",
        "Another file of this provider is being loaded at this moment; please try again later"}},
      // Issue 19 (FIN-4): portfolio requests.
      {"portfolio_daily_limit",
       429,
       {"Límite diario de solicitudes de cartera", "Daily portfolio request limit"},
       {"El prestador ya registró 3 solicitudes de estado de cartera este día (día de Bogotá); Retry-After "
        "dice "
        "cuántos segundos faltan para la medianoche de Bogotá.",
        "The provider already registered 3 portfolio requests on this day (Bogotá day); Retry-After says how "
        "many "
        "seconds remain until midnight in Bogotá."}},
      {"result_not_ready",
       409,
       {"Resultado aún no disponible", "Result not ready"},
       {"El trabajo de la solicitud aún no terminó; consulte su estado y progreso.",
        "The request's job has not finished; check its state and progress."}},
  };
  std::sort(t.begin(), t.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
  return t;
}

}  // namespace

const std::vector<ProblemType>& problem_types() {
  static const std::vector<ProblemType> types = catalog();
  return types;
}

const ProblemType* find_problem_type(std::string_view code) {
  const auto& types = problem_types();
  auto it = std::lower_bound(types.begin(), types.end(), code,
                             [](const ProblemType& t, std::string_view c) { return t.code < c; });
  return it != types.end() && it->code == code ? &*it : nullptr;
}

std::string problem_type_uri(std::string_view code) { return "/problems/" + std::string{code}; }

std::string problem_type_page(const ProblemType& type, core::Lang lang) {
  const bool en = lang == core::Lang::en;
  const std::string title = core::escape_html(type.title.in(lang));
  return "<!DOCTYPE html>\n<html lang=\"" + std::string{en ? "en" : "es"} +
         "\">\n<head><meta charset=\"utf-8\"><title>" + title + "</title></head>\n<body>\n<h1>" + title +
         "</h1>\n<p>" + core::escape_html(type.description.in(lang)) + "</p>\n<dl>\n<dt>code</dt><dd><code>" +
         core::escape_html(type.code) + "</code></dd>\n<dt>status</dt><dd>" + std::to_string(type.status) +
         "</dd>\n</dl>\n<p>" +
         (en ? "Answers are application/problem+json (RFC 9457); the contract is at "
             : "Las respuestas son application/problem+json (RFC 9457); el contrato está en ") +
         "<a href=\"/openapi.yaml\">/openapi.yaml</a>.</p>\n</body>\n</html>\n";
}

}  // namespace portal::http
