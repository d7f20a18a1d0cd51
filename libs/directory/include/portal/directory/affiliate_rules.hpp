#pragma once
// The URG-2 rules about the affiliate and the diagnoses, shared by every request a provider files about a
// person (URG-2 notifications, AUT-1 authorization requests): pure functions over the affiliate as the
// affiliates service answered, the clock reading and the catalogs. Moved from services/urgencies (issue 12).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portal/catalog/catalogs.hpp"
#include "portal/core/clock.hpp"
#include "portal/core/errors.hpp"
#include "portal/directory/affiliate.hpp"

namespace portal::directory {

// Warning: a newborn "hijo de" had its diagnoses checked for existence only (manual 000).
inline constexpr std::string_view kNewbornDiagnosesNotChecked = "newborn_diagnoses_not_checked";
core::Text newborn_diagnoses_warning_message();

// What the diagnosis rules know about the person: nothing (not found / unreadable), or sex and age on
// the Bogotá date of `now`.
struct PersonFacts {
  bool newborn = false;
  std::optional<catalog::Sex> sex;
  std::optional<catalog::Age> age;
  bool checkable() const { return !newborn && sex && age; }
};
PersonFacts person_of(const AffiliateFacts* affiliate, core::Instant now);

// A field the parser already rejected (itself, or the object/array holding it: "diagnoses" covers
// "diagnoses.principal", "procedures" covers "procedures[0].quantity") is not checked again.
bool already_reported(const core::FieldErrors& errors, std::string_view field);
// An error on "affiliate" or one of its members ("affiliate.document_number"): nobody was looked up.
bool affiliate_ref_rejected(const core::FieldErrors& errors);

// The affiliate error of a request: affiliate_not_found (nullptr), affiliate_inconsistent (data_quality
// "inconsistent", or a sex/birth date the rules cannot read, newborns excepted), or none. Nothing when the
// parse already rejected the affiliate reference. Status (suspended, retired) is not judged here: each
// service decides (emergency care needs no authorization; AUT-2 holds the request as pending).
std::optional<core::FieldError> check_affiliate(const AffiliateFacts* affiliate, const PersonFacts& person,
                                                std::string_view attention_phone,
                                                const core::FieldErrors& parsed);

core::FieldError affiliate_not_found_error(std::string_view attention_phone);
core::FieldError affiliate_inconsistent_error(std::string_view attention_phone);

// CIE-10 codes in canonical form ("o80.0" -> "O800"), as stored.
struct DiagnosisCodes {
  std::string principal;
  std::vector<std::string> related;
};

// Every diagnosis: exists in CIE-10, fits the person's sex and age (not for newborns: existence only),
// and is not repeated. Fields "diagnoses.principal" and "diagnoses.related[i]"; codes unknown_code,
// sex_mismatch, age_out_of_range, duplicate_diagnosis. Errors are appended to `out`.
DiagnosisCodes check_diagnoses(const std::string& principal, const std::vector<std::string>& related,
                               const PersonFacts& person, const catalog::Catalogs& catalogs,
                               const core::FieldErrors& parsed, core::FieldErrors& out);

}  // namespace portal::directory
