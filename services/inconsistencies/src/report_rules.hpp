#pragma once
// INC-1 and INC-3 as pure functions: the report's type from the lookup, what the provider may edit and
// must send for that type, every error at once; and the state table of each type.
#include <chrono>
#include <optional>
#include <vector>

#include "portal/catalog/catalogs.hpp"
#include "portal/core/errors.hpp"
#include "report.hpp"

namespace portal::inconsistencies {

// INC-1: not found in the registry → not_in_database; found → data_mismatch.
ReportType type_for_lookup(bool affiliate_found);

// The report as it will be stored: for not_in_database every variable is selected (manual: "se
// seleccionan todas las opciones automáticamente"); for data_mismatch address, e-mail, department and
// municipality are the registry's, and only the chosen variables' document data is kept.
ReportDraft effective_draft(const ReportDraft& sent, ReportType type, const RegistryAffiliate* registry);

// Every error of the report (fields as the JSON names them: "variables", "document_data.first_name",
// "contact.address", "reporter.position", ...):
//   variables             data_mismatch: at least one, no repeats (unknown ones are the parser's)
//   document_data.*       per chosen variable: surnames → first_surname (second optional); names →
//                         first_name (second optional); document_and_birth_date → document_type (catalog),
//                         document_number, birth_date (a date, not in the future, not before 1900)
//   contact.*             data_mismatch: address, email, department_code and municipality_code are not
//                         editable (sent and different from the registry → not_editable); not_in_database:
//                         municipality_code required (the registry needs one), department consistent;
//                         phone, mobile, emergency phone: 7 to 10 digits; email: one @ and a dot after it
//   reporter.*            document_number (digits, ≤ 20), name, position, and a phone or a mobile
core::FieldErrors validate_report(const ReportDraft& draft, ReportType type,
                                  const RegistryAffiliate* registry, const catalog::Catalogs& catalogs,
                                  std::chrono::year_month_day today);

// INC-3 state table. pending → the type's processed states or annulled; data_mismatch's
// processed_partial → processed_partial (more variables corrected), processed or annulled; every other
// state is final.
std::vector<ReportStatus> allowed_moves(ReportType type, ReportStatus from);
bool move_allowed(ReportType type, ReportStatus from, ReportStatus to);

// What an EPS processing step asks for (POST .../processing).
struct ProcessingRequest {
  ReportStatus status = ReportStatus::pending;
  std::vector<Variable> corrected;  // processed_partial: which variables this step corrects
  std::string note;  // required for annulled (why) and processed_already_exists (which document)
  // processed_pre_affiliated: what the registry needs that the report does not carry.
  std::string sex;     // F | M
  std::string regime;  // subsidized | contributory
};

enum class RegistryAction { none, create_affiliate, correct_affiliate };

struct ProcessingPlan {
  RegistryAction action = RegistryAction::none;
  std::vector<Variable> corrected;   // data_mismatch: the variables whose document data goes to the registry
  bool registry_consistent = false;  // correct_affiliate: the last variables → data_quality back to ok
};

// Field errors of the request against the report (the move itself is checked by move_allowed → 409):
// processed_partial needs `corrected_variables`, a non-empty subset of the report's variables not
// corrected yet, leaving at least one; processed_pre_affiliated needs sex and regime; annulled and
// processed_already_exists need a note.
core::FieldErrors validate_processing(const Report& report, const ProcessingRequest& request);

// What the registry must do for the step (validated first).
ProcessingPlan plan_processing(const Report& report, const ProcessingRequest& request);

// The variables of a data_mismatch report not corrected by any step yet.
std::vector<Variable> pending_variables(const Report& report);

}  // namespace portal::inconsistencies
