#pragma once
// AUT-8 (Anexo 3 part) and SPEC §13: the document of an authorization request in force at its Bogotá date —
// the Anexo 3 of Res. 3047 de 2008 before 1 April 2026, procedure 3 of Res. 2335 de 2023 ("solicitud de
// autorización") from then — and the numbered matrix values of procedure 3. Pure: the context and the
// catalogs come in; the layout is libs/documents'.
#include <string>

#include "authorization.hpp"
#include "portal/catalog/catalogs.hpp"
#include "portal/documents/res2335.hpp"

namespace portal::authorizations {

struct DocumentContext {
  std::string payer_name;
  std::string payer_code;
  std::string provider_legal_name;  // from the registry; the stored name when it cannot answer
  std::string provider_address;
  std::string provider_department_name;
  std::string provider_municipality_name;
  std::string provider_email;
  core::Instant generated_at{};
};

// Procedure 3 fields (1-3, 6-18, 23, 28-31, 33-36, 38-44).
documents::res2335::MatrixRecord authorization_request_record(const AuthorizationRequest& r,
                                                              const DocumentContext& ctx,
                                                              const catalog::Catalogs& catalogs);

// The Anexo 3 of Res. 3047: every field of the request as filed.
std::string render_annex3_pdf(const AuthorizationRequest& r, const DocumentContext& ctx,
                              const catalog::Catalogs& catalogs);

struct RequestDocument {
  std::string bytes;
  std::string
      file_name;  // "Anexo3-<number>-<yyyyMMdd>.pdf" or "SolicitudAutorizacion-<number>-<yyyyMMdd>.pdf"
};
RequestDocument render_document_in_force(const AuthorizationRequest& r, const DocumentContext& ctx,
                                         const catalog::Catalogs& catalogs);

}  // namespace portal::authorizations
