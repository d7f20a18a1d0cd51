#pragma once
// SPEC §13: which generation of the regulation a record speaks. Res. 3047 de 2008 (Anexos 1-6) is
// repealed from 1 April 2026 (Res. 2335 de 2023 art. 20, as modified by Res. 1886 de 2024): a record
// dated before that day in Bogotá keeps its 3047 form; a record from that day on takes the Res. 2335
// data set (Anexo Técnico No. 1) and its documents. Every service asks this one function.
#include <chrono>
#include <string_view>

#include "portal/core/clock.hpp"

namespace portal::core {

enum class RecordFormat { res3047, res2335 };

// The first Bogotá day under Res. 2335 de 2023.
inline constexpr std::chrono::year_month_day kRes2335InForceFrom{std::chrono::year{2026}, std::chrono::April,
                                                                 std::chrono::day{1}};

// The form a record dated `record_date` (a Bogotá calendar date) takes.
constexpr RecordFormat format_in_force(std::chrono::year_month_day record_date) {
  return std::chrono::sys_days{record_date} < std::chrono::sys_days{kRes2335InForceFrom}
             ? RecordFormat::res3047
             : RecordFormat::res2335;
}

// The form a record made at instant `t` takes: the Bogotá date of t decides (31 Mar 2026 23:59 -05:00,
// which is 1 Apr 04:59 UTC, is still 3047).
RecordFormat format_in_force(Instant t);

// "res3047" | "res2335", for logs, JSON and documents.
std::string_view format_code(RecordFormat f);

}  // namespace portal::core
