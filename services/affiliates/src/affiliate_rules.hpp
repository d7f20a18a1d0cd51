#pragma once
// Pure AFF-1..AFF-3 rules: field validation of an affiliate, document type vs age (a warning, never a
// rejection), age in Bogotá, and the accent/case folding used by the name search.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "affiliate.hpp"
#include "portal/core/errors.hpp"
#include "reference_data.hpp"

namespace portal::affiliates {

inline const std::vector<std::string_view> kRegimes = {"subsidized", "contributory"};
inline const std::vector<std::string_view> kAffiliationStatuses = {"active", "suspended", "retired",
                                                                   "deceased"};
inline const std::vector<std::string_view> kDataQualities = {"ok", "inconsistent"};
inline const std::vector<std::string_view> kSexes = {"F", "M"};
inline constexpr std::size_t kMaxNameLength = 60;
inline constexpr int kMaxChildNumber = 20;

// Names hold letters (accented and ñ included), spaces, and no digits or symbols.
std::optional<core::FieldError> check_name(std::string_view field, std::string_view value);
// An unknown document type is "invalid_value"; numeric types (CC, TI, RC...) require digits only.
std::optional<core::FieldError> check_document(std::string_view type_field, std::string_view number_field,
                                               std::string_view type, std::string_view number,
                                               const ReferenceData& ref);
std::optional<core::FieldError> check_email(std::string_view field, std::string_view value);
std::optional<core::FieldError> check_phone(std::string_view field, std::string_view value);
// "YYYY-MM-DD", a real date, not after today (Bogotá).
std::optional<core::FieldError> check_birth_date(std::string_view field, std::string_view value,
                                                 std::chrono::year_month_day today);

// Every invalid field of a complete affiliate (a new one, or an existing one after a PATCH).
core::FieldErrors validate_affiliate(const Affiliate& a, const ReferenceData& ref,
                                     std::chrono::year_month_day today);

// Completed years between birth and today (Bogotá dates); 0 before the first birthday.
int age_in_years(std::chrono::year_month_day birth, std::chrono::year_month_day today);

// AFF-1: the document type does not fit the age (RC at 30); nullopt when it fits or has no hint.
struct DocumentTypeWarning {
  std::string code;  // document_type_age_mismatch
  core::Text message;
};
std::optional<DocumentTypeWarning> document_type_warning(const DocumentTypeHint& hint, int age_years);

// Lower case, accents removed (á→a, ñ→n, ü→u), runs of spaces collapsed, trimmed: "  JOSÉ  Ñúñez" → "jose
// nunez".
std::string fold_for_search(std::string_view text);

// Trims surrounding spaces and collapses inner runs (names are stored as typed otherwise).
std::string normalize_spaces(std::string_view text);

}  // namespace portal::affiliates
