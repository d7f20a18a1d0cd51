// INC-5 / SPEC §13: the document by the regulation in force at the report's date, every field readable back
// (pdftotext, qpdf) with Spanish accents intact.
#include "report_document.hpp"

#include <catch2/catch.hpp>

#include "portal/documents/testing/pdf_tools.hpp"

namespace portal::inconsistencies {
namespace {

using documents::testing::pdf_text;
using documents::testing::qpdf_check;

const catalog::Catalogs& catalogs() {
  static const auto c = catalog::Catalogs::embedded();
  return *c;
}

Report sample(const char* filed_at) {
  Report r;
  r.id = 17;
  r.type = ReportType::data_mismatch;
  r.status = ReportStatus::processed_partial;
  r.filed_at = *core::parse_rfc3339(filed_at);
  r.provider_nit = "900000001";
  r.provider_name = "IPS Demo Salud S.A.S.";
  r.habilitation_code = "080010000101";
  r.draft.affiliate_document_type = "CC";
  r.draft.affiliate_document_number = "1000000003";
  r.draft.variables = {Variable::names, Variable::surnames};
  r.draft.document = {"Peñaranda", "Ríos", "José", "Ángel", "", "", ""};
  r.draft.contact = {"Calle 5 # 4-3",          "6051234",     "3001112233",
                     "jose.angel@example.com", "13",          "13001",
                     "Vereda La Ñapa, casa 2", "Lucía Gómez", "3004445566"};
  r.draft.reporter = {"1001001001", "María Gómez", "6053601000", "", "Coordinadora de admisiones"};
  r.draft.observation = "Cédula de ciudadanía vigente presentada en admisión.";
  RegistryAffiliate reg;
  reg.id = 3;
  reg.document_type = "CC";
  reg.document_number = "1000000003";
  reg.first_name = "Jose";
  reg.first_surname = "Penaranda";
  reg.birth_date = "1974-03-02";
  r.registry = reg;
  r.attachment = {"png", 1234, std::string(64, 'a'), "x"};
  r.steps.push_back({1,
                     ReportStatus::pending,
                     ReportStatus::processed_partial,
                     {Variable::names},
                     "affiliate_corrected",
                     3,
                     "Nombre corregido según la cédula.",
                     "user:102",
                     "2026-05-04T15:00:00Z"});
  return r;
}

DocumentContext context() {
  DocumentContext ctx;
  ctx.insurer = "Mutual Ejemplo EPS-S";
  ctx.payer_code = "ESS999";
  ctx.generated_at = *core::parse_rfc3339("2026-05-04T16:00:00Z");
  return ctx;
}

}  // namespace

TEST_CASE("INC-5 Anexo 1 for reports filed before 1 April 2026 shows every field with accents", "[unit]") {
  const auto doc =
      render_document_in_force(sample("2026-04-01T04:59:00Z"), context(), catalogs());  // 31/03 23:59
  CHECK(doc.file_name == "Anexo1-Informe-17.pdf");
  CHECK(qpdf_check(doc.bytes).exit_code == 0);
  const auto text = pdf_text(doc.bytes);
  for (const char* expected :
       {"INFORME DE POSIBLES INCONSISTENCIAS", "Resolución 3047 de 2008", "Datos del Usuario NO Corresponden",
        "Peñaranda", "Ríos", "José", "Ángel", "Penaranda", "Calle 5 # 4-3", "jose.angel@example.com",
        "Cartagena", "Bolívar", "María Gómez", "Coordinadora de admisiones", "Cédula de ciudadanía vigente",
        "Nombre corregido según la cédula.", "Procesado parcial", "31/03/2026", "Mutual Ejemplo EPS-S"}) {
    CAPTURE(expected);
    CHECK(text.find(expected) != std::string::npos);
  }
}

TEST_CASE("INC-5 the Res. 2335 data update report from 1 April 2026, fields 19-22 included", "[unit]") {
  const auto doc =
      render_document_in_force(sample("2026-04-01T05:00:00Z"), context(), catalogs());  // 01/04 00:00
  CHECK(doc.file_name == "ReporteActualizacionDatos-17.pdf");
  CHECK(qpdf_check(doc.bytes).exit_code == 0);
  const auto text = pdf_text(doc.bytes);
  for (const char* expected :
       {"REPORTE DE ACTUALIZACIÓN DE DATOS DE LA PERSONA", "Resolución 2335 de 2023", "Peñaranda", "José",
        "Ángel", "1000000003", "jose.angel@example.com", "Vereda La Ñapa, casa 2", "Lucía Gómez",
        "3004445566", "Primer y segundo nombre", "María Gómez", "ESS999", "01/04/2026"}) {
    CAPTURE(expected);
    CHECK(text.find(expected) != std::string::npos);
  }
  const auto record = data_update_record(sample("2026-05-04T15:00:00Z"), context(), catalogs());
  CHECK(record.values.at(9).value == "Peñaranda");    // the document's surname (a chosen variable)
  CHECK(record.values.at(14).value == "1000000003");  // the registry's document (not chosen)
  CHECK(record.values.at(19).value == "jose.angel@example.com");
  CHECK(record.values.at(21).value == "Lucía Gómez");
}

}  // namespace portal::inconsistencies
