// URG-2: the business rules of an emergency notification over an already parsed draft.
#include "urgency_rules.hpp"

#include <algorithm>
#include <utility>

namespace portal::urgencies {
namespace {

using catalog::Catalogs;

constexpr std::string_view kAdmittedAt = "admitted_at";
constexpr std::string_view kPrincipal = "diagnoses.principal";

std::string related_field(std::size_t i) { return "diagnoses.related[" + std::to_string(i) + "]"; }

// A field the parser already rejected (itself, or the object/array holding it) is not checked again.
bool already_reported(const core::FieldErrors& errors, std::string_view field) {
  return std::any_of(errors.begin(), errors.end(), [&](const core::FieldError& e) {
    if (e.field == field) return true;
    // "diagnoses" rejected as a whole covers "diagnoses.principal"; "diagnoses.related" covers its items.
    return field.size() > e.field.size() && field.substr(0, e.field.size()) == e.field &&
           (field[e.field.size()] == '.' || field[e.field.size()] == '[');
  });
}

// An error on "affiliate" or one of its members ("affiliate.document_number").
bool affiliate_ref_rejected(const core::FieldErrors& errors) {
  return std::any_of(errors.begin(), errors.end(), [](const core::FieldError& e) {
    return e.field == "affiliate" || e.field.starts_with("affiliate.");
  });
}

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

// What the diagnosis rules know about the person: nothing (not found / unreadable), or sex and age.
struct Person {
  bool newborn = false;
  std::optional<catalog::Sex> sex;
  std::optional<catalog::Age> age;
  bool checkable() const { return !newborn && sex && age; }
};

Person person_of(const AffiliateFacts* affiliate, core::Instant now) {
  Person p;
  if (!affiliate) return p;
  p.newborn = affiliate->is_newborn();
  p.sex = catalog::parse_sex(affiliate->sex);
  if (const auto birth = core::parse_date(affiliate->birth_date)) {
    const auto today = core::bogota_date(now);
    if (std::chrono::sys_days{*birth} <= std::chrono::sys_days{today}) p.age = catalog::age_on(*birth, today);
  }
  return p;
}

std::optional<catalog::DiagnosisProblem> check_code(const std::string& code, const Person& person,
                                                    const Catalogs& catalogs) {
  if (person.checkable()) return catalogs.check_diagnosis(code, *person.sex, *person.age);
  return catalogs.check_diagnosis_exists(code);
}

// Every diagnosis: exists, fits sex and age (not for newborns), and is not repeated. Fills the
// normalised diagnoses in the result.
void check_diagnoses(const NotificationDraft& draft, const Person& person, const Catalogs& catalogs,
                     const core::FieldErrors& parsed, RulesResult& result) {
  std::vector<std::string> seen;
  auto check = [&](const std::string& raw, const std::string& field) -> std::string {
    const std::string code = catalog::normalize_cie10(raw);
    if (raw.empty() || already_reported(parsed, field)) return code;
    if (std::find(seen.begin(), seen.end(), code) != seen.end()) {
      result.errors.push_back(
          {field,
           "duplicate_diagnosis",
           {"El diagnóstico " + code + " está repetido", "Diagnosis " + code + " is repeated"}});
      return code;
    }
    seen.push_back(code);
    if (auto problem = check_code(code, person, catalogs)) {
      result.errors.push_back({field, problem->code, std::move(problem->message)});
    }
    return code;
  };
  result.diagnoses.principal = check(draft.diagnoses.principal, std::string(kPrincipal));
  result.diagnoses.related.clear();
  for (std::size_t i = 0; i < draft.diagnoses.related.size(); ++i) {
    result.diagnoses.related.push_back(check(draft.diagnoses.related[i], related_field(i)));
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

std::string phone_suffix_es(std::string_view phone) {
  return phone.empty() ? std::string(" de la EPS") : " de la EPS (" + std::string(phone) + ")";
}

std::string phone_suffix_en(std::string_view phone) {
  return phone.empty() ? std::string(" of the EPS") : " of the EPS (" + std::string(phone) + ")";
}

}  // namespace

RulesResult validate_notification(const NotificationDraft& draft, const AffiliateFacts* affiliate,
                                  core::Instant now, const catalog::Catalogs& catalogs,
                                  std::string_view attention_phone, core::FieldErrors parse_errors) {
  RulesResult result;
  result.errors = std::move(parse_errors);
  const core::FieldErrors parsed = result.errors;  // the rules below only append

  const Person person = person_of(affiliate, now);
  if (affiliate_ref_rejected(parsed)) {
    // The document could not be read, so nobody was looked up: the parse errors already say why.
  } else if (!affiliate) {
    result.errors.push_back(affiliate_not_found_error(attention_phone));
  } else if (affiliate->data_quality == "inconsistent" || (!person.newborn && !person.checkable())) {
    // Data the EPS marked inconsistent, or a sex/birth date the rules cannot use: the provider cannot fix
    // that; the EPS's attention line can. (A newborn's sex/age are not needed: its codes are not checked.)
    result.errors.push_back(affiliate_inconsistent_error(attention_phone));
  }
  // Suspended or retired affiliates are deliberately not checked (Ley 1751 art. 14).

  check_admission(draft, now, parsed, result.errors);
  check_diagnoses(draft, person, catalogs, parsed, result);
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

core::FieldError affiliate_not_found_error(std::string_view attention_phone) {
  return {
      "affiliate",
      "affiliate_not_found",
      {"El afiliado no se encuentra en la base de datos; comuníquese con la línea de atención" +
           phone_suffix_es(attention_phone),
       "The affiliate is not in the database; call the attention line" + phone_suffix_en(attention_phone)}};
}

core::FieldError affiliate_inconsistent_error(std::string_view attention_phone) {
  return {
      "affiliate",
      "affiliate_inconsistent",
      {"Los datos del afiliado presentan inconsistencias; comuníquese con la línea de atención" +
           phone_suffix_es(attention_phone),
       "The affiliate's data are inconsistent; call the attention line" + phone_suffix_en(attention_phone)}};
}

core::Text warning_message(std::string_view code) {
  if (code == kNewbornDiagnosesNotChecked) {
    return {"Afiliado marcado como \"hijo de\": los diagnósticos no se validan contra sexo y edad",
            "Affiliate marked as a newborn (\"hijo de\"): diagnoses are not checked against sex and age"};
  }
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
