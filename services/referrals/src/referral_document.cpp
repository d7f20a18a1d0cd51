// SPEC §13: procedures 5 and 6 of Res. 2335 de 2023 from a stored referral. The layout is libs/documents' one
// matrix report; this file only says which value goes in which numbered field.
#include "referral_document.hpp"

#include "portal/documents/date_format.hpp"
#include "referral_rules.hpp"

namespace portal::referrals {
namespace {

using documents::Field;
using documents::res2335::coded;
using documents::res2335::coded_municipality;
using documents::res2335::matrix_date_time;
using documents::res2335::MatrixRecord;
using documents::res2335::MatrixValue;
using documents::res2335::Procedure;
using documents::res2335::set;

void set_opt(MatrixRecord& r, int number, const std::optional<std::string>& value,
             const catalog::Catalogs& catalogs, std::string_view catalog_name = {}) {
  if (!value) return;
  set(r, number, *value, catalog_name.empty() ? std::string{} : coded(catalogs, catalog_name, *value));
}

std::string provider_code(const ProviderRef& p) { return p.habilitation_code.value_or(p.nit); }

// Fields 1-4, 6-23 and 33-39 shared by both procedures: who reports, the person, the care requested.
void common(MatrixRecord& r, const Referral& ref, const ProviderRef& reporter, const DocumentContext& ctx,
            const catalog::Catalogs& catalogs, core::Instant at, const std::string& consecutive) {
  const auto& d = ref.draft;
  const auto& a = ref.affiliate;
  documents::res2335::set_procedure(r);
  set(r, 2, consecutive);
  set(r, 3, matrix_date_time(at), documents::format_bogota_date_time(at));
  set(r, 4, std::to_string(ref.id));
  set(r, 6, reporter.nit);
  set(r, 7, provider_code(reporter), provider_code(reporter) + " - " + reporter.name);
  set(r, 8, ctx.payer_code, ctx.payer_name.empty() ? "" : ctx.payer_code + " - " + ctx.payer_name);
  set(r, 9, a.first_surname);
  set(r, 10, a.second_surname);
  set(r, 11, a.first_name);
  set(r, 12, a.second_name);
  set(r, 13, a.document_type, coded(catalogs, catalog::kDocumentTypes, a.document_type));
  const std::optional<int> child = a.child_number ? a.child_number : d.affiliate.child_number;
  set(r, 14, a.document_number,
      child ? a.document_number + " (hijo n.º " + std::to_string(*child) + " de la titular del documento)"
            : std::string{});
  set(r, 15, a.birth_date, documents::format_plain_date(a.birth_date));
  set(r, 16, a.address);
  set(r, 17, a.phone);
  set(r, 18, a.municipality_code, coded_municipality(catalogs, a.municipality_code));
  const auto& f = d.res2335;
  set_opt(r, 19, f.email, catalogs);
  set_opt(r, 20, f.care_address, catalogs);
  set_opt(r, 21, f.emergency_contact_name, catalogs);
  set_opt(r, 22, f.emergency_contact_phone, catalogs);
  set_opt(r, 23, f.care_cause, catalogs, catalog::kCareCauses);
  set_opt(r, 33, f.care_priority, catalogs, catalog::kCarePriorities);
  set_opt(r, 34, f.care_type, catalogs, catalog::kCareTypes);
  set_opt(r, 35, f.service_group, catalogs, catalog::kRepsServiceGroups);
  set_opt(r, 36, f.modality, catalogs, catalog::kTechnologyModalities);
  set_opt(r, 37, f.service_code, catalogs);
  for (const auto& p : f.procedures) {
    std::map<int, MatrixValue> line;
    const auto found = catalogs.procedures(p.cups_code);
    line[38] = MatrixValue{p.cups_code, found.empty() ? "" : p.cups_code + " - " + found.front().description};
    line[39] = MatrixValue{std::to_string(p.quantity), ""};
    r.lines.push_back(std::move(line));
  }
}

std::string render(const MatrixRecord& record, const Referral& r, const ProviderRef& reporter,
                   const DocumentContext& ctx, const std::string& title, const std::string& note) {
  documents::DocumentOptions options;
  options.title = title;
  options.subtitle =
      "Procedimiento " + std::to_string(static_cast<int>(record.procedure)) +
      " · Anexo Técnico No. 1 · Resolución 2335 de 2023 · Ministerio de Salud y Protección Social";
  options.issuer = reporter.name + " · NIT " + reporter.nit;
  options.payer = "Entidad responsable del pago: " + ctx.payer_name +
                  (ctx.payer_code.empty() ? "" : " (" + ctx.payer_code + ")");
  options.generated_at = ctx.generated_at;
  options.footer_note = note;
  options.info_title = "Res. 2335 de 2023 - " + note;
  options.info_author = reporter.name;
  const auto& other = &reporter == &r.draft.origin ? r.draft.destination : r.draft.origin;
  const std::vector<std::vector<Field>> extra = {
      {Field::text("IPS que reporta", reporter.name, 0.5), Field::text("NIT", reporter.nit, 0.2),
       Field::text("Código", provider_code(reporter), 0.3)},
      {Field::text(&reporter == &r.draft.origin ? "IPS de destino" : "IPS a la que se contrarremite",
                   other.name, 0.5),
       Field::text("NIT", other.nit, 0.2), Field::text("Código", provider_code(other), 0.3)}};
  return documents::res2335::render_report(record, std::move(options), extra);
}

}  // namespace

std::vector<const Step*> counter_referrals(const Referral& r) {
  std::vector<const Step*> out;
  for (const auto& s : r.timeline)
    if (s.draft.kind == StepKind::step && s.draft.step == kCounterReferral) out.push_back(&s);
  return out;
}

MatrixRecord referral_record(const Referral& r, const DocumentContext& ctx,
                             const catalog::Catalogs& catalogs) {
  MatrixRecord record;
  record.procedure = Procedure::referral;
  common(record, r, r.draft.origin, ctx, catalogs, r.created_at, std::to_string(r.id));
  set(record, 27, provider_code(r.draft.origin), provider_code(r.draft.origin) + " - " + r.draft.origin.name);
  documents::res2335::set_diagnoses(record, catalogs, r.draft.diagnoses.principal, r.draft.diagnoses.related);
  const auto condition = r.draft.res2335.condition_destination.value_or("04");
  set(record, 32, condition, coded(catalogs, catalog::kConditionDestinations, condition));
  return record;
}

MatrixRecord counter_referral_record(const Referral& r, const Step& step, const DocumentContext& ctx,
                                     const catalog::Catalogs& catalogs) {
  MatrixRecord record;
  record.procedure = Procedure::counter_referral;
  common(record, r, r.draft.destination, ctx, catalogs, step.at,
         std::to_string(r.id) + "-" + std::to_string(step.seq));
  set(record, 27, provider_code(r.draft.destination),
      provider_code(r.draft.destination) + " - " + r.draft.destination.name);
  // The clinical data as the referral stood after this step (REF-3: the steps' updates, in order).
  Referral upto = r;
  upto.timeline.clear();
  for (const auto& s : r.timeline) {
    upto.timeline.push_back(s);
    if (s.seq == step.seq) break;
  }
  const auto current = current_clinical_data(upto);
  const DiagnosisCodes diagnoses = current.diagnoses.value_or(r.draft.diagnoses);
  documents::res2335::set_diagnoses(record, catalogs, diagnoses.principal, diagnoses.related);
  const auto condition = step.draft.condition_destination.value_or("05");
  set(record, 32, condition, coded(catalogs, catalog::kConditionDestinations, condition));
  return record;
}

ReferralDocument render_referral_pdf(const Referral& r, const DocumentContext& ctx,
                                     const catalog::Catalogs& catalogs) {
  return {render(referral_record(r, ctx, catalogs), r, r.draft.origin, ctx, "REFERENCIA DE PACIENTES",
                 "Referencia " + std::to_string(r.id)),
          "Referencia-" + std::to_string(r.id) + "-" + documents::compact_bogota_date(r.created_at) + ".pdf"};
}

ReferralDocument render_counter_referral_pdf(const Referral& r, const Step& step, const DocumentContext& ctx,
                                             const catalog::Catalogs& catalogs) {
  return {render(counter_referral_record(r, step, ctx, catalogs), r, r.draft.destination, ctx,
                 "CONTRARREFERENCIA DE PACIENTES",
                 "Contrarreferencia " + std::to_string(r.id) + "-" + std::to_string(step.seq)),
          "Contrarreferencia-" + std::to_string(r.id) + "-" + std::to_string(step.seq) + "-" +
              documents::compact_bogota_date(step.at) + ".pdf"};
}

}  // namespace portal::referrals
