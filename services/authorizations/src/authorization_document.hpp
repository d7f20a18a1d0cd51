#pragma once
// AUT-8 (Anexo 4) and SPEC §13: the authorization of a decided request — procedure 4 of Res. 2335 de 2023
// Anexo Técnico 1 when issued from 1 April 2026 (Bogotá), the Anexo 4 of Res. 3047 de 2008 before, chosen by
// format_in_force of the issue instant — and the denial (negación), which keeps its own document under both
// generations. Pure: the request, the stored authorization or denial, the shared payment and the context
// come in; the layouts are libs/documents'.
#include <string>

#include "authorization.hpp"
#include "decision_store.hpp"
#include "portal/catalog/catalogs.hpp"
#include "portal/documents/res2335.hpp"
#include "request_document.hpp"
#include "shared_payment.hpp"

namespace portal::authorizations {

// Procedure 4 fields: 1-3 (the authorization), 4-5 (the request), 6-18, 35, 36 and 38-44 of each authorized
// line, 40, and 45-48 (shared payment).
documents::res2335::MatrixRecord authorization_record(const AuthorizationRequest& r,
                                                      const AuthorizationRecord& a,
                                                      const SharedPayment& payment,
                                                      const DocumentContext& ctx,
                                                      const catalog::Catalogs& catalogs);

RequestDocument render_authorization_document(const AuthorizationRequest& r, const AuthorizationRecord& a,
                                              const SharedPayment& payment, const DocumentContext& ctx,
                                              const catalog::Catalogs& catalogs);

RequestDocument render_denial_document(const AuthorizationRequest& r, const DenialRecord& d,
                                       const DocumentContext& ctx, const catalog::Catalogs& catalogs);

}  // namespace portal::authorizations
