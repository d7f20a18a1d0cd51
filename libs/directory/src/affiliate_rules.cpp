// URG-2 affiliate and diagnosis rules, shared by urgencies and authorizations (issue 12).
#include "portal/directory/affiliate_rules.hpp"

#include <algorithm>
#include <chrono>

namespace portal::directory {
namespace {

std::string related_field(std::size_t i) { return "diagnoses.related[" + std::to_string(i) + "]"; }

std::string phone_suffix_es(std::string_view phone) {
  return phone.empty() ? std::string(" de la EPS") : " de la EPS (" + std::string(phone) + ")";
}

std::string phone_suffix_en(std::string_view phone) {
  return phone.empty() ? std::string(" of the EPS") : " of the EPS (" + std::string(phone) + ")";
}

}  // namespace

core::Text newborn_diagnoses_warning_message() {
  return {"Afiliado marcado como \"hijo de\": los diagnósticos no se validan contra sexo y edad",
          "Affiliate marked as a newborn (\"hijo de\"): diagnoses are not checked against sex and age"};
}

PersonFacts person_of(const AffiliateFacts* affiliate, core::Instant now) {
  PersonFacts p;
  if (!affiliate) return p;
  p.newborn = affiliate->is_newborn();
  p.sex = catalog::parse_sex(affiliate->sex);
  if (const auto birth = core::parse_date(affiliate->birth_date)) {
    const auto today = core::bogota_date(now);
    if (std::chrono::sys_days{*birth} <= std::chrono::sys_days{today}) p.age = catalog::age_on(*birth, today);
  }
  return p;
}

bool already_reported(const core::FieldErrors& errors, std::string_view field) {
  return std::any_of(errors.begin(), errors.end(), [&](const core::FieldError& e) {
    if (e.field == field) return true;
    return field.size() > e.field.size() && field.substr(0, e.field.size()) == e.field &&
           (field[e.field.size()] == '.' || field[e.field.size()] == '[');
  });
}

bool affiliate_ref_rejected(const core::FieldErrors& errors) {
  return std::any_of(errors.begin(), errors.end(), [](const core::FieldError& e) {
    return e.field == "affiliate" || e.field.starts_with("affiliate.");
  });
}

std::optional<core::FieldError> check_affiliate(const AffiliateFacts* affiliate, const PersonFacts& person,
                                                std::string_view attention_phone,
                                                const core::FieldErrors& parsed) {
  // The document could not be read, so nobody was looked up: the parse errors already say why.
  if (affiliate_ref_rejected(parsed)) return std::nullopt;
  if (!affiliate) return affiliate_not_found_error(attention_phone);
  // Data the EPS marked inconsistent, or a sex/birth date the rules cannot use: the provider cannot fix
  // that; the EPS's attention line can. (A newborn's sex/age are not needed: its codes are not checked.)
  if (affiliate->data_quality == "inconsistent" || (!person.newborn && !person.checkable())) {
    return affiliate_inconsistent_error(attention_phone);
  }
  return std::nullopt;
}

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

DiagnosisCodes check_diagnoses(const std::string& principal, const std::vector<std::string>& related,
                               const PersonFacts& person, const catalog::Catalogs& catalogs,
                               const core::FieldErrors& parsed, core::FieldErrors& out) {
  std::vector<std::string> seen;
  auto check = [&](const std::string& raw, const std::string& field) -> std::string {
    const std::string code = catalog::normalize_cie10(raw);
    if (raw.empty() || already_reported(parsed, field)) return code;
    if (std::find(seen.begin(), seen.end(), code) != seen.end()) {
      out.push_back({field,
                     "duplicate_diagnosis",
                     {"El diagnóstico " + code + " está repetido", "Diagnosis " + code + " is repeated"}});
      return code;
    }
    seen.push_back(code);
    auto problem = person.checkable() ? catalogs.check_diagnosis(code, *person.sex, *person.age)
                                      : catalogs.check_diagnosis_exists(code);
    if (problem) out.push_back({field, problem->code, std::move(problem->message)});
    return code;
  };
  DiagnosisCodes codes;
  codes.principal = check(principal, "diagnoses.principal");
  for (std::size_t i = 0; i < related.size(); ++i)
    codes.related.push_back(check(related[i], related_field(i)));
  return codes;
}

}  // namespace portal::directory
