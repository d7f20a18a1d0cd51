#pragma once
// Builds the rules' ReferenceData from libs/catalog once at start-up.
#include "portal/catalog/catalogs.hpp"
#include "reference_data.hpp"

namespace portal::affiliates {

// Document types whose numbers are digits only (registraduría and migración numbering); the others
// (PA, MS, AS, CD, SC, DE, CE) may carry letters.
inline const std::vector<std::string_view> kNumericDocumentTypes = {"CC", "TI", "RC", "CN", "PE", "PT"};

ReferenceData reference_data_from_catalog(const catalog::Catalogs& catalogs);

}  // namespace portal::affiliates
