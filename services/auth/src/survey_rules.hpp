#pragma once
// AUTH-12 satisfaction survey (manual 003, end): what an answer holds, the labels of its scales, and the
// monthly aggregates EPS administrators read. Pure: no clock, no SQL (the store counts, these add up).
#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portal/core/errors.hpp"

namespace portal::auth {

// Scales of the manual: satisfaction 1 (Insatisfecho) … 5 (Muy satisfecho), ease 1 (Muy difícil) … 5 (Muy
// fácil), likelihood to recommend 0 … 10 (NPS), and whether the matter was resolved.
struct SurveyAnswer {
  int satisfaction = 0;
  int ease = 0;
  int nps = 0;
  bool resolved = false;
};

// The label of a value of the satisfaction or ease scale (1..5), in the caller's language.
const core::Text& satisfaction_label(int value);
const core::Text& ease_label(int value);

// NPS groups (Reichheld's standard): 9-10 promoters, 7-8 passives, 0-6 detractors.
enum class NpsGroup { detractor, passive, promoter };
NpsGroup nps_group(int score);

// One month of answers, added up.
struct SurveyTally {
  long long responses = 0;
  std::array<long long, 5> satisfaction{};  // [0] counts value 1
  std::array<long long, 5> ease{};
  std::array<long long, 11> nps{};  // [0] counts score 0
  long long resolved = 0;

  // `count` answers equal to `a` (the store groups identical answers).
  void add(const SurveyAnswer& a, long long count = 1);
  long long promoters() const;
  long long passives() const;
  long long detractors() const;
  // % promoters − % detractors, from −100 to 100, rounded half away from zero to one decimal and returned
  // in tenths (333 = 33.3) so that no floating point decides a rounding; nullopt without responses.
  std::optional<long long> nps_tenths() const;
  // Share of answers saying the matter was resolved, in tenths of a percent (750 = 75.0 %).
  std::optional<long long> resolved_tenths() const;
};

// A calendar month "YYYY-MM".
std::optional<std::chrono::year_month> parse_month(std::string_view s);
std::string format_month(std::chrono::year_month m);

// The months of GET /api/v1/surveys/results: ?from= and ?to= ("YYYY-MM", Bogotá months), by default the
// twelve months ending with the current one. Every bad parameter is reported: a malformed month
// (invalid_format), from after to (out_of_order, on "from"), more than kMaxSurveyMonths (too_long_range,
// on "to").
inline constexpr int kMaxSurveyMonths = 36;
struct MonthRange {
  std::chrono::year_month from;
  std::chrono::year_month to;
};
std::optional<MonthRange> read_month_range(const std::optional<std::string>& from,
                                           const std::optional<std::string>& to,
                                           std::chrono::year_month current, core::FieldErrors& errors);
// from, from+1, …, to.
std::vector<std::chrono::year_month> months_between(const MonthRange& range);

}  // namespace portal::auth
