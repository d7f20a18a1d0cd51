#pragma once
// SPEC §5 (URG-1..URG-4): an emergency notification as the domain sees it — Anexo 2 of Resolución 3047
// de 2008 for records before 1 April 2026, procedure 2 (emergency care report) of Res. 2335 de 2023 from
// then on (SPEC §13, issue 11; docs/regulation.md). Plain structs only: the rules (urgency_rules), the JSON
// mapping (urgency_json), the store (urgency_store) and the PDF (annex2_pdf) all speak these types.
#include <optional>
#include <string>
#include <vector>

#include "portal/core/clock.hpp"
#include "portal/directory/affiliate.hpp"
#include "portal/directory/affiliate_rules.hpp"

namespace portal::urgencies {

// Who is notified about, and the affiliate as the affiliates service answered: shared with the other
// validating services (libs/directory, issue 12).
using directory::AffiliateFacts;
using directory::AffiliateRef;

struct Referral {
  bool is_referred = false;
  std::optional<std::string> provider_name;
  std::optional<std::string> nit;
  std::optional<std::string> habilitation_code;  // Res. 2335 field 27: code of the referring provider (REPS)
  std::optional<std::string> department_code;    // DIVIPOLA, 2 digits
  std::optional<std::string> municipality_code;  // DIVIPOLA, 5 digits
};

// CIE-10 codes: as sent in a draft (rules normalise "o80.0" -> "O800"), canonical once checked; up to 3
// related. The body reads and writes them with libs/directory (request_json), as referrals does.
using Diagnoses = directory::DiagnosisCodes;

// Which generation of body a client sent (issue 11): a Res. 3047 one (attention_origin, destination;
// accepted for old clients and mapped) or a Res. 2335 one (care_cause, admission_route,
// condition_destination).
enum class BodyShape { res3047, res2335 };

// What a caller sends (URG-1). Codes are the catalog codes (attention_origins, destinations, and the
// Res. 2335 lists care_causes, admission_routes, condition_destinations).
struct NotificationDraft {
  std::string attention_number;  // provider's own daily consecutive, 1..20 characters
  AffiliateRef affiliate;
  std::string attention_origin;  // general_illness | occupational_illness | work_accident | traffic_accident
                                 // | catastrophic_event; "" when a 2335 cause has no 3047 origin
  int triage = 0;                // 1..5 (Res. 5596 de 2015)
  Referral referral;
  core::Instant admitted_at{};
  std::string consultation_reason;
  std::string destination;  // home | observation | hospitalization | referral | counter_referral | other
                            // (catalog destinations); "" when a 2335 condition has no 3047 destination
  Diagnoses diagnoses;
  // Agents file on behalf of a provider and must name it; provider users' come from their token.
  std::optional<std::string> provider_nit;
  std::optional<std::string> habilitation_code;

  // Res. 2335 de 2023 procedure 2 (SPEC §13). A 3047-shaped body gets them mapped (res3047_mapping);
  // "" when no mapping exists (a 3047 destination "other" has no condition and destination).
  std::optional<std::string> care_address;  // field 20: alternative address for care
  std::string care_cause;                   // field 23 (care_causes)
  std::string admission_route;              // field 26 (admission_routes)
  std::string condition_destination;        // field 32 (condition_destinations)
  BodyShape shape = BodyShape::res3047;     // what a draft built before issue 11 was
};

// A stored notification: the draft as accepted, plus what the system assigned.
struct Notification {
  long long id = 0;
  std::string provider_nit;
  std::string habilitation_code;
  std::string provider_name;
  NotificationDraft draft;
  AffiliateFacts affiliate;           // snapshot at notification time (the PDF shows it as it was)
  core::Instant notified_at{};        // assigned by the system (URG-1)
  std::string notified_day;           // Bogotá date of notified_at, YYYY-MM-DD (URG-2 uniqueness key)
  std::string created_by;             // subject of the caller's token
  std::vector<std::string> warnings;  // e.g. newborn diagnoses not checked against sex/age
};

// URG-3 filters; every field optional. Dates are Bogotá calendar dates, inclusive.
struct NotificationFilter {
  std::optional<std::string> provider_nit;  // forced to the caller's provider for provider users
  std::optional<std::string> attention_number;
  std::optional<std::string> notified_on;  // with attention_number (the number repeats daily)
  std::optional<std::string> document_type;
  std::optional<std::string> document_number;
  std::optional<std::string> date_from;  // default (no other date filter): today
  std::optional<std::string> date_to;
  std::optional<std::string> department_code;    // patient location: the affiliate's department
  std::optional<std::string> municipality_code;  // patient location: the affiliate's municipality
  std::optional<std::string> principal_diagnosis;
  std::optional<std::string> destination;
  std::optional<bool> newborn;  // "hijo de"
  int page = 1;
  int per_page = 20;
};

}  // namespace portal::urgencies
