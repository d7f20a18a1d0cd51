#pragma once
// SPEC §7 (REF-1..REF-4, issue 16): a referral (referencia) as the domain sees it — procedure 5 of Res. 2335
// de 2023 Anexo Técnico 1, and its counter-referral (contrarreferencia) procedure 6 (SPEC §13). Plain structs
// only: the rules (referral_rules), the JSON mapping (referral_json), the store and the documents speak
// these types.
#include <optional>
#include <string>
#include <vector>

#include "portal/core/clock.hpp"
#include "portal/directory/affiliate.hpp"
#include "portal/directory/affiliate_rules.hpp"

namespace portal::referrals {

using directory::AffiliateFacts;
using directory::AffiliateRef;
using directory::DiagnosisCodes;

// REF-2 (manual 000 Imagen 4.12): registration → open; "patient accepted at IPS" → in_process; closure →
// closed.
enum class Status { open, in_process, closed };

// An origin or destination IPS: registered ({nit, habilitation_code}, checked in auth's provider registry)
// or not ({nit, name, department_code, municipality_code}, checked against DIVIPOLA). A registered one gets
// its name and place from the registry when stored.
struct ProviderRef {
  std::string nit;
  std::optional<std::string> habilitation_code;  // set: registered
  std::string name;
  std::string department_code;
  std::string municipality_code;
  bool registered() const { return habilitation_code.has_value(); }
};

// What a step may update (REF-3): diagnoses, service and transfer data. Never the initial data.
struct ClinicalUpdate {
  std::optional<DiagnosisCodes> diagnoses;
  std::optional<std::string> requested_service;
  std::optional<bool> pos;
  std::optional<std::string> ambulance_type;
  std::optional<std::string> transfer_type;
  std::optional<std::string> transfer_requirements;
  bool empty() const {
    return !diagnoses && !requested_service && !pos && !ambulance_type && !transfer_type &&
           !transfer_requirements;
  }
};

// A CUPS procedure of the referral (Res. 2335 fields 38-39).
struct ProcedureLine {
  std::string cups_code;
  int quantity = 1;
};

// Res. 2335 procedure 5 / 6 fields a referral carries beyond REF-1 (SPEC §13): optional, so a client of
// the manual's screen still registers; the matrix view leaves an absent field empty.
struct Res2335Fields {
  std::optional<std::string> email;                    // 19
  std::optional<std::string> care_address;             // 20 alternative address for care
  std::optional<std::string> emergency_contact_name;   // 21
  std::optional<std::string> emergency_contact_phone;  // 22
  std::optional<std::string> care_cause;               // 23 (care_causes)
  std::optional<std::string> condition_destination;    // 32 (condition_destinations)
  std::optional<std::string> care_priority;            // 33 (care_priorities)
  std::optional<std::string> care_type;                // 34 (care_types)
  std::optional<std::string> service_group;            // 35 (reps_service_groups)
  std::optional<std::string> modality;                 // 36 (technology_modalities)
  std::optional<std::string> service_code;             // 37 code of the service requested (REPS)
  std::vector<ProcedureLine> procedures;               // 38-39
};

// REF-1: what a caller sends to register a referral.
struct ReferralDraft {
  AffiliateRef affiliate;
  std::string referral_type;  // referral_types
  ProviderRef origin;
  ProviderRef destination;
  std::string origin_service;                        // services: where the patient is
  int triage = 0;                                    // 1..5 (Res. 5596 de 2015)
  DiagnosisCodes diagnoses;                          // URG-2 rules, newborn exception included
  std::string requested_service;                     // services
  bool pos = true;                                   // POS (PBS) or non-POS: the "service type" of REF-4
  std::string ambulance_type;                        // ambulance_types; not_applicable without an ambulance
  std::optional<std::string> transfer_type;          // transfer_types; required with an ambulance
  std::optional<std::string> transfer_requirements;  // required with an ambulance
  std::string treating_professional;                 // the treating doctor's or nurse's name
  std::optional<long long> call_id;                  // the contact-centre call it came from (AFF-5)
  Res2335Fields res2335;
};

enum class StepKind { step, closure };

// REF-2/REF-3: what a caller sends to add a step (trámite) or close.
struct StepDraft {
  StepKind kind = StepKind::step;
  std::string step;               // referral_steps (kind step)
  std::string closure_reason;     // closure_reasons (kind closure)
  std::string arrival_condition;  // arrival_conditions (kind closure)
  std::optional<std::string> notes;
  ClinicalUpdate update;
  // Res. 2335 procedure 6 (counter-referral step): the patient's condition and destination (field 32).
  std::optional<std::string> condition_destination;
};

// Who recorded a step, when and from where (REF-2, SPEC §1 audit).
struct Actor {
  std::string subject;    // "user:7", "client:demo-his"
  std::string user_type;  // employee | provider | client
  std::optional<std::string> provider_nit;
  std::string client_ip;
};

struct Step {
  int seq = 0;  // 1.. in the referral's order
  StepDraft draft;
  Status status_before = Status::open;
  Status status_after = Status::open;
  core::Instant at{};
  Actor actor;
};

struct Referral {
  long long id = 0;
  int version = 1;  // +1 per step: the ETag and If-Match
  Status status = Status::open;
  ReferralDraft draft;       // the initial data, never overwritten (REF-3)
  AffiliateFacts affiliate;  // snapshot at registration
  core::Instant created_at{};
  std::string created_by;       // subject of the registrant's token
  std::string created_by_type;  // employee | client: the registration is the timeline's first entry
  std::string created_from;     // the registrant's client address
  std::optional<core::Instant> accepted_at;
  std::optional<core::Instant> closed_at;
  std::vector<Step> timeline;
  std::vector<std::string> warnings;
};

// REF-4 filters; every field optional. Dates are Bogotá calendar dates of the registration, inclusive.
struct ReferralFilter {
  std::optional<std::string> date_from;
  std::optional<std::string> date_to;
  std::optional<std::string> document_type;
  std::optional<std::string> document_number;
  std::optional<int> child_number;
  std::optional<std::string> requested_service;
  std::optional<bool> pos;  // service type: POS / non-POS
  std::optional<std::string> referral_type;
  std::optional<std::string> origin_nit;
  std::optional<std::string> origin_department_code;
  std::optional<std::string> origin_municipality_code;
  std::optional<std::string> destination_nit;
  std::optional<std::string> destination_department_code;
  std::optional<std::string> destination_municipality_code;
  std::vector<Status> statuses;  // empty: any; "active" = open + in_process
  // Provider-bound callers: only referrals where this provider is origin or destination.
  std::optional<std::string> party_nit;
  long long page = 1;
  long long per_page = 20;
};

}  // namespace portal::referrals
