#pragma once
// URG-2 / AUT-1: every diagnosis must exist in CIE-10 and fit the affiliate's sex and age, per the
// reviewed table libs/catalog/data/cie10_limits.csv (sources in docs/catalogs.md).
#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "portal/core/errors.hpp"

namespace portal::catalog {

enum class Sex { female, male };

// "F"/"M" (any case, as AFF-1 stores them) -> Sex; anything else -> nullopt.
std::optional<Sex> parse_sex(std::string_view text);

// Age on a given day: completed years, and days since birth (for newborn rules).
struct Age {
  int years = 0;
  int days = 0;
};
Age age_on(std::chrono::year_month_day birth, std::chrono::year_month_day on);
Age age_from_years(int years);

// A row of cie10_limits.csv. `from`/`to` are normalised codes of 3 or 4 characters; a code is covered
// when its first len(from) characters are >= from and its first len(to) characters are <= to.
struct SexAgeRule {
  std::string from;
  std::string to;
  std::optional<Sex> sex;          // only this sex may carry the diagnosis
  std::optional<int> min_years;    // inclusive, completed years
  std::optional<int> max_years;    // inclusive, completed years (0 = under one year)
  std::string source;

  bool covers(std::string_view code) const;
};

struct DiagnosisProblem {
  std::string code;       // "unknown_code" | "sex_mismatch" | "age_out_of_range"
  std::string diagnosis;  // the normalised CIE-10 code
  core::Text message;     // Spanish and English, names the diagnosis
};

// Pure rule: the first limit `code` breaks, or nothing. Does not check existence.
std::optional<DiagnosisProblem> check_sex_age(std::span<const SexAgeRule> rules, std::string_view code,
                                              Sex sex, Age age);

// "o80.0", "O800", "o800 " -> "O800"; three-character categories get RIPS's filler: "A90" -> "A90X".
std::string normalize_cie10(std::string_view code);

}  // namespace portal::catalog
