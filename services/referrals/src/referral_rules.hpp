#pragma once
// REF-1..REF-3 business rules as pure functions over plain structs: the state machine, who may record which
// step, and the registration and step checks. The clock reading, the affiliate (as the affiliates service
// answered), the providers (as auth's registry answered) and the catalogs are parameters; no HTTP, SQL or
// clock in here.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portal/catalog/catalogs.hpp"
#include "portal/core/clock.hpp"
#include "portal/core/errors.hpp"
#include "portal/directory/provider_directory.hpp"
#include "referral.hpp"

namespace portal::referrals {

// Catalog codes the state machine knows by name (libs/catalog referral_steps, closure_reasons).
inline constexpr std::string_view kPatientAccepted = "patient_accepted";
inline constexpr std::string_view kCounterReferral = "counter_referral";
inline constexpr std::string_view kArrivalConfirmed = "arrival_confirmed";
inline constexpr std::string_view kCancelled = "cancelled";
inline constexpr std::string_view kNotApplicable = "not_applicable";

std::string_view to_string(Status s);
std::optional<Status> status_from(std::string_view s);
std::string_view to_string(StepKind k);

// REF-2 (manual 000 Imagen 4.12 and §4.1.4.3):
//   open | in_process + step "patient accepted at IPS"          → in_process
//   open | in_process + any other step                           → unchanged
//   open | in_process + closure "cancelled"                      → closed
//   in_process + closure "arrival confirmed" (after an accepted step) → closed
//   open + closure "arrival confirmed" without an accepted step → refused (acceptance_required, 409)
//   closed + anything                                            → refused (closed, 409)
// `requires_acceptance` is the closure reason's catalog flag; `accepted_before` whether the timeline holds
// a "patient accepted" step.
enum class Refusal { closed, acceptance_required };
struct Transition {
  std::optional<Status> next;
  std::optional<Refusal> refused;
};
Transition transition(Status from, StepKind kind, std::string_view code, bool requires_acceptance,
                      bool accepted_before);

// Which parties a caller speaks for on one referral (SPEC §1 and REF-2): the EPS (agents, integrators bound
// to the EPS) acts on every step; a provider's users for the origin and/or the destination side.
struct Parties {
  bool eps = false;
  bool origin = false;
  bool destination = false;
  bool any() const { return eps || origin || destination; }
};
Parties parties_of(const std::optional<std::string>& own_provider, bool eps, const Referral& r);
// A step's or closure's `side` column (origin | destination | eps | any) against the caller's parties.
bool side_allows(std::string_view side, const Parties& parties);

struct RegistrationResult {
  core::FieldErrors errors;  // every invalid field: the parse errors first, then the rules'
  std::vector<std::string> warnings;
  ReferralDraft draft;  // diagnoses canonical; registered providers' name and place from the registry
  bool ok() const { return errors.empty(); }
};

// What auth's registry answered for a registered origin or destination ({nit, habilitation_code}):
// nullptr = no such provider. Ignored for unregistered ones.
struct ProviderAnswers {
  const directory::ProviderInfo* origin = nullptr;
  const directory::ProviderInfo* destination = nullptr;
};

// REF-1 on a parsed draft. Fields and codes:
//   affiliate                  affiliate_not_found | affiliate_inconsistent (URG-2, libs/directory)
//   referral_type, origin_service, requested_service, ambulance_type, transfer_type, res2335 codes
//                              invalid_value (not in the catalog)
//   origin.*, destination.*    unknown_provider | unknown_branch (registered); name, department_code,
//                              municipality_code required (unregistered) | unknown_department |
//                              unknown_municipality | municipality_not_in_department
//   destination                same_as_origin
//   diagnoses.*                unknown_code | sex_mismatch | age_out_of_range | duplicate_diagnosis;
//   newborns:
//                              existence only, warning newborn_diagnoses_not_checked
//   transfer_type, transfer_requirements   required_with_ambulance | only_with_ambulance
RegistrationResult validate_registration(const ReferralDraft& draft, const AffiliateFacts* affiliate,
                                         const ProviderAnswers& providers, core::Instant now,
                                         const catalog::Catalogs& catalogs, std::string_view attention_phone,
                                         core::FieldErrors parse_errors = {});

struct StepCheck {
  core::FieldErrors errors;
  std::vector<std::string> warnings;
  StepDraft draft;  // diagnoses canonical
  bool ok() const { return errors.empty(); }
};

// REF-2/REF-3 on a parsed step: the catalogs (step, closure_reason, arrival_condition: "not_applicable" only
// when cancelling), and the updates as at registration (diagnoses against the affiliate snapshot, the
// ambulance rule against the referral's transfer data as it stands).
StepCheck validate_step(const StepDraft& step, const Referral& r, core::Instant now,
                        const catalog::Catalogs& catalogs, core::FieldErrors parse_errors = {});

// The referral's clinical data as it stands: the initial data with each step's updates applied in order
// (REF-3: what the timeline shows the initial data became; the initial data itself is never changed).
ClinicalUpdate current_clinical_data(const Referral& r);

bool accepted_before(const Referral& r);

// The affiliate key of the one-open-referral rule (REF-1): document type and number, and the child number
// of a newborn ("hijo de"), whose referral is separate from the mother's.
std::string affiliate_key(const AffiliateRef& ref);

core::Text warning_message(std::string_view code);

}  // namespace portal::referrals
