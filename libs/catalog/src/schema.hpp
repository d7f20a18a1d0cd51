#pragma once
// What each catalog file holds: accepted column names (canonical first, then the names official
// tables use), value types, and code rules. Shared by the importer and the start-up loader so both
// accept exactly the same files.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portal/catalog/item.hpp"

namespace portal::catalog::schema {

enum class Type { text, integer, boolean };

struct Column {
  std::string name;                  // canonical name = the item field name
  Type type = Type::text;
  bool required = false;             // column must exist and the value be non-empty
  std::vector<std::string> aliases;  // folded header names accepted for this column
  // Value when the column is missing or empty (applied before type parsing); derived from the row's
  // code when set. Returning "" leaves the field absent.
  std::function<std::string(std::string_view code)> fallback;
  // Extra check of a present value; returns the rejection reason or "".
  std::function<std::string(std::string_view value)> check;
};

struct Spec {
  std::string name;
  std::vector<std::string> code_aliases;
  std::vector<std::string> description_aliases;
  std::vector<Column> columns;
  std::function<std::string(std::string_view)> normalize;  // canonical code
  std::function<bool(std::string_view)> valid_code;
  std::string code_rule;              // for the rejection message
  bool key_includes_first_column = false;  // cups: code + classification; cie10_limits: from + to
  bool grouped_actions = false;            // call_actions: rows are (action, procedure) pairs
};

// nullptr for an unknown name.
const Spec* find(std::string_view name);
const std::vector<Spec>& all();

// Header names compare lower-case, without accents, spaces or punctuation, and after any "Extra_I:"
// prefix (SISPRO's reference tables name columns like "Extra_I:AplicaASexo").
std::string fold_header(std::string_view header);

}  // namespace portal::catalog::schema
