#pragma once
// AUT-1 JSON mapping: the POST body into a RequestDraft, every shape error collected at once (field names
// as JSON paths; request_json.cpp), catalog membership and the business rules running afterwards
// (request_rules); and a stored request, its evaluation, out (request_writer.cpp).
#include <rapidjson/document.h>

#include "authorization.hpp"
#include "portal/catalog/catalogs.hpp"
#include "portal/core/errors.hpp"
#include "portal/json/json.hpp"
#include "rules_engine.hpp"

namespace portal::authorizations {

inline constexpr std::size_t kMaxRequestNumberLength = 20;
inline constexpr std::size_t kMaxJustificationLength = 4000;
inline constexpr std::size_t kMaxRelatedDiagnoses = 3;
inline constexpr std::size_t kMaxLines = 50;
inline constexpr int kMaxQuantity = 9999;

// Fields and codes (besides ObjectReader's required | invalid_type | too_long | out_of_range):
//   request_number                 invalid_characters (letters, digits; upper-cased)
//   affiliate.document_type        invalid_value (catalog document_types)
//   affiliate.document_number      invalid_characters
//   procedures                     required (no line at all: procedures, medicines and devices empty)
//   procedures, medicines, devices too_many_items (50 each)
//   procedures[i].cups_code        required; procedures[i].quantity, medicines[i].quantity  out_of_range
//   (1..9999) diagnoses.related              too_many_items (3) requester.name, requester.position,
//   requester.phone   required
// Unknown members are ignored (clients may send more than we read).
RequestDraft parse_request(const rapidjson::Value& body, const catalog::Catalogs& catalogs,
                           core::FieldErrors& errors);

// The per-line evaluation as the API answers it and the store keeps it (AUT-2 "which rule decided, and
// why"): [{line: "procedures[0]", type, code, approved, decided_by: [{rule_id, outcome, reason,
// description: {es, en}}], matched: [rule ids]}]. `lines` are the request's lines, in evaluation order.
std::string evaluation_json(const Evaluation& evaluation, const RuleSet& rules,
                            const std::vector<RequestLine>& lines);

// The response object of a stored request (POST 201, GET by id, list items); the light is computed at
// `now`. Members: docs/authorizations.md and api/openapi.yaml (AuthorizationRequest).
void write_request(json::Writer& w, const AuthorizationRequest& r, core::Instant now, core::Lang lang);
std::string request_json(const AuthorizationRequest& r, core::Instant now, core::Lang lang);

}  // namespace portal::authorizations
