#include "demo_reports.hpp"

#include "portal/db/errors.hpp"
#include "portal/security/password.hpp"
#include "report_store.hpp"

namespace portal::inconsistencies {
namespace {

// A one-page PDF that says what it stands for (a scan of an identity document in real life).
std::string demo_pdf(const std::string& who) {
  const std::string text =
      "BT /F1 14 Tf 72 720 Td (Documento de identidad de demostracion: " + who + ") Tj ET";
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  auto object = [&](const std::string& body) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(offsets.size()) + " 0 obj\n" + body + "\nendobj\n";
  };
  object("<< /Type /Catalog /Pages 2 0 R >>");
  object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  object(
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R "
      ">> >> >>");
  object("<< /Length " + std::to_string(text.size()) + " >>\nstream\n" + text + "\nendstream");
  object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  const auto xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(offsets.size() + 1) + "\n0000000000 65535 f \n";
  for (auto o : offsets) {
    char line[24];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", o);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(offsets.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

struct DemoReport {
  ReportType type;
  ReportStatus status;
  ReportDraft draft;
  std::optional<RegistryAffiliate> registry;
  std::vector<ProcessingStep> steps;
  int days_ago;
};

ReportDraft draft(std::string type, std::string number, DocumentData document, std::vector<Variable> vars,
                  std::string municipality) {
  ReportDraft d;
  d.affiliate_document_type = std::move(type);
  d.affiliate_document_number = std::move(number);
  d.document = std::move(document);
  d.variables = std::move(vars);
  d.contact.municipality_code = municipality;
  d.contact.department_code = municipality.substr(0, 2);
  d.contact.address = "Carrera 54 # 68-20";
  d.contact.mobile = "3015550101";
  d.contact.alternative_address = "Calle 30 # 12-05, barrio El Prado";
  d.contact.emergency_contact_name = "Ana Lucía Peñaranda";
  d.contact.emergency_contact_phone = "3015550102";
  d.reporter = {"1001001001", "María Gómez", "6053601000", "3001234567", "Coordinadora de admisiones"};
  d.observation = "El usuario presenta su documento vigente en la admisión.";
  return d;
}

}  // namespace

bool seed_demo_reports(db::Database& db, const AttachmentFiles& files, const core::Clock& clock,
                       const catalog::Catalogs& catalogs) {
  const std::vector<Variable> all{Variable::document_and_birth_date, Variable::names, Variable::surnames};
  RegistryAffiliate barrios;
  barrios.document_type = "CC";
  barrios.document_number = "1000000003";
  barrios.first_name = "Luis";
  barrios.second_name = "Eduardo";
  barrios.first_surname = "Barrios";
  barrios.second_surname = "Orozco";
  barrios.municipality_code = "08001";
  barrios.regional = "atlantico";
  const auto at = [&](int days) { return core::to_rfc3339(clock.now() - std::chrono::days(days)); };
  std::vector<DemoReport> reports{
      {ReportType::not_in_database,
       ReportStatus::pending,
       draft("CC", "1098765432", {"Peñaranda", "Díaz", "Sofía", "Inés", "CC", "1098765432", "1994-08-21"},
             all, "08001"),
       std::nullopt,
       {},
       0},
      {ReportType::not_in_database,
       ReportStatus::processed_not_affiliated,
       draft("CC", "1077000111", {"Ramírez", "", "Óscar", "", "CC", "1077000111", "1980-01-15"}, all,
             "13001"),
       std::nullopt,
       {{0,
         ReportStatus::pending,
         ReportStatus::processed_not_affiliated,
         {},
         "none",
         std::nullopt,
         "Afiliado a otra EPS según la BDUA.",
         "user:auditor",
         at(1)}},
       3},
      {ReportType::data_mismatch,
       ReportStatus::processed_partial,
       draft("CC", "1000000003", {"Barrios", "Orozco", "Luís", "Eduardo", "", "", ""},
             {Variable::names, Variable::surnames}, "08001"),
       barrios,
       {{0,
         ReportStatus::pending,
         ReportStatus::processed_partial,
         {Variable::names},
         "affiliate_corrected",
         std::nullopt,
         "Se corrigió el nombre; los apellidos requieren el registro civil.",
         "user:auditor",
         at(1)}},
       2},
      {ReportType::not_in_database,
       ReportStatus::annulled,
       draft("TI", "1122334455", {"Muñoz", "", "Tomás", "", "TI", "1122334455", "2012-05-30"}, all, "13001"),
       std::nullopt,
       {{0,
         ReportStatus::pending,
         ReportStatus::annulled,
         {},
         "none",
         std::nullopt,
         "Informe duplicado del N.º 1.",
         "user:auditor",
         at(4)}},
       5},
  };
  try {
    return db.write([&](db::Connection& c) {
      if (report_store::count_all(c) > 0) return false;
      for (const auto& d : reports) {
        Report r;
        r.type = d.type;
        r.status = ReportStatus::pending;
        r.filed_at = clock.now() - std::chrono::days(d.days_ago) - std::chrono::hours(2);
        r.provider_nit = "900000001";
        r.provider_name = "IPS Demo Salud S.A.S.";
        r.habilitation_code = "080010000101";
        r.provider_municipality_code = "08001";
        r.provider_municipality_name = "Barranquilla";
        r.draft = d.draft;
        r.registry = d.registry;
        const auto m = catalogs.municipality(d.draft.contact.municipality_code);
        r.regional = d.registry ? d.registry->regional : (m ? m->regional : "");
        r.filed_by = "user:demo";
        const auto bytes = demo_pdf(d.draft.document.first_name + " " + d.draft.document.first_surname);
        r.attachment.kind = "pdf";
        r.attachment.size = static_cast<long long>(bytes.size());
        r.attachment.sha256 = security::sha256_hex(bytes);
        const auto staged = files.stage(bytes, r.attachment.sha256, FileKind::pdf);
        r.attachment.stored_name = staged.stored_name;
        const auto id = report_store::insert(c, r);
        long long version = 1;
        for (const auto& s : d.steps) report_store::apply_step(c, id, version++, s);
        // Renamed at once: a crash before the commit leaves files no report names, which a later start-up
        // removes.
        files.publish(staged);
      }
      return true;
    });
  } catch (const db::UniqueViolation&) {
    return false;
  }
}

}  // namespace portal::inconsistencies
