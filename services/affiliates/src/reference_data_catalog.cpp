#include "reference_data_catalog.hpp"

#include <algorithm>
#include <variant>

namespace portal::affiliates {

ReferenceData reference_data_from_catalog(const catalog::Catalogs& catalogs) {
  ReferenceData ref;
  if (const auto* types = catalogs.get(catalog::kDocumentTypes)) {
    for (const auto& item : types->items()) {
      DocumentTypeHint hint;
      hint.code = item.code;
      hint.numeric = std::find(kNumericDocumentTypes.begin(), kNumericDocumentTypes.end(), item.code) !=
                     kNumericDocumentTypes.end();
      if (const auto min = item.number("min_age_years", -1); min >= 0) hint.min_age = static_cast<int>(min);
      if (const auto max = item.number("max_age_years", -1); max >= 0) hint.max_age = static_cast<int>(max);
      ref.document_types.emplace(item.code, std::move(hint));
    }
  }
  if (const auto* divipola = catalogs.get(catalog::kDivipola)) {
    for (const auto& item : divipola->items()) ref.municipalities.insert(item.code);
  }
  if (const auto* actions = catalogs.get(catalog::kCallActions)) {
    for (const auto& item : actions->items()) {
      CallAction action;
      action.code = item.code;
      for (const auto& field : item.fields) {
        if (const auto* entries = std::get_if<std::vector<catalog::Entry>>(&field.value)) {
          for (const auto& e : *entries) action.procedures.push_back(e.code);
        }
      }
      // Tabla 4.1: the action without procedures is "Otros — digitar en campo de texto".
      action.free_text = action.procedures.empty();
      ref.call_actions.emplace(item.code, std::move(action));
    }
  }
  return ref;
}

}  // namespace portal::affiliates
