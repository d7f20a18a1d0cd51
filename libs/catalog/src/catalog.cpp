#include "portal/catalog/catalog.hpp"

#include <string.h>  // memmem (glibc): much faster than string_view::find on 700 KB of text

#include <algorithm>
#include <cstring>
#include <map>

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

std::size_t find_in(std::string_view hay, std::string_view needle, std::size_t from) {
  if (from >= hay.size()) return std::string_view::npos;
  const void* p = memmem(hay.data() + from, hay.size() - from, needle.data(), needle.size());
  return p ? static_cast<std::size_t>(static_cast<const char*>(p) - hay.data()) : std::string_view::npos;
}

}  // namespace

Catalog::Catalog(std::string name, std::vector<Item> items, std::string version)
    : name_(std::move(name)), items_(std::move(items)), version_(std::move(version)) {
  by_code_.reserve(items_.size());
  folded_codes_.reserve(items_.size());
  folded_descriptions_.reserve(items_.size());
  std::map<std::string, std::vector<std::uint32_t>, std::less<>> words_to_items;
  for (std::size_t i = 0; i < items_.size(); ++i) {
    auto code = fold_code(items_[i].code);
    by_code_.emplace(code, i);
    folded_codes_.push_back(std::move(code));
    folded_descriptions_.push_back(fold(items_[i].description));
    for (auto w : words(folded_descriptions_.back())) {
      auto& list = words_to_items[std::string(w)];
      if (list.empty() || list.back() != i) list.push_back(static_cast<std::uint32_t>(i));
    }
  }
  for (auto& [word, list] : words_to_items) {
    vocabulary_.push_back('\n');
    word_starts_.push_back(vocabulary_.size());
    vocabulary_ += word;
    postings_.push_back(std::move(list));
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
  const std::size_t n = items_.size();
  // Matches by tier (see catalog.hpp), each in file order, so no sort is needed.
  std::vector<std::uint32_t> tiers[4];

  if (folded.empty() && code_query.empty()) {
    for (std::size_t i = 0; i < n; ++i) tiers[0].push_back(static_cast<std::uint32_t>(i));
  } else {
    std::vector<char> by_code(n, 0);
    if (!code_query.empty()) {
      for (std::size_t i = 0; i < n; ++i) {
        if (folded_codes_[i].starts_with(code_query)) {
          tiers[0].push_back(static_cast<std::uint32_t>(i));
          by_code[i] = 1;
        }
      }
    }
    const auto terms = words(folded);
    if (!terms.empty() && terms.size() < 255) {
      // matched[i]: how many terms item i contains so far; at_start[i]: how many of them start a
      // word. An item only advances when it matched every previous term, so each term counts once.
      std::vector<std::uint8_t> matched(n, 0), at_start(n, 0);
      const std::string_view vocab = vocabulary_;
      for (std::size_t k = 0; k < terms.size(); ++k) {
        const auto term = terms[k];
        std::vector<std::size_t> prefix_words, inner_words;
        for (std::size_t pos = find_in(vocab, term, 0); pos != std::string_view::npos;) {
          const auto it = std::upper_bound(word_starts_.begin(), word_starts_.end(), pos);
          const auto w = static_cast<std::size_t>(it - word_starts_.begin()) - 1;
          (pos == word_starts_[w] ? prefix_words : inner_words).push_back(w);
          pos = w + 1 < word_starts_.size() ? find_in(vocab, term, word_starts_[w + 1]) : std::string_view::npos;
        }
        for (auto w : prefix_words) {
          for (auto i : postings_[w]) {
            if (matched[i] == k) {
              matched[i] = static_cast<std::uint8_t>(k + 1);
              if (at_start[i] == k) at_start[i] = static_cast<std::uint8_t>(k + 1);
            }
          }
        }
        for (auto w : inner_words) {
          for (auto i : postings_[w]) {
            if (matched[i] == k) matched[i] = static_cast<std::uint8_t>(k + 1);
          }
        }
      }
      const auto all = static_cast<std::uint8_t>(terms.size());
      for (std::size_t i = 0; i < n; ++i) {
        if (matched[i] != all || by_code[i]) continue;
        const int tier = at_start[i] != all ? 3 : folded_descriptions_[i].starts_with(folded) ? 1 : 2;
        tiers[tier].push_back(static_cast<std::uint32_t>(i));
      }
    }
  }

  for (const auto& t : tiers) result.total += t.size();
  std::size_t skip = static_cast<std::size_t>(result.page - 1) * static_cast<std::size_t>(result.per_page);
  for (const auto& t : tiers) {
    for (auto i : t) {
      if (result.items.size() == static_cast<std::size_t>(result.per_page)) return result;
      if (skip > 0) {
        --skip;
        continue;
      }
      result.items.push_back(&items_[i]);
    }
  }
  return result;
}

}  // namespace portal::catalog
