#include "portfolio_notices.hpp"

namespace portal::finance {

mail::Message portfolio_received_notice(const PortfolioRequest& r, const std::string& to,
                                        const std::string& public_url) {
  mail::Message m;
  m.to = to;
  m.subject = "Solicitud de estado de cartera No. " + std::to_string(r.id) + " registrada";
  m.body_text =
      "Estimado prestador:\n\nSu solicitud de consulta de estado de cartera No. " + std::to_string(r.id) +
      " fue registrada" +
      (r.uploaded_file_name ? " (archivo " + *r.uploaded_file_name + ")" : std::string{}) + " con " +
      std::to_string(r.row_count) +
      " facturas. Recibirá otro correo con el enlace de descarga cuando el resultado esté listo.\n\n"
      "Puede consultar su avance en " +
      public_url + "/api/v1/portfolio-requests/" + std::to_string(r.id) +
      "\n\nEste es un mensaje automático; por favor no lo responda.\n";
  return m;
}

mail::Message portfolio_ready_notice(const PortfolioRequest& r, const std::string& to,
                                     const std::string& public_url) {
  mail::Message m;
  m.to = to;
  m.subject = "Estado de cartera No. " + std::to_string(r.id) + " procesado";
  m.body_text = "Estimado prestador:\n\nSu solicitud de consulta de estado de cartera No. " +
                std::to_string(r.id) + " fue procesada: " + std::to_string(r.processed_rows) + " facturas, " +
                std::to_string(r.rows_with_errors) + " con errores.\n\nDescargue el resultado en " +
                public_url + "/api/v1/portfolio-requests/" + std::to_string(r.id) +
                "/result.xlsx\n\nEste es un mensaje automático; por favor no lo responda.\n";
  return m;
}

}  // namespace portal::finance
