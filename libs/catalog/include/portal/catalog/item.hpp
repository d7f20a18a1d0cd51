#pragma once
// The uniform shape of every catalog entry (issue 3: items are {"code","description",...}), so the
// affiliates service can serve any catalog through one route and the SPA can autocomplete any of them.
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace portal::catalog {

// A nested code/description pair, e.g. the procedures (trámites) allowed for a call action.
struct Entry {
  std::string code;
  std::string description;
};

// Extra field values: text, whole number, flag, or a list of entries. A field absent from an item
// means "no value" (e.g. a document type without a maximum age).
using Value = std::variant<std::string, std::int64_t, bool, std::vector<Entry>>;

struct Field {
  std::string name;
  Value value;
};

struct Item {
  std::string code;
  std::string description;
  std::vector<Field> fields;  // in the catalog's column order

  const Value* field(std::string_view name) const;
  // Typed reads; the fallback is returned when the field is absent or of another type.
  std::string_view text(std::string_view name, std::string_view fallback = {}) const;
  std::int64_t number(std::string_view name, std::int64_t fallback) const;
  bool flag(std::string_view name, bool fallback = false) const;
};

// One page of a search, 1-based; `total` counts every match, not just this page.
struct Page {
  std::vector<const Item*> items;
  std::size_t total = 0;
  int page = 1;
  int per_page = 20;
};

}  // namespace portal::catalog
