#include "portal/catalog/diagnosis.hpp"

#include <string>

namespace portal::catalog {

std::optional<Sex> parse_sex(std::string_view text) {
  if (text == "F" || text == "f") return Sex::female;
  if (text == "M" || text == "m") return Sex::male;
  return std::nullopt;
}

Age age_on(std::chrono::year_month_day birth, std::chrono::year_month_day on) {
  using namespace std::chrono;
  Age age;
  age.days = static_cast<int>((sys_days{on} - sys_days{birth}).count());
  int years = static_cast<int>(on.year()) - static_cast<int>(birth.year());
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) --years;
  age.years = years;
  return age;
}

Age age_from_years(int years) { return Age{years, years * 365 + years / 4}; }

std::string normalize_cie10(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c == '.' || c == '-' || c == ' ' || c == '\t') continue;
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  if (out.size() == 3) out.push_back('X');
  return out;
}

bool SexAgeRule::covers(std::string_view code) const {
  if (code.size() < from.size() || code.size() < to.size()) return false;
  return code.substr(0, from.size()) >= from && code.substr(0, to.size()) <= to;
}

namespace {

std::string years_text(const SexAgeRule& r, bool english) {
  const std::string min = r.min_years ? std::to_string(*r.min_years) : "0";
  if (!r.max_years) return english ? min + " years or older" : min + " años o más";
  if (*r.max_years == 0 && !r.min_years) return english ? "under 1 year (newborns)" : "menores de 1 año (recién nacidos)";
  return english ? "from " + min + " to " + std::to_string(*r.max_years) + " years"
                 : "de " + min + " a " + std::to_string(*r.max_years) + " años";
}

}  // namespace

std::optional<DiagnosisProblem> check_sex_age(std::span<const SexAgeRule> rules, std::string_view code, Sex sex,
                                              Age age) {
  const std::string c = normalize_cie10(code);
  for (const auto& r : rules) {
    if (!r.covers(c)) continue;
    if (r.sex && *r.sex != sex) {
      const bool female = *r.sex == Sex::female;
      return DiagnosisProblem{
          "sex_mismatch", c,
          {"El diagnóstico " + c + " solo aplica a " + (female ? "mujeres" : "hombres") +
               " y no corresponde al sexo del afiliado",
           "Diagnosis " + c + " applies to " + (female ? "females" : "males") +
               " only and does not match the affiliate's sex"}};
    }
    if ((r.min_years && age.years < *r.min_years) || (r.max_years && age.years > *r.max_years)) {
      return DiagnosisProblem{"age_out_of_range", c,
                              {"El diagnóstico " + c + " no corresponde a la edad del afiliado (aplica " +
                                   years_text(r, false) + ")",
                               "Diagnosis " + c + " does not match the affiliate's age (applies " +
                                   years_text(r, true) + ")"}};
    }
  }
  return std::nullopt;
}

}  // namespace portal::catalog
