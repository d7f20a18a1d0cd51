#include "portal/core/errors.hpp"

#include <cctype>
#include <optional>

#include "portal/core/text.hpp"

namespace portal::core {
namespace {

// A weight ("q=0.8"): 0 to 1 with at most three decimals (RFC 9110 §12.4.2), in thousandths.
std::optional<int> parse_weight(std::string_view params) {
  // Only the q parameter is defined for Accept-Language; anything else makes the range unusable.
  params = trim_ows(params);
  if (params.size() < 2 || (params[0] != 'q' && params[0] != 'Q')) return std::nullopt;
  params = trim_ows(params.substr(1));
  if (params.empty() || params.front() != '=') return std::nullopt;
  const std::string_view v = trim_ows(params.substr(1));
  if (v.empty() || (v[0] != '0' && v[0] != '1')) return std::nullopt;
  int thousandths = (v[0] - '0') * 1000;
  if (v.size() > 1) {
    if (v[1] != '.' || v.size() > 5) return std::nullopt;
    int scale = 100;
    for (std::size_t i = 2; i < v.size(); ++i, scale /= 10) {
      if (!std::isdigit(static_cast<unsigned char>(v[i]))) return std::nullopt;
      thousandths += (v[i] - '0') * scale;
    }
  }
  if (thousandths > 1000) return std::nullopt;
  return thousandths;
}

// The primary subtag of a language range ("es-CO" -> "es"), or the range itself ("*").
std::string_view primary_subtag(std::string_view range) { return range.substr(0, range.find('-')); }

}  // namespace

Lang lang_from_accept_language(std::string_view header) {
  struct Best {
    int weight = -1;  // none acceptable yet
    std::size_t position = 0;
  };
  Best es;
  Best en;
  Best any;
  std::size_t position = 0;
  while (!header.empty()) {
    const auto comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    const auto semi = item.find(';');
    const std::string_view range = trim_ows(item.substr(0, semi));
    if (range.empty()) continue;
    int weight = 1000;
    if (semi != std::string_view::npos) {
      const auto parsed = parse_weight(item.substr(semi + 1));
      if (!parsed) continue;
      weight = *parsed;
    }
    ++position;
    const std::string_view primary = primary_subtag(range);
    Best* target = iequals(primary, "es")   ? &es
                   : iequals(primary, "en") ? &en
                   : range == "*"           ? &any
                                            : nullptr;
    if (!target) continue;
    // A language named more than once keeps its most specific say; here: its first listing's weight
    // unless a later one is higher ("en-US;q=0.2, en;q=0.9" still wants English at 0.9).
    if (weight > target->weight) *target = Best{weight, target->weight < 0 ? position : target->position};
  }
  // "*" stands for every language not named explicitly.
  if (es.weight < 0 && any.weight >= 0) es = any;
  if (en.weight < 0 && any.weight >= 0) en = any;
  if (en.weight > 0 && (en.weight > es.weight || (en.weight == es.weight && en.position < es.position)))
    return Lang::en;
  return Lang::es;
}

std::string_view language_tag(Lang lang) { return lang == Lang::en ? "en" : "es"; }

}  // namespace portal::core
