#pragma once
// INC-4 (manual 001 §4.3.3.1): the query's filters, read from the query string into a plain struct (every
// error at once). The consultation shows no data by default: a query without any filter is an empty list.
#include <map>
#include <optional>
#include <string>
#include <variant>

#include "portal/catalog/catalogs.hpp"
#include "portal/core/errors.hpp"
#include "report.hpp"

namespace portal::inconsistencies {

struct ReportFilter {
  std::optional<long long> number;
  std::optional<std::string> date_from;      // Bogotá YYYY-MM-DD, inclusive
  std::optional<std::string> date_to;        // inclusive; only date_from = that day
  std::optional<std::string> provider_nit;   // `provider` all digits
  std::optional<std::string> provider_name;  // `provider` otherwise: folded, "contains"
  std::optional<std::string> location_code;  // `provider_location` digits: municipality (5) or department (2)
  std::optional<std::string> location_name;  // otherwise: folded municipality name, "contains"
  std::optional<ReportStatus> status;
  std::optional<ReportType> type;
  std::optional<std::string> document_type;  // with document_number
  std::optional<std::string> document_number;
  std::optional<std::string> regional;  // catalog regionals code

  bool any() const;
};

using QueryParams = std::multimap<std::string, std::string, std::less<>>;

// Parameters: number, date_from, date_to, provider, provider_location, status, type, document_type,
// document_number, regional. Errors: invalid_value, invalid_date, required (document_number without type,
// or the reverse; date_to without date_from), range_inverted.
ReportFilter read_filter(const QueryParams& query, const catalog::Catalogs& catalogs,
                         core::FieldErrors& errors);

// Lower-case ASCII with Spanish accents removed ("Bolívar" → "bolivar"): what name filters compare.
std::string fold(std::string_view text);

}  // namespace portal::inconsistencies
