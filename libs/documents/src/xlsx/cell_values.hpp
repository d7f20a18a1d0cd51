#pragma once
// Cell references, number formats and date serials of SpreadsheetML (ECMA-376 Part 1, §18.8.30 and
// §18.17.4): pure functions with their own tests.
#include <cstdint>
#include <optional>
#include <string_view>

#include "portal/documents/xlsx_reader.hpp"

namespace portal::documents::xlsx {

struct CellReference {
  std::uint32_t column = 0;  // 0-based
  std::uint32_t row = 0;     // 1-based
};
// "B12" → {1, 12}; nullopt for anything else (lowercase, no row, column past XFD, row past 1,048,576).
std::optional<CellReference> parse_reference(std::string_view reference);

// Whether a cell style's number format shows a date or time: the built-in ids (14-22, 27-36, 45-47, 50-58)
// or a custom format code with date or time tokens outside quoted text, escapes and [colour] brackets.
bool is_date_format(std::uint32_t number_format_id, std::string_view custom_format_code);

// The civil date of an ISO 8601 text ("2026-12-05", "2026-12-05T10:30:00"), as `t="d"` cells hold.
std::optional<DateTime> parse_iso_date(std::string_view text);

}  // namespace portal::documents::xlsx
