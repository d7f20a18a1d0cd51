#include "portal/documents/field_values.hpp"

#include "portal/catalog/catalogs.hpp"

namespace portal::documents {

std::string or_fallback(const std::string& value, const std::string& fallback) {
  return value.empty() ? fallback : value;
}

std::string describe(const catalog::Catalogs& catalogs, std::string_view name, std::string_view code) {
  if (code.empty()) return {};
  const catalog::Item* item = catalogs.find(name, code);
  return item != nullptr ? item->description : std::string(code);
}

std::vector<Option> catalog_options(const catalog::Catalogs& catalogs, std::string_view name,
                                    std::string_view code) {
  std::vector<Option> options;
  if (const catalog::Catalog* c = catalogs.get(name))
    for (const catalog::Item& item : c->items()) options.push_back({item.description, item.code == code});
  return options;
}

}  // namespace portal::documents
