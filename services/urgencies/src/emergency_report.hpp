#pragma once
// Issue 11 (SPEC §13 REG-1): a notification as procedure 2 of Res. 2335 de 2023, "informe de la atención
// de urgencias" — the numbered matrix values (for the PDF and the application/vnd.portal.res2335+json
// export), and the document in force at the notification's date (the 2335 report from 1 April 2026, the
// 3047 Anexo 2 before). Pure: the context and the catalogs come in.
#include <string>

#include "annex2_pdf.hpp"
#include "portal/catalog/catalogs.hpp"
#include "portal/documents/res2335.hpp"
#include "urgency.hpp"

namespace portal::urgencies {

// The procedure-2 fields of the matrix (1-3, 6-18, 20, 23-32) with their values: codes as the catalogs
// write them, dates as "YYYY-MM-DD" and date-times as "YYYY-MM-DD HH:MM" in Bogotá time (RIPS style); the
// report's display text adds the catalog description and dd/MM/yyyy dates. Fields without a value (no
// alternative address, no referring provider, fewer than three related diagnoses) are left out.
documents::res2335::MatrixRecord emergency_care_record(const Notification& n, const Annex2Context& ctx,
                                                       const catalog::Catalogs& catalogs);

// The 2335 emergency care report as a PDF.
std::string render_emergency_report_pdf(const Notification& n, const Annex2Context& ctx,
                                        const catalog::Catalogs& catalogs);

struct ReportDocument {
  std::string bytes;
  std::string file_name;  // "InformeUrgencias-<n>-<yyyyMMdd>.pdf" or "Anexo2-<n>-<yyyyMMdd>.pdf"
};

// The document in force at the notification's Bogotá date (core::format_in_force).
ReportDocument render_document_in_force(const Notification& n, const Annex2Context& ctx,
                                        const catalog::Catalogs& catalogs);

}  // namespace portal::urgencies
