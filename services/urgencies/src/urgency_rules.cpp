// URG-2: the business rules of an emergency notification over an already parsed draft.
#include "urgency_rules.hpp"

#include <algorithm>
#include <utility>

namespace portal::urgencies {
namespace {

using catalog::Catalogs;
using directory::already_reported;

constexpr std::string_view kAdmittedAt = "admitted_at";

void check_admission(const NotificationDraft& draft, core::Instant now, const core::FieldErrors& parsed,
                     core::FieldErrors& out) {
  if (already_reported(parsed, kAdmittedAt)) return;
  if (draft.admitted_at > now) {
    out.push_back({std::string(kAdmittedAt),
                   "admitted_in_future",
                   {"La fecha y hora de ingreso no puede ser posterior a la notificación",
                    "The admission date-time cannot be later than the notification"}});
  } else if (now - draft.admitted_at > kMaxAdmissionAge) {
    out.push_back({std::string(kAdmittedAt),
                   "admitted_too_early",
                   {"La fecha y hora de ingreso no puede ser de más de 24 horas antes de la notificación",
                    "The admission date-time cannot be more than 24 hours before the notification"}});
  }
}

// URG-1/URG-2: a referred patient names the referring provider and where it is.
void check_referral(const Referral& referral, const core::FieldErrors& parsed, core::FieldErrors& out) {
  if (!referral.is_referred) return;
  const auto missing = [](const std::optional<std::string>& v) { return !v || v->empty(); };
  const std::pair<std::string_view, const std::optional<std::string>*> required[] = {
      {"referral.provider_name", &referral.provider_name},
      {"referral.department_code", &referral.department_code},
      {"referral.municipality_code", &referral.municipality_code},
  };
  for (const auto& [field, value] : required) {
    if (!missing(*value) || already_reported(parsed, field)) continue;
    out.push_back({std::string(field),
                   "required",
                   {"Es obligatorio para un paciente remitido", "Required for a referred patient"}});
  }
}

bool twelve_digits(const std::string& s) {
  return s.size() == 12 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Issue 11: the procedure-2 fields a 2335 body adds (SPEC §13 REG-1 fields 23, 26, 27).
void check_res2335(const NotificationDraft& draft, const AffiliateFacts* affiliate,
                   const core::FieldErrors& parsed, core::FieldErrors& out) {
  if (draft.shape != BodyShape::res2335) return;
  const Referral& r = draft.referral;
  constexpr std::string_view kReferringCode = "referral.habilitation_code";
  if (!already_reported(parsed, kReferringCode)) {
    if (r.is_referred && (!r.habilitation_code || r.habilitation_code->empty())) {
      out.push_back({std::string(kReferringCode),
                     "required",
                     {"Es obligatorio para un paciente remitido (campo 27 de la Res. 2335 de 2023)",
                      "Required for a referred patient (field 27 of Res. 2335 de 2023)"}});
    } else if (r.habilitation_code && !twelve_digits(*r.habilitation_code)) {
      out.push_back({std::string(kReferringCode),
                     "invalid_format",
                     {"Debe ser el código REPS de la sede que remite: 12 dígitos",
                      "Must be the REPS code of the referring branch: 12 digits"}});
    }
  }
  constexpr std::string_view kReferredRoute = "13";  // admission_routes: "Referido de otra institución"
  if (!draft.admission_route.empty() && !already_reported(parsed, "admission_route") &&
      !already_reported(parsed, "referral") && (draft.admission_route == kReferredRoute) != r.is_referred) {
    out.push_back(
        {"admission_route", "inconsistent_with_referral",
         r.is_referred
             ? core::Text{"Un paciente remitido ingresa por la vía 13 (referido de otra institución)",
                          "A referred patient's admission route is 13 (referred by another institution)"}
             : core::Text{"La vía 13 (referido de otra institución) exige indicar la remisión en referral",
                          "Route 13 (referred by another institution) requires the referral to be given"}});
  }
  // 34-36: voluntary interruption of pregnancy (IVE) causes.
  const std::string& cause = draft.care_cause;
  if (affiliate && !affiliate->is_newborn() && (cause == "34" || cause == "35" || cause == "36") &&
      catalog::parse_sex(affiliate->sex) == catalog::Sex::male) {
    out.push_back(
        {"care_cause",
         "sex_mismatch",
         {"La causa " + cause + " (interrupción voluntaria del embarazo) no corresponde al sexo del afiliado",
          "Cause " + cause + " (voluntary interruption of pregnancy) does not fit the affiliate's sex"}});
  }
}

}  // namespace

RulesResult validate_notification(const NotificationDraft& draft, const AffiliateFacts* affiliate,
                                  core::Instant now, const catalog::Catalogs& catalogs,
                                  std::string_view attention_phone, core::FieldErrors parse_errors) {
  RulesResult result;
  result.errors = std::move(parse_errors);
  const core::FieldErrors parsed = result.errors;  // the rules below only append

  const directory::PersonFacts person = directory::person_of(affiliate, now);
  if (auto error = directory::check_affiliate(affiliate, person, attention_phone, parsed)) {
    result.errors.push_back(std::move(*error));
  }
  // Suspended or retired affiliates are deliberately not checked (Ley 1751 art. 14).

  check_admission(draft, now, parsed, result.errors);
  auto codes = directory::check_diagnoses(draft.diagnoses.principal, draft.diagnoses.related, person,
                                          catalogs, parsed, result.errors);
  result.diagnoses = {std::move(codes.principal), std::move(codes.related)};
  check_referral(draft.referral, parsed, result.errors);
  check_res2335(draft, affiliate, parsed, result.errors);

  if (person.newborn) result.warnings.emplace_back(kNewbornDiagnosesNotChecked);

  return result;
}

RulesResult validate_notification(const NotificationDraft& draft, const AffiliateFacts& affiliate,
                                  core::Instant now, const catalog::Catalogs& catalogs,
                                  std::string_view attention_phone, core::FieldErrors parse_errors) {
  return validate_notification(draft, &affiliate, now, catalogs, attention_phone, std::move(parse_errors));
}

std::vector<std::string> mapping_warnings(const NotificationDraft& draft) {
  std::vector<std::string> out;
  if (draft.shape != BodyShape::res3047) return out;
  out.emplace_back(kRes3047BodyMapped);
  if (draft.condition_destination.empty()) out.emplace_back(kConditionDestinationNotMapped);
  return out;
}

std::string notification_day(core::Instant notified_at) { return core::bogota_date_string(notified_at); }

core::Text warning_message(std::string_view code) {
  if (code == kNewbornDiagnosesNotChecked) return directory::newborn_diagnoses_warning_message();
  if (code == kRes3047BodyMapped) {
    return {
        "Notificación recibida en el formato de la Res. 3047 de 2008 (derogada desde el 1 de abril de "
        "2026): sus valores se asignaron a los campos de la Res. 2335 de 2023; envíe care_cause, "
        "admission_route y condition_destination",
        "Notification received in the Res. 3047 de 2008 format (repealed from 1 April 2026): its values "
        "were mapped to the Res. 2335 de 2023 fields; send care_cause, admission_route and "
        "condition_destination"};
  }
  if (code == kConditionDestinationNotMapped) {
    return {
        "El destino «otro» de la Res. 3047 no tiene equivalente en la condición y destino de la persona "
        "(campo 32 de la Res. 2335); envíe condition_destination",
        "Destination \"other\" of Res. 3047 has no equivalent condition and destination (field 32 of "
        "Res. 2335); send condition_destination"};
  }
  return {std::string(code), std::string(code)};
}

}  // namespace portal::urgencies
