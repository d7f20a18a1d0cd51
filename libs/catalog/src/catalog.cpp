#include "portal/catalog/catalog.hpp"

#include <algorithm>
#include <cstring>

#include "portal/catalog/text_fold.hpp"

namespace portal::catalog {

namespace {

// Codes compare upper-case, without dots, dashes or spaces: "o80.0" and "O800" are the same.
std::string fold_code(std::string_view code) {
  std::string out;
  out.reserve(code.size());
  for (char c : code) {
    if (c == '.' || c == '-' || c == ' ') continue;
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

std::vector<std::string_view> words(std::string_view folded) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < folded.size()) {
    const auto j = folded.find(' ', i);
    const auto end = j == std::string_view::npos ? folded.size() : j;
    if (end > i) out.push_back(folded.substr(i, end - i));
    i = end + 1;
  }
  return out;
}

bool starts_a_word(std::string_view text, std::string_view word) {
  for (std::size_t pos = text.find(word); pos != std::string_view::npos; pos = text.find(word, pos + 1)) {
    if (pos == 0 || text[pos - 1] == ' ') return true;
  }
  return false;
}

}  // namespace

Catalog::Catalog(std::string name, std::vector<Item> items, std::string version)
    : name_(std::move(name)), items_(std::move(items)), version_(std::move(version)) {
  by_code_.reserve(items_.size());
  folded_codes_.reserve(items_.size());
  starts_.reserve(items_.size());
  for (std::size_t i = 0; i < items_.size(); ++i) {
    auto code = fold_code(items_[i].code);
    by_code_.emplace(code, i);
    folded_codes_.push_back(std::move(code));
    haystack_.push_back('\n');
    starts_.push_back(haystack_.size());
    haystack_ += fold(items_[i].description);
  }
}

const Item* Catalog::find(std::string_view code) const {
  // Items are indexed in file order; equal_range of an unordered_multimap has no order, so pick the
  // lowest index to keep "first" stable.
  auto [b, e] = by_code_.equal_range(fold_code(code));
  const Item* best = nullptr;
  std::size_t best_index = items_.size();
  for (auto it = b; it != e; ++it) {
    if (it->second < best_index) {
      best_index = it->second;
      best = &items_[it->second];
    }
  }
  return best;
}

std::vector<const Item*> Catalog::find_all(std::string_view code) const {
  auto [b, e] = by_code_.equal_range(fold_code(code));
  std::vector<std::size_t> idx;
  for (auto it = b; it != e; ++it) idx.push_back(it->second);
  std::sort(idx.begin(), idx.end());
  std::vector<const Item*> out;
  for (auto i : idx) out.push_back(&items_[i]);
  return out;
}

Page Catalog::search(std::string_view query, int page, int per_page) const {
  Page result;
  result.page = std::max(page, 1);
  result.per_page = std::clamp(per_page, 1, kMaxPerPage);
  if (query.size() > kMaxQueryLength) query = query.substr(0, kMaxQueryLength);

  const std::string folded = fold(query);
  const std::string code_query = fold_code(query);
  std::vector<std::pair<int, std::size_t>> hits;  // (tier, item index)

  if (folded.empty() && code_query.empty()) {
    hits.reserve(items_.size());
    for (std::size_t i = 0; i < items_.size(); ++i) hits.emplace_back(0, i);
  } else {
    std::vector<char> taken(items_.size(), 0);
    if (!code_query.empty()) {
      for (std::size_t i = 0; i < items_.size(); ++i) {
        if (folded_codes_[i].starts_with(code_query)) {
          hits.emplace_back(0, i);
          taken[i] = 1;
        }
      }
    }
    const auto terms = words(folded);
    if (!terms.empty()) {
      // Scan the concatenated descriptions for the longest term (fewest false candidates), then
      // check the others inside each candidate's description only.
      const auto anchor = *std::max_element(terms.begin(), terms.end(),
                                            [](auto a, auto b) { return a.size() < b.size(); });
      const std::string_view hay = haystack_;
      std::size_t pos = hay.find(anchor);
      while (pos != std::string_view::npos) {
        const auto it = std::upper_bound(starts_.begin(), starts_.end(), pos);
        const auto i = static_cast<std::size_t>(it - starts_.begin()) - 1;
        const std::size_t end = i + 1 < starts_.size() ? starts_[i + 1] - 1 : hay.size();
        const std::string_view text = hay.substr(starts_[i], end - starts_[i]);
        if (!taken[i]) {
          bool all = true;
          bool all_word_starts = true;
          for (auto t : terms) {
            if (text.find(t) == std::string_view::npos) {
              all = false;
              break;
            }
            if (all_word_starts && !starts_a_word(text, t)) all_word_starts = false;
          }
          if (all) {
            const int tier = text.starts_with(folded) ? 1 : all_word_starts ? 2 : 3;
            hits.emplace_back(tier, i);
            taken[i] = 1;
          }
        }
        pos = hay.find(anchor, end);
      }
    }
    std::stable_sort(hits.begin(), hits.end());
  }

  result.total = hits.size();
  const std::size_t first = static_cast<std::size_t>(result.page - 1) * static_cast<std::size_t>(result.per_page);
  for (std::size_t k = first; k < hits.size() && k < first + static_cast<std::size_t>(result.per_page); ++k) {
    result.items.push_back(&items_[hits[k].second]);
  }
  return result;
}

}  // namespace portal::catalog
