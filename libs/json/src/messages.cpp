// Field messages shared by every reader and service, Spanish first (SPEC §2).
#include "portal/json/json.hpp"
#include "portal/json/messages.hpp"

namespace portal::json {

core::Text required_message() { return {"El campo es obligatorio", "This field is required"}; }

core::Text invalid_type_message(std::string_view expected_es, std::string_view expected_en) {
  return {"Debe ser " + std::string(expected_es), "Must be " + std::string(expected_en)};
}

core::Text too_long_message(std::size_t max_len) {
  const std::string n = std::to_string(max_len);
  return {"Debe tener como máximo " + n + " caracteres", "Must be at most " + n + " characters long"};
}

core::Text out_of_range_message(long long min, long long max) {
  const std::string lo = std::to_string(min);
  const std::string hi = std::to_string(max);
  return {"Debe estar entre " + lo + " y " + hi, "Must be between " + lo + " and " + hi};
}

core::Text invalid_value_message(const std::vector<std::string_view>& allowed) {
  std::string list;
  for (const auto a : allowed) {
    if (!list.empty()) list += ", ";
    list += a;
  }
  return {"Valor no permitido; valores válidos: " + list, "Value not allowed; allowed values: " + list};
}

core::Text too_many_items_message(std::size_t max_items) {
  const std::string n = std::to_string(max_items);
  return {"Debe tener como máximo " + n + " elementos", "Must have at most " + n + " items"};
}

}  // namespace portal::json
