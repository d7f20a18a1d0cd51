#pragma once
// One immutable catalog: its items in file order, a code index and a precomputed search index.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "portal/catalog/item.hpp"

namespace portal::catalog {

inline constexpr int kDefaultPerPage = 20;
inline constexpr int kMaxPerPage = 100;
inline constexpr std::size_t kMaxQueryLength = 100;  // longer queries are cut (issue 3: huge queries capped)

class Catalog {
 public:
  Catalog(std::string name, std::vector<Item> items, std::string version);
  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;
  Catalog(Catalog&&) = default;

  const std::string& name() const { return name_; }
  // Hex FNV-1a 64 of the source data: changes whenever the data does; usable as an HTTP ETag.
  const std::string& version() const { return version_; }
  const std::vector<Item>& items() const { return items_; }
  std::size_t size() const { return items_.size(); }

  // First item with this code (codes are compared after the catalog's normalisation, see
  // normalize_code in catalogs.hpp), or nullptr.
  const Item* find(std::string_view code) const;
  // Every item with this code: CUPS codes may appear under several classifications (AUT-1).
  std::vector<const Item*> find_all(std::string_view code) const;

  // SPA autocomplete. Matches, in this order (file order inside each tier):
  //   1. items whose code starts with the query (case-insensitive, dots ignored: "O80." finds O800);
  //   2. items whose description starts with the query;
  //   3. items where every query word starts a word of the description;
  //   4. items where every query word occurs anywhere in the description.
  // Descriptions are compared accent- and case-folded ("neumonia" finds "Neumonía"). An empty query
  // lists the catalog. page is 1-based; per_page is clamped to [1, kMaxPerPage].
  Page search(std::string_view query, int page = 1, int per_page = kDefaultPerPage) const;

 private:
  std::string name_;
  std::vector<Item> items_;
  std::string version_;
  std::unordered_multimap<std::string, std::size_t> by_code_;
  std::vector<std::string> folded_codes_;
  std::vector<std::string> folded_descriptions_;
  // Word index over the folded descriptions: every distinct word once, '\n'-separated in vocabulary_
  // (scanned with memmem for substrings, ~15x less text than the descriptions themselves), and for
  // each word the sorted items that contain it.
  std::string vocabulary_;
  std::vector<std::size_t> word_starts_;
  std::vector<std::vector<std::uint32_t>> postings_;
};

}  // namespace portal::catalog
