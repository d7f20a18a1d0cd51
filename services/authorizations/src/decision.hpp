#pragma once
// AUT-4: an auditor's decision on an authorization request (manual 000 §4.2.2), as plain structs, read from
// the POST body (every shape error at once) and checked against the stored request by one pure function:
//   approve   every line authorized                         → approved
//   deny      every line denied (doctor, justification, ≥1 alternative)  → denied
//   partial   approve or deny per line (items), both at least once       → partially_approved
//   refer     authorized, rendered by another provider (NIT + branch)    → referred
//   annul     typing_error | duplicate | relevance                       → annulled
// POS lines cannot be denied (pos_denial.hpp). The transition itself is request_states.hpp's.
#include <rapidjson/document.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "authorization.hpp"
#include "portal/catalog/catalogs.hpp"
#include "portal/core/errors.hpp"

namespace portal::authorizations {

enum class DecisionKind { approve, deny, partial, refer, annul };
std::string_view to_string(DecisionKind kind);
RequestStatus status_after(DecisionKind kind);

enum class LineOutcome { approved, denied };
std::string_view to_string(LineOutcome outcome);

struct TreatingDoctor {
  std::string name;
  std::string document_number;
};

struct DecisionItem {
  std::string code;  // cups_code of a procedure, code of a medicine or device
  LineOutcome outcome = LineOutcome::approved;
  std::optional<std::string> justification;  // a denied line's own; the decision's otherwise
};

struct ReferredProvider {
  std::string nit;
  std::string habilitation_code;
};

inline constexpr const char* kAnnulmentCauses[] = {"typing_error", "duplicate", "relevance"};

struct Decision {
  DecisionKind kind = DecisionKind::approve;
  std::optional<TreatingDoctor> treating_doctor;  // deny, partial
  std::optional<std::string> justification;       // deny, partial (per line when items carry one)
  std::vector<std::string> alternatives;          // deny, partial: at least one
  std::vector<DecisionItem> items;                // partial
  std::optional<ReferredProvider> provider;       // refer
  std::optional<std::string> reason;              // annul: typing_error | duplicate | relevance
  std::optional<std::string> observations;        // free text for the audit (any decision)
};

inline constexpr std::size_t kMaxDecisionText = 4000;
inline constexpr std::size_t kMaxAlternatives = 10;

// Shape: decision (required enum), and the members its kind requires. Codes: required, invalid_value,
// invalid_type, too_long, too_many_items.
Decision parse_decision(const rapidjson::Value& body, core::FieldErrors& errors);

// What a decision does to the request's lines: the outcome of each (empty for annul) and the justification
// of each denied one.
struct DecisionPlan {
  RequestStatus to = RequestStatus::approved;
  std::vector<std::optional<LineOutcome>> outcomes;  // per line of draft.lines
  std::vector<std::string> justifications;           // per line ("" unless denied)
  bool has_authorization() const;
  bool has_denial() const;
};

// The decision against the stored lines: partial items must name every line once (items[i].code:
// unknown_line | duplicate; items: missing_lines, needs_both), every denied line needs a justification,
// and a POS line may be denied only as subsidio a la oferta (field `items[i].decision` or `decision`, code
// pos_not_deniable, the message naming the CUPS code). `today` is the Bogotá date of the decision.
DecisionPlan plan_decision(const AuthorizationRequest& r, const Decision& d,
                           const catalog::Catalogs& catalogs, std::chrono::year_month_day today,
                           core::FieldErrors& errors);

// AUT-9 dimensions of an authorization, fixed when it is issued: scope (ambulatory | hospital | emergency |
// home) and service group (manual 003 §7.1) of its first authorized line.
struct IssueDimensions {
  std::string scope;
  std::string service_group;
};
IssueDimensions issue_dimensions(const AuthorizationRequest& r, const std::vector<bool>& authorized,
                                 const catalog::Catalogs& catalogs);

// An authorization as issued (AUT-9): directed to the provider that renders it, with the dimensions of the
// indicators and the Bogotá year, month and date of generation.
struct IssuedAuthorization {
  std::string number;
  long long request_id = 0;
  std::string provider_nit;
  std::string habilitation_code;
  core::Instant issued_at{};
  int year = 0;
  int month = 0;
  std::string date;  // YYYY-MM-DD (Bogotá)
  IssueDimensions dimensions;
};
IssuedAuthorization issued_authorization(const AuthorizationRequest& r, const std::vector<bool>& authorized,
                                         const std::string& provider_nit,
                                         const std::string& habilitation_code, core::Instant at,
                                         const catalog::Catalogs& catalogs);

// Whole days from one YYYY-MM-DD date to another (AUT-9 timeliness); nullopt when either is malformed.
std::optional<long long> days_between(const std::string& from, const std::string& to);

// "NEG-<year>-<id, 8 digits>": the denial of a request (one per request).
std::string denial_number(int year, long long id);

}  // namespace portal::authorizations
