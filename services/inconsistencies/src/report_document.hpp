#pragma once
// INC-5 and SPEC §13: the document of a report, by the regulation in force at its filing date
// (core::format_in_force): before 1 April 2026 the Anexo 1 of Res. 3047 de 2008 ("Informe de posibles
// inconsistencias en la base de datos de la entidad responsable del pago"), every field of the manual's
// form; from then on procedure 1 of Res. 2335 de 2023, the data update report of the person (libs/documents'
// matrix report), which adds the person's e-mail, alternative address and emergency contact (fields 19-22).
#include <string>

#include "portal/catalog/catalogs.hpp"
#include "portal/core/clock.hpp"
#include "portal/documents/res2335.hpp"
#include "report.hpp"

namespace portal::inconsistencies {

struct DocumentContext {
  std::string insurer;     // PORTAL_PAYER_NAME
  std::string payer_code;  // PORTAL_PAYER_CODE
  std::string provider_email;
  std::string provider_address;
  std::string provider_department_name;
  std::string provider_municipality_name;
  core::Instant generated_at{};
};

struct ReportDocument {
  std::string bytes;
  std::string file_name;  // "Anexo1-Informe-<n>.pdf" | "ReporteActualizacionDatos-<n>.pdf"
};

std::string render_annex1_pdf(const Report& r, const DocumentContext& ctx, const catalog::Catalogs& catalogs);
documents::res2335::MatrixRecord data_update_record(const Report& r, const DocumentContext& ctx,
                                                    const catalog::Catalogs& catalogs);
std::string render_data_update_pdf(const Report& r, const DocumentContext& ctx,
                                   const catalog::Catalogs& catalogs);
ReportDocument render_document_in_force(const Report& r, const DocumentContext& ctx,
                                        const catalog::Catalogs& catalogs);

}  // namespace portal::inconsistencies
