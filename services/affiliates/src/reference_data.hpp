#pragma once
// The reference data the affiliate rules consult (document types with their age hints, DIVIPOLA
// municipalities, Tabla 4.1 actions → procedures), as plain lookups. Built once at start-up from
// libs/catalog (reference_data_from_catalog) and by tests from small tables, so the rules stay pure.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace portal::affiliates {

struct DocumentTypeHint {
  std::string code;  // CC, TI, RC, ...
  bool numeric = true;
  std::optional<int> min_age;  // AFF-1 hints: RC under 7, TI 7–17, CC 18+, MS under 18, AS 18+
  std::optional<int> max_age;
};

struct CallAction {
  std::string code;
  std::vector<std::string> procedures;  // Tabla 4.1; empty for the free-text action
  bool free_text = false;               // `other`: "Digitar en campo de texto"
};

struct ReferenceData {
  std::map<std::string, DocumentTypeHint, std::less<>> document_types;
  std::set<std::string, std::less<>> municipalities;
  std::map<std::string, CallAction, std::less<>> call_actions;

  const DocumentTypeHint* document_type(std::string_view code) const {
    auto it = document_types.find(code);
    return it == document_types.end() ? nullptr : &it->second;
  }
  bool municipality_exists(std::string_view code) const {
    return municipalities.find(code) != municipalities.end();
  }
  const CallAction* call_action(std::string_view code) const {
    auto it = call_actions.find(code);
    return it == call_actions.end() ? nullptr : &it->second;
  }
};

}  // namespace portal::affiliates
