#pragma once
// URG-1 JSON mapping: the POST body into a NotificationDraft (every shape/catalog error collected at
// once, field names as JSON paths), and a stored Notification into the response object.
#include <rapidjson/document.h>

#include <cstddef>
#include <string>

#include "portal/catalog/catalogs.hpp"
#include "portal/core/errors.hpp"
#include "portal/json/json.hpp"
#include "urgency.hpp"

namespace portal::urgencies {

inline constexpr std::size_t kMaxAttentionNumberLength = 20;
inline constexpr std::size_t kMaxConsultationReasonLength = 1000;
inline constexpr std::size_t kMaxProviderNameLength = 200;
inline constexpr std::size_t kMaxDocumentNumberLength = 40;
inline constexpr std::size_t kMaxCodeLength = 20;  // NIT, habilitation code
inline constexpr std::size_t kMaxRelatedDiagnoses = 3;
inline constexpr int kMaxChildNumber = 20;

// Reads the POST body (an object; see SPEC §5 URG-1 and api/openapi.yaml). Unknown members are ignored.
// Errors are appended to `errors`; the returned draft then holds what could be read (a field that failed
// keeps its default: "" / 0 / epoch; a failed related diagnosis keeps its position as "").
//
// Fields and codes (besides ObjectReader's required | invalid_type | too_long | out_of_range):
//   attention_number                 invalid_characters (letters and digits only; trimmed, upper-cased)
//   affiliate.document_type          invalid_value (not in catalog document_types)
//   affiliate.document_number        invalid_characters
//   affiliate.child_number           out_of_range (1..20)
//   attention_origin, destination    invalid_value (not a catalog code; the message lists the codes)
//   triage                           out_of_range (1..5)
//   admitted_at                      invalid_format (not RFC 3339)
//   diagnoses.related                too_many_items (more than 3); diagnoses.related[i] required |
//   invalid_type referral.nit, provider_nit       invalid_characters (digits and '-')
//   referral.habilitation_code, habilitation_code   invalid_characters (letters and digits)
//   referral.department_code         unknown_department
//   referral.municipality_code       unknown_municipality | municipality_not_in_department
// "Required when referred" is a rule (validate_notification), not a parse error.
NotificationDraft parse_notification(const rapidjson::Value& body, const catalog::Catalogs& catalogs,
                                     core::FieldErrors& errors);

// The response object of a stored notification (POST 201, GET by id, list items):
// {id, provider{nit,name,habilitation_code}, attention_number, affiliate{document_type, document_number,
//  child_number, first_name, second_name, first_surname, second_surname, birth_date, sex, regime,
//  municipality_code}, attention_origin, triage, referral{is_referred, provider_name, nit, habilitation_code,
//  department_code, municipality_code}, admitted_at, consultation_reason, destination,
//  diagnoses{principal, related[]}, notified_at, notified_day, warnings[{code, message}]}.
// The caller's token subject (created_by) is internal and not written.
void write_notification(json::Writer& w, const Notification& n, core::Lang lang = core::Lang::es);
// The same object as a string.
std::string notification_json(const Notification& n, core::Lang lang = core::Lang::es);

}  // namespace portal::urgencies
