#pragma once
// AUT-1 JSON mapping: the POST body into a RequestDraft, every shape error collected at once (field names
// as JSON paths). Catalog membership and the business rules run afterwards (request_rules).
#include <rapidjson/document.h>

#include "authorization.hpp"
#include "portal/catalog/catalogs.hpp"
#include "portal/core/errors.hpp"

namespace portal::authorizations {

inline constexpr std::size_t kMaxRequestNumberLength = 20;
inline constexpr std::size_t kMaxJustificationLength = 4000;
inline constexpr std::size_t kMaxRelatedDiagnoses = 3;
inline constexpr std::size_t kMaxLines = 50;
inline constexpr int kMaxQuantity = 9999;
inline constexpr int kMaxChildNumber = 20;

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

}  // namespace portal::authorizations
