#pragma once
// How a request body names the person and the diagnoses (URG-1, AUT-1, REF-1), read once for every service
// that validates a request about a person: `affiliate` {document_type, document_number, child_number?} and
// `diagnoses` {principal, related[≤3]}. Shape, lengths and the document type's catalog are checked here
// (every error collected, SPEC §2); the URG-2 rules (affiliate_rules) run afterwards. Added with referrals
// (issue 16). Urgencies reads `affiliate` itself (an unknown document_type lists the allowed codes, and the
// code is kept as sent); authorizations reads `diagnoses` itself (codes up to 40 characters, not 20).
#include <cstddef>
#include <string>

#include "portal/catalog/catalogs.hpp"
#include "portal/core/errors.hpp"
#include "portal/directory/affiliate.hpp"
#include "portal/directory/affiliate_rules.hpp"
#include "portal/json/json.hpp"

namespace portal::directory {

inline constexpr std::size_t kMaxDocumentNumberLength = 40;
inline constexpr std::size_t kMaxDiagnosisCodeLength = 20;
inline constexpr std::size_t kMaxRelatedDiagnoses = 3;
inline constexpr int kMaxChildNumber = 20;

// `affiliate` (required) of the object read by `r`: document_type (catalog document_types),
// document_number (letters and digits), child_number (1..20, a newborn "hijo de" of that document).
AffiliateRef read_affiliate_ref(json::ObjectReader& r, const catalog::Catalogs& catalogs,
                                core::FieldErrors& errors);

// `name` (required, "diagnoses" by default) of the object read by `r`: principal required, up to three
// related. A bad related item keeps its position (as "") so rule errors name the index the caller sent.
DiagnosisCodes read_diagnoses(json::ObjectReader& r, core::FieldErrors& errors,
                              std::string_view name = "diagnoses");

// {"principal": ..., "related": [...]} as stored and answered.
void write_diagnoses(json::Writer& w, const DiagnosisCodes& d);
// The affiliate as the affiliates service answered, reduced to what a record shows (no address or phone).
void write_affiliate(json::Writer& w, const AffiliateFacts& a);

}  // namespace portal::directory
