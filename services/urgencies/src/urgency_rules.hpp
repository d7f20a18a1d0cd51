#pragma once
// URG-2 business rules of an emergency notification, as pure functions: the clock reading (`now`), the
// affiliate (as the affiliates service answered) and the catalogs are parameters, so every rule is
// testable with an injected instant and the real embedded catalogs. No HTTP, SQL or clock in here.
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "portal/catalog/catalogs.hpp"
#include "portal/core/clock.hpp"
#include "portal/core/errors.hpp"
#include "portal/directory/affiliate_rules.hpp"
#include "urgency.hpp"

namespace portal::urgencies {

// URG-2: the admission may be at most this long before the notification (inclusive).
inline constexpr std::chrono::hours kMaxAdmissionAge{24};

// Warning codes kept in Notification::warnings (messages via warning_message).
inline constexpr std::string_view kNewbornDiagnosesNotChecked = directory::kNewbornDiagnosesNotChecked;
// Issue 11: a Res. 3047-shaped body was accepted and mapped (old clients: move to the 2335 fields).
inline constexpr std::string_view kRes3047BodyMapped = "res3047_body_mapped";
// Issue 11: the 3047 destination has no 2335 condition and destination (destination "other").
inline constexpr std::string_view kConditionDestinationNotMapped = "condition_destination_not_mapped";

struct RulesResult {
  // Every invalid field: the parse errors passed in first, then the rule errors (SPEC §2: all at once).
  core::FieldErrors errors;
  // Warning codes for Notification::warnings (accepted notifications only).
  std::vector<std::string> warnings;
  // The diagnoses in canonical CIE-10 form ("o80.0" -> "O800"), what the store keeps.
  Diagnoses diagnoses;

  bool ok() const { return errors.empty(); }
};

// URG-2 on a parsed draft. `affiliate` is nullptr when the affiliates service did not find the person
// (error `affiliate`/`affiliate_not_found`; the other checks still run, diagnoses for existence only).
// `parse_errors` are the errors parse_notification reported: they are returned first, and a rule whose
// input already failed parsing is skipped (no second error for the same field; with an error on
// `affiliate` or `affiliate.*` no affiliate error is added, pass nullptr as nobody could be looked up).
// `attention_phone` is the EPS attention line the affiliate messages point to (PORTAL_ATTENTION_PHONE).
//
// Fields and codes:
//   admitted_at            admitted_in_future | admitted_too_early (more than 24 h before now; 24 h is fine)
//   diagnoses.principal    unknown_code | sex_mismatch | age_out_of_range   (message names the code)
//   diagnoses.related[i]   unknown_code | sex_mismatch | age_out_of_range | duplicate_diagnosis
//   referral.provider_name, referral.department_code, referral.municipality_code   required (referred
//                          patients)
//   affiliate              affiliate_not_found | affiliate_inconsistent (data_quality "inconsistent", or a
//                          sex/birth date the rules cannot read)
// Res. 2335 procedure 2, for 2335-shaped bodies only (a 3047 body of an old client keeps its old rules):
//   referral.habilitation_code   required (referred patient: field 27) | invalid_format (not 12 digits,
//                                the REPS code of the referring branch)
//   admission_route        inconsistent_with_referral (13 "referido de otra institución" if and only if
//                          referral.is_referred)
//   care_cause             sex_mismatch (34-36, voluntary interruption of pregnancy, for a male affiliate)
// Newborn ("hijo de") affiliates: diagnoses are only checked to exist, and the warning
// newborn_diagnoses_not_checked is returned (manual 000). Suspended or retired affiliates are accepted
// (Ley 1751 art. 14: emergency care needs no authorization).
RulesResult validate_notification(const NotificationDraft& draft, const AffiliateFacts* affiliate,
                                  core::Instant now, const catalog::Catalogs& catalogs,
                                  std::string_view attention_phone, core::FieldErrors parse_errors = {});
// Same, for a found affiliate.
RulesResult validate_notification(const NotificationDraft& draft, const AffiliateFacts& affiliate,
                                  core::Instant now, const catalog::Catalogs& catalogs,
                                  std::string_view attention_phone, core::FieldErrors parse_errors = {});

// Issue 11: warnings for a Res. 3047-shaped body of an old client (accepted and mapped; destination
// "other" without a 2335 condition). Empty for a 2335 body.
std::vector<std::string> mapping_warnings(const NotificationDraft& draft);

// URG-2 uniqueness key: the Bogotá calendar date (YYYY-MM-DD) of the notification instant. 23:30 in
// Bogotá (04:30Z of the next UTC day) still belongs to the earlier Bogotá day.
std::string notification_day(core::Instant notified_at);

// The field errors about the affiliate, worded once (libs/directory) so routes and rules say the same thing.
using directory::affiliate_inconsistent_error;
using directory::affiliate_not_found_error;

// Message of a warning code in both languages (the code itself for an unknown one).
core::Text warning_message(std::string_view code);

}  // namespace portal::urgencies
