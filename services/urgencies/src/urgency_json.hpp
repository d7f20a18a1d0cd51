#pragma once
// URG-1 JSON mapping: the POST body into a NotificationDraft (every shape/catalog error collected at
// once, field names as JSON paths), and a stored Notification into the response object.
#include <rapidjson/document.h>

#include <chrono>
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
inline constexpr int kMaxChildNumber = 20;
inline constexpr std::size_t kMaxCareAddressLength = 200;

// Issue 11: the last Bogotá day a Res. 3047-shaped body is accepted by default (one year after the
// repeal; PORTAL_URGENCIES_RES3047_BODIES_UNTIL, docs/regulation.md).
inline constexpr std::chrono::year_month_day kRes3047BodiesUntil{std::chrono::year{2027}, std::chrono::March,
                                                                 std::chrono::day{31}};

struct ParseOptions {
  // false once the Res. 3047 body shape is retired: a body without the 2335 codes then gets "required"
  // on each of them.
  bool accept_res3047 = true;
};

// Whether a 3047-shaped body is still accepted at `now` (pure; inclusive of `last_day`, Bogotá).
bool accepts_res3047_body(core::Instant now, std::chrono::year_month_day last_day);

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
//   care_address                     too_long (200) — Res. 2335 field 20, optional
// Issue 11, two body shapes (docs/regulation.md). A body with any of care_cause, admission_route or
// condition_destination is a Res. 2335 body: those three are required catalog codes (care_causes,
// admission_routes, condition_destinations; invalid_value), attention_origin and destination optional. Any
// other body is a Res. 3047 body (attention_origin and destination required, as before) whose values are
// mapped to the 2335 fields (res3047_mapping). Either way the missing generation's values are filled
// where a mapping exists.
// "Required when referred" is a rule (validate_notification), not a parse error.
NotificationDraft parse_notification(const rapidjson::Value& body, const catalog::Catalogs& catalogs,
                                     core::FieldErrors& errors, const ParseOptions& options = {});

// The response object of a stored notification (POST 201, GET by id, list items):
// {id, provider{nit,name,habilitation_code}, attention_number, affiliate{document_type, document_number,
//  child_number, first_name, second_name, first_surname, second_surname, birth_date, sex, regime,
//  municipality_code}, attention_origin, care_cause, triage, referral{is_referred, provider_name, nit,
//  habilitation_code, department_code, municipality_code}, admitted_at, admission_route, care_address,
//  consultation_reason, destination, condition_destination, diagnoses{principal, related[]}, notified_at,
//  notified_day, format_in_force (res3047 | res2335), submitted_format, warnings[{code, message}]}.
// Codes without a value (a 2335 cause without a 3047 origin, a row stored before issue 11 without a
// mapping) are null.
// The caller's token subject (created_by) is internal and not written.
void write_notification(json::Writer& w, const Notification& n, core::Lang lang = core::Lang::es);
// The same object as a string.
std::string notification_json(const Notification& n, core::Lang lang = core::Lang::es);

}  // namespace portal::urgencies
