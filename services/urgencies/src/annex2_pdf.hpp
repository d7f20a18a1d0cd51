#pragma once
// URG-4: the Anexo 2 of Resolución 3047 de 2008 ("Informe de la atención inicial de urgencias") of a
// stored notification, as a PDF in memory, with every field of the form and Spanish accents intact.
// Pure: what the notification does not carry (payer, provider's address, who informs) comes in the
// context; names of codes come from the catalogs.
#include <string>
#include <string_view>

#include "portal/catalog/catalogs.hpp"
#include "portal/core/clock.hpp"
#include "urgency.hpp"

namespace portal::urgencies {

struct Annex2Context {
  // "Entidad a la que se le informa (pagador)": PORTAL_PAYER_NAME / PORTAL_PAYER_CODE.
  std::string payer_name;
  std::string payer_code;
  // The provider as the directory (auth GET /api/v1/providers/{nit}) describes it. Empty name, NIT or
  // habilitation code fall back to the ones stored with the notification.
  std::string provider_legal_name;
  std::string provider_nit;
  std::string provider_habilitation_code;
  std::string provider_address;
  std::string provider_phone;
  std::string provider_department_name;
  std::string provider_municipality_name;
  // The reporting entity's e-mail when the provider record carries one (Res. 2335 report).
  std::string provider_email;
  // "Información de la persona que informa", when known (the user who filed the notification).
  std::string informer_name;
  std::string informer_role;
  std::string informer_phone;
  core::Instant generated_at{};  // printed in the footer, Bogotá time
};

// Throws documents::DocumentError only on an internal PDF failure (never for odd user text: characters
// the PDF fonts cannot show are replaced).
std::string render_annex2_pdf(const Notification& n, const Annex2Context& ctx,
                              const catalog::Catalogs& catalogs);

// "Anexo2-<attention_number>-<yyyyMMdd>.pdf" with the Bogotá day of the notification; characters of the
// attention number outside [A-Za-z0-9_-] become '_' so the name is safe in Content-Disposition.
std::string annex2_file_name(const Notification& n);
// "<prefix>-<attention_number>-<yyyyMMdd>.pdf", sanitised the same way (every document of a notification).
std::string notification_file_name(std::string_view prefix, const Notification& n);

}  // namespace portal::urgencies
