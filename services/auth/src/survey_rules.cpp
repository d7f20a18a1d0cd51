#include "survey_rules.hpp"

#include <cstdio>

namespace portal::auth {
namespace {

const std::array<core::Text, 5>& satisfaction_labels() {
  static const std::array<core::Text, 5> kLabels = {
      core::Text{"Insatisfecho", "Dissatisfied"}, core::Text{"Poco satisfecho", "Somewhat dissatisfied"},
      core::Text{"Neutral", "Neutral"}, core::Text{"Satisfecho", "Satisfied"},
      core::Text{"Muy satisfecho", "Very satisfied"}};
  return kLabels;
}

const std::array<core::Text, 5>& ease_labels() {
  static const std::array<core::Text, 5> kLabels = {
      core::Text{"Muy difícil", "Very difficult"}, core::Text{"Difícil", "Difficult"},
      core::Text{"Neutral", "Neutral"}, core::Text{"Fácil", "Easy"}, core::Text{"Muy fácil", "Very easy"}};
  return kLabels;
}

const core::Text& label(const std::array<core::Text, 5>& labels, int value) {
  static const core::Text kNone{"", ""};
  return value >= 1 && value <= 5 ? labels[static_cast<std::size_t>(value - 1)] : kNone;
}

// round(1000 * part / whole) half away from zero, in integers: tenths of a percent.
long long tenths_of_percent(long long part, long long whole) {
  const long long scaled = 2000 * part;
  const long long q = scaled / whole;  // twice the value, truncated toward zero
  return q >= 0 ? (q + 1) / 2 : -((-q + 1) / 2);
}

core::FieldError month_error(const char* field, const char* code, core::Text text) {
  return core::FieldError{field, code, std::move(text)};
}

}  // namespace

const core::Text& satisfaction_label(int value) { return label(satisfaction_labels(), value); }
const core::Text& ease_label(int value) { return label(ease_labels(), value); }

NpsGroup nps_group(int score) {
  if (score >= 9) return NpsGroup::promoter;
  if (score >= 7) return NpsGroup::passive;
  return NpsGroup::detractor;
}

void SurveyTally::add(const SurveyAnswer& a, long long count) {
  if (count <= 0) return;
  responses += count;
  if (a.satisfaction >= 1 && a.satisfaction <= 5)
    satisfaction[static_cast<std::size_t>(a.satisfaction - 1)] += count;
  if (a.ease >= 1 && a.ease <= 5) ease[static_cast<std::size_t>(a.ease - 1)] += count;
  if (a.nps >= 0 && a.nps <= 10) nps[static_cast<std::size_t>(a.nps)] += count;
  if (a.resolved) resolved += count;
}

long long SurveyTally::promoters() const { return nps[9] + nps[10]; }
long long SurveyTally::passives() const { return nps[7] + nps[8]; }
long long SurveyTally::detractors() const {
  long long n = 0;
  for (std::size_t i = 0; i <= 6; ++i) n += nps[i];
  return n;
}

std::optional<long long> SurveyTally::nps_tenths() const {
  if (responses == 0) return std::nullopt;
  return tenths_of_percent(promoters() - detractors(), responses);
}

std::optional<long long> SurveyTally::resolved_tenths() const {
  if (responses == 0) return std::nullopt;
  return tenths_of_percent(resolved, responses);
}

std::optional<std::chrono::year_month> parse_month(std::string_view s) {
  if (s.size() != 7 || s[4] != '-') return std::nullopt;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u})
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  const int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  const unsigned month = static_cast<unsigned>((s[5] - '0') * 10 + (s[6] - '0'));
  if (year < 2000 || month < 1 || month > 12) return std::nullopt;
  return std::chrono::year{year} / std::chrono::month{month};
}

std::string format_month(std::chrono::year_month m) {
  char out[32];
  std::snprintf(out, sizeof out, "%04d-%02u", static_cast<int>(m.year()), static_cast<unsigned>(m.month()));
  return out;
}

std::optional<MonthRange> read_month_range(const std::optional<std::string>& from,
                                           const std::optional<std::string>& to,
                                           std::chrono::year_month current, core::FieldErrors& errors) {
  const core::Text malformed{"Debe ser un mes con el formato AAAA-MM (por ejemplo 2026-03).",
                             "Must be a month written YYYY-MM (for example 2026-03)."};
  const std::size_t before = errors.size();
  std::optional<std::chrono::year_month> end = current, start;
  if (to) {
    end = parse_month(*to);
    if (!end) errors.push_back(month_error("to", "invalid_format", malformed));
  }
  if (from) {
    start = parse_month(*from);
    if (!start) errors.push_back(month_error("from", "invalid_format", malformed));
  } else if (end) {
    start = *end - std::chrono::months{11};
  }
  if (errors.size() != before || !start || !end) return std::nullopt;
  if (*start > *end) {
    errors.push_back(
        month_error("from", "out_of_order",
                    {"El mes inicial es posterior al mes final.", "The first month is after the last one."}));
    return std::nullopt;
  }
  const auto span = (*end - *start).count() + 1;
  if (span > kMaxSurveyMonths) {
    errors.push_back(
        month_error("to", "too_long_range",
                    {"El rango no puede superar " + std::to_string(kMaxSurveyMonths) + " meses.",
                     "The range cannot exceed " + std::to_string(kMaxSurveyMonths) + " months."}));
    return std::nullopt;
  }
  return MonthRange{*start, *end};
}

std::vector<std::chrono::year_month> months_between(const MonthRange& range) {
  std::vector<std::chrono::year_month> out;
  for (auto m = range.from; m <= range.to; m += std::chrono::months{1}) out.push_back(m);
  return out;
}

}  // namespace portal::auth
