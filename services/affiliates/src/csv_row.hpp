#pragma once
// AFF-4: reading the roster CSV, one line at a time (RFC 4180 fields: comma separated, optional
// double quotes, quotes doubled inside). A line that cannot be read is reported by number with a code;
// the rest of the file still loads. Quoted fields spanning lines are not accepted (a roster has none).
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "affiliate.hpp"
#include "portal/core/errors.hpp"

namespace portal::affiliates {

struct CsvFields {
  std::vector<std::string> fields;
  std::optional<core::FieldError> error;  // field "line": unterminated_quote | text_after_quote
};
CsvFields parse_csv_line(std::string_view line);

// The roster columns, in the order `portal-affiliates import` and the demo export write them.
inline const std::vector<std::string_view> kCsvColumns = {"document_type",   "document_number",
                                                          "first_name",      "second_name",
                                                          "first_surname",   "second_surname",
                                                          "birth_date",      "sex",
                                                          "regime",          "affiliation_status",
                                                          "data_quality",    "municipality_code",
                                                          "address",         "phone",
                                                          "mobile",          "email",
                                                          "newborn_of_type", "newborn_of_number",
                                                          "child_number"};
// Columns a header must have (the others may be left out).
inline const std::vector<std::string_view> kRequiredCsvColumns = {
    "document_type", "document_number", "first_name",         "first_surname",    "birth_date",
    "sex",           "regime",          "affiliation_status", "municipality_code"};

// Which position holds each known column; built from the header line (BOM and case tolerated).
struct CsvLayout {
  std::map<std::string, std::size_t, std::less<>> index;
  std::size_t width = 0;
};
// The layout, or the errors of a header that misses required columns (field = the column name).
struct CsvHeader {
  CsvLayout layout;
  core::FieldErrors errors;
};
CsvHeader read_csv_header(std::string_view header_line);

// An affiliate from one data line (not yet validated by the rules) or the errors of its shape.
struct CsvAffiliate {
  Affiliate affiliate;
  core::FieldErrors errors;
};
CsvAffiliate affiliate_from_csv(const CsvLayout& layout, const std::vector<std::string>& fields);

}  // namespace portal::affiliates
