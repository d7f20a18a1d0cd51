#pragma once
// SPEC §6 (AUT-1, AUT-3, AUT-5, AUT-7): an authorization request as the domain sees it — Anexo 3 of Res. 3047
// de 2008 for records before 1 April 2026, procedure 3 of Res. 2335 de 2023 from then on (SPEC §13). Plain
// structs only: the rules engine, the request rules, the JSON mapping, the store and the documents speak
// these types.
#include <optional>
#include <string>
#include <vector>

#include "portal/core/clock.hpp"
#include "portal/directory/affiliate.hpp"

namespace portal::authorizations {

using directory::AffiliateFacts;
using directory::AffiliateRef;

// Res. 2335 procedure 3: a request carries CUPS procedures (fields 38-39), medicines by IUM/CUM code
// (41-42) and other services or medical devices (43-44). The rules engine judges every line.
enum class LineType { procedure, medicine, device };
std::string_view to_string(LineType type);
std::optional<LineType> parse_line_type(std::string_view text);

struct RequestLine {
  LineType type = LineType::procedure;
  std::string code;            // CUPS (procedure), IUM/CUM (medicine), code of the service or device
  std::string classification;  // procedures: the CUPS classification meant (AUT-1); "" otherwise
  int quantity = 1;
  std::optional<std::string> purpose;   // field 40 (technology_purposes)
  std::optional<std::string> modality;  // field 36 (technology_modalities)
};

struct Diagnoses {
  std::string principal;             // CIE-10 as sent; the rules normalise ("o80.0" -> "O800")
  std::vector<std::string> related;  // up to 3
};

// The professional who ordered the service in the clinical record (manual 001 §4.1.2).
struct Requester {
  std::string name;
  std::string position;
  std::string phone;
  std::optional<std::string> mobile;
};

// What a caller sends (AUT-1). Codes are the catalog codes (attention_origins, service_types, priorities,
// patient_locations, services, reps_service_groups).
struct RequestDraft {
  std::string request_number;  // the provider's consecutive, restarts every 1 January (Bogotá)
  AffiliateRef affiliate;
  std::string attention_origin;
  std::string service_type;                  // post_emergency | elective (Anexo 3: 1 | 2; field 34)
  std::optional<std::string> priority;       // priority | non_priority: elective services only (field 33)
  std::string patient_location;              // outpatient | emergency | hospitalization
  std::string service;                       // a service allowed for the location
  std::optional<std::string> bed_number;     // hospitalization only
  std::optional<std::string> service_group;  // field 35 (reps_service_groups)
  Diagnoses diagnoses;
  std::string clinical_justification;
  std::vector<RequestLine> lines;
  Requester requester;
  // Agents file on behalf of a provider and name it; provider users' come from their token.
  std::optional<std::string> provider_nit;
  std::optional<std::string> habilitation_code;
};

// AUT-3. Allowed moves: request_states.hpp.
enum class RequestStatus { pending, approved, denied, partially_approved, referred, annulled };
std::string_view to_string(RequestStatus status);
std::optional<RequestStatus> parse_status(std::string_view text);

// AUT-5. No light (null) once the request is no longer pending.
enum class TrafficLight { white, yellow, red };
std::string_view to_string(TrafficLight light);
std::optional<TrafficLight> parse_light(std::string_view text);

// AUT-4 refer: the provider that renders an approved request instead of the requester.
struct ReferredTo {
  std::string nit;
  std::string habilitation_code;
  std::string name;
};

// A stored request: the draft as accepted (diagnoses normalised, classifications resolved), the affiliate
// snapshot, and what the system assigned.
struct AuthorizationRequest {
  long long id = 0;
  std::string provider_nit;
  std::string habilitation_code;
  std::string provider_name;
  RequestDraft draft;
  AffiliateFacts affiliate;
  int request_year = 0;
  core::Instant created_at{};
  std::string created_by;
  RequestStatus status = RequestStatus::pending;
  std::string status_reason;                        // "Motivo del Estado" of a pending request
  std::optional<std::string> authorization_number;  // set when approved at once
  long long rule_set_version = 0;
  std::string evaluation_json;  // the per-line evaluation as answered at creation (JSON array)
  std::optional<core::Instant> due_at;
  std::vector<std::string> warnings;
  std::vector<bool> line_approved;  // per line of draft.lines
  std::optional<std::string> annulment_reason;
  std::optional<core::Instant> annulment_requested_at;
  std::optional<std::string> annulment_requested_by;
  // Issue 13 (AUT-4): the auditor's decision.
  long long version = 1;  // bumped by every decision: the ETag W/"<id>-<version>" and If-Match
  std::optional<core::Instant> decided_at;
  bool auto_approved = false;  // approved at once by the rules engine (AUT-2)
  std::optional<std::string> denial_number;
  std::optional<ReferredTo> referred_to;
  std::optional<std::string> annulment_cause;        // typing_error | duplicate | relevance
  std::vector<std::string> line_outcome;             // per line: "" (undecided) | approved | denied
  std::vector<std::string> line_justification;       // per line: a denied line's justification
  std::optional<std::string> authorization_used_on;  // AUT-9: the Bogotá date the service was delivered
};

// AUT-7 filters; every field optional. Dates are Bogotá calendar dates, inclusive.
enum class RequestSort { created_desc, due_at, light };
struct RequestFilter {
  std::optional<std::string> provider_nit;  // forced to the caller's provider for provider users
  std::optional<std::string> request_number;
  std::optional<int> request_year;  // required with request_number
  std::optional<std::string> date_from;
  std::optional<std::string> date_to;
  std::optional<RequestStatus> status;
  std::optional<std::string> document_type;
  std::optional<std::string> document_number;
  std::optional<std::string> patient_location;
  std::optional<std::string> service;
  std::optional<TrafficLight> light;
  std::optional<bool> annulment_requested;  // AUT-3: the auditor's queue of providers' annulment requests
  RequestSort sort = RequestSort::created_desc;
  int page = 1;
  int per_page = 20;
};

// The authorization number of a request approved at once: "<Bogotá year>-<id, 8 digits>".
std::string authorization_number(int year, long long id);

}  // namespace portal::authorizations
