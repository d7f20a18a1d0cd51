#pragma once
// SPEC §2: PDFs show dates as dd/MM/yyyy and times as 24-hour HH:mm, in America/Bogota.
#include <string>
#include <string_view>

#include "portal/core/clock.hpp"

namespace portal::documents {

std::string format_bogota_date(core::Instant t);       // "31/12/2026"
std::string format_bogota_time(core::Instant t);       // "23:30"
std::string format_bogota_date_time(core::Instant t);  // "31/12/2026 23:30"
// The Bogotá date without separators, "20261231": the date in a document's file name.
std::string compact_bogota_date(core::Instant t);
// A plain "YYYY-MM-DD" date as "dd/MM/yyyy"; anything else is returned unchanged, so a malformed
// stored value is still shown as it is rather than hidden.
std::string format_plain_date(std::string_view iso_date);

}  // namespace portal::documents
