#include "notices.hpp"

namespace portal::events_hub {

mail::Message endpoint_disabled_notice(const std::string& to, long long endpoint_id, const std::string& url,
                                       const std::string& last_error) {
  mail::Message m;
  m.to = to;
  m.subject = "Webhook desactivado: " + url;
  m.body_text =
      "Su punto de notificación (webhook) número " + std::to_string(endpoint_id) + " en\n\n  " + url +
      "\n\nno respondió con éxito durante el plan completo de reintentos (unas 24 horas) y fue desactivado.\n"
      "Último error: " +
      (last_error.empty() ? "sin detalle" : last_error) +
      "\n\nCuando su servicio esté de nuevo en línea, registre el webhook otra vez (POST /api/v1/webhooks). "
      "Las"
      " entregas fallidas se consultan en GET /api/v1/webhooks/" +
      std::to_string(endpoint_id) +
      "/deliveries; el canal de eventos (GET /api/v1/events con Last-Event-ID) permite recuperar lo que "
      "falte.\n\n"
      "Este es un mensaje automático del portal de prestadores.\n";
  return m;
}

}  // namespace portal::events_hub
