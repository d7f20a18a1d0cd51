#pragma once
// AUT-1 business rules of an authorization request, as pure functions: the clock reading, the affiliate
// (as the affiliates service answered) and the catalogs are parameters. The affiliate and diagnosis rules
// are URG-2's (libs/directory), newborn exception included. No HTTP, SQL or clock in here.
//
// Fields and codes (besides the parse errors of request_json and the URG-2 ones):
//   patient_location             unknown_location
//   service                      unknown_service | service_not_in_location
//   bed_number                   required (hospitalization) | not_allowed (other locations)
//   priority                     required (elective) | not_allowed (post-emergency)
//   attention_origin, service_type, service_group, *.purpose, *.modality   invalid_value (not in catalog)
//   procedures[i].cups_code      unknown_code | duplicate_procedure
//   procedures[i].classification unknown_classification (the code exists, not under that classification)
//                                | required (several classifications, no "general" one, none named;
//                                  without a name the "general" entry is meant when it exists)
//   medicines[i].code, devices[i].code   duplicate_line
// A non-active affiliate is accepted: the rules engine holds the request as pending (AUT-2).
#include <string>
#include <string_view>
#include <vector>

#include "authorization.hpp"
#include "portal/catalog/catalogs.hpp"
#include "portal/core/clock.hpp"
#include "portal/core/errors.hpp"

namespace portal::authorizations {

struct RequestCheck {
  core::FieldErrors errors;           // parse errors first, then the rule errors
  std::vector<std::string> warnings;  // newborn_diagnoses_not_checked
  Diagnoses diagnoses;                // normalised CIE-10
  std::vector<RequestLine> lines;     // classifications resolved (a code with one classification gets it)
  bool ok() const { return errors.empty(); }
};

RequestCheck validate_request(const RequestDraft& draft, const AffiliateFacts* affiliate, core::Instant now,
                              const catalog::Catalogs& catalogs, std::string_view attention_phone,
                              core::FieldErrors parse_errors = {});

// AUT-1 uniqueness key: the request number is unique per provider within the Bogotá year of its creation.
// 31 December 23:30 in Bogotá (04:30Z on 1 January) still belongs to the earlier year.
int request_year(core::Instant created_at);

// The JSON path of a line: procedures[i], medicines[i] or devices[i] (i counts lines of that type).
std::string line_path(const std::vector<RequestLine>& lines, std::size_t index);

}  // namespace portal::authorizations
