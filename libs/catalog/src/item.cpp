#include "portal/catalog/item.hpp"

namespace portal::catalog {

const Value* Item::field(std::string_view name) const {
  for (const auto& f : fields) {
    if (f.name == name) return &f.value;
  }
  return nullptr;
}

std::string_view Item::text(std::string_view name, std::string_view fallback) const {
  const auto* v = field(name);
  if (const auto* s = v ? std::get_if<std::string>(v) : nullptr) return *s;
  return fallback;
}

std::int64_t Item::number(std::string_view name, std::int64_t fallback) const {
  const auto* v = field(name);
  if (const auto* n = v ? std::get_if<std::int64_t>(v) : nullptr) return *n;
  return fallback;
}

bool Item::flag(std::string_view name, bool fallback) const {
  const auto* v = field(name);
  if (const auto* b = v ? std::get_if<bool>(v) : nullptr) return *b;
  return fallback;
}

}  // namespace portal::catalog
