// Typed reads of one JSON object that record every problem instead of stopping at the first (SPEC §2:
// a bad request lists every bad field). `null` counts as absent: clients send it for "no value".
#include <utility>

#include "portal/json/json.hpp"
#include "portal/json/messages.hpp"
#include "portal/json/utf8.hpp"

namespace portal::json {
namespace {

core::Text string_expected() { return invalid_type_message("un texto", "a string"); }
core::Text integer_expected() { return invalid_type_message("un número entero", "an integer"); }
core::Text bool_expected() { return invalid_type_message("verdadero o falso", "true or false"); }
core::Text object_expected() { return invalid_type_message("un objeto", "an object"); }
core::Text array_expected() { return invalid_type_message("una lista", "an array"); }

std::string_view view(const rapidjson::Value& v) { return {v.GetString(), v.GetStringLength()}; }

}  // namespace

ObjectReader::ObjectReader(const rapidjson::Value& object, core::FieldErrors& errors, std::string prefix)
    : object_(object), errors_(errors), prefix_(std::move(prefix)) {}

const rapidjson::Value* ObjectReader::member(std::string_view name) const {
  if (!object_.IsObject()) return nullptr;
  rapidjson::Value key(rapidjson::StringRef(name.data(), static_cast<rapidjson::SizeType>(name.size())));
  const auto it = object_.FindMember(key);
  if (it == object_.MemberEnd() || it->value.IsNull()) return nullptr;
  return &it->value;
}

bool ObjectReader::has(std::string_view name) const { return member(name) != nullptr; }

std::string ObjectReader::path(std::string_view name) const {
  if (prefix_.empty()) return std::string(name);
  return prefix_ + "." + std::string(name);
}

namespace {

// "\u0000" is valid JSON but no stored text may hold it: PostgreSQL's text type refuses it and SQLite
// would cut it short in C strings (issue 8: both backends must answer the same, with a 422, not a 500).
bool has_nul(std::string_view s) { return s.find('\0') != std::string_view::npos; }

core::Text nul_message() {
  return {"El texto contiene un carácter nulo (\\u0000).", "The text holds a NUL character (\\u0000)."};
}

}  // namespace

void ObjectReader::add_error(std::string_view name, std::string code, core::Text message) {
  errors_.push_back({path(name), std::move(code), std::move(message)});
}

std::optional<std::string> ObjectReader::optional_string(std::string_view name, std::size_t max_len) {
  const auto* v = member(name);
  if (!v) return std::nullopt;
  if (!v->IsString()) {
    add_error(name, "invalid_type", string_expected());
    return std::nullopt;
  }
  if (utf8_length(view(*v)) > max_len) {
    add_error(name, "too_long", too_long_message(max_len));
    return std::nullopt;
  }
  if (has_nul(view(*v))) {
    add_error(name, "invalid_characters", nul_message());
    return std::nullopt;
  }
  return std::string(view(*v));
}

std::optional<std::string> ObjectReader::required_string(std::string_view name, std::size_t max_len) {
  const auto* v = member(name);
  // A blank value is as good as no value for a required field.
  if (!v || (v->IsString() && is_blank(view(*v)))) {
    add_error(name, "required", required_message());
    return std::nullopt;
  }
  return optional_string(name, max_len);
}

std::optional<long long> ObjectReader::optional_int(std::string_view name, long long min, long long max) {
  const auto* v = member(name);
  if (!v) return std::nullopt;
  if (v->IsInt64()) {
    const long long n = v->GetInt64();
    if (n < min || n > max) {
      add_error(name, "out_of_range", out_of_range_message(min, max));
      return std::nullopt;
    }
    return n;
  }
  if (v->IsUint64()) {  // above INT64_MAX: a whole number, just far too large
    add_error(name, "out_of_range", out_of_range_message(min, max));
    return std::nullopt;
  }
  add_error(name, "invalid_type", integer_expected());
  return std::nullopt;
}

std::optional<long long> ObjectReader::required_int(std::string_view name, long long min, long long max) {
  if (!member(name)) {
    add_error(name, "required", required_message());
    return std::nullopt;
  }
  return optional_int(name, min, max);
}

std::optional<bool> ObjectReader::optional_bool(std::string_view name) {
  const auto* v = member(name);
  if (!v) return std::nullopt;
  if (!v->IsBool()) {
    add_error(name, "invalid_type", bool_expected());
    return std::nullopt;
  }
  return v->GetBool();
}

std::optional<bool> ObjectReader::required_bool(std::string_view name) {
  if (!member(name)) {
    add_error(name, "required", required_message());
    return std::nullopt;
  }
  return optional_bool(name);
}

std::optional<std::string> ObjectReader::optional_enum(std::string_view name,
                                                       const std::vector<std::string_view>& allowed) {
  const auto* v = member(name);
  if (!v) return std::nullopt;
  if (!v->IsString()) {
    add_error(name, "invalid_type", string_expected());
    return std::nullopt;
  }
  for (const auto a : allowed) {
    if (a == view(*v)) return std::string(a);
  }
  add_error(name, "invalid_value", invalid_value_message(allowed));
  return std::nullopt;
}

std::optional<std::string> ObjectReader::required_enum(std::string_view name,
                                                       const std::vector<std::string_view>& allowed) {
  const auto* v = member(name);
  if (!v || (v->IsString() && is_blank(view(*v)))) {
    add_error(name, "required", required_message());
    return std::nullopt;
  }
  return optional_enum(name, allowed);
}

std::optional<std::vector<std::string>> ObjectReader::optional_string_array(std::string_view name,
                                                                            std::size_t max_items,
                                                                            std::size_t max_len) {
  const auto* v = member(name);
  if (!v) return std::nullopt;
  if (!v->IsArray()) {
    add_error(name, "invalid_type", invalid_type_message("una lista de textos", "an array of strings"));
    return std::nullopt;
  }
  if (v->Size() > max_items) {
    add_error(name, "too_many_items", too_many_items_message(max_items));
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (rapidjson::SizeType i = 0; i < v->Size(); ++i) {
    const auto& item = (*v)[i];
    const std::string item_name = std::string(name) + "[" + std::to_string(i) + "]";
    if (!item.IsString()) {
      add_error(item_name, "invalid_type", string_expected());
      ok = false;
    } else if (utf8_length(view(item)) > max_len) {
      add_error(item_name, "too_long", too_long_message(max_len));
      ok = false;
    } else if (has_nul(view(item))) {
      add_error(item_name, "invalid_characters", nul_message());
      ok = false;
    } else {
      out.emplace_back(view(item));
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

const rapidjson::Value* ObjectReader::optional_object(std::string_view name) {
  const auto* v = member(name);
  if (!v) return nullptr;
  if (!v->IsObject()) {
    add_error(name, "invalid_type", object_expected());
    return nullptr;
  }
  return v;
}

const rapidjson::Value* ObjectReader::required_object(std::string_view name) {
  if (!member(name)) {
    add_error(name, "required", required_message());
    return nullptr;
  }
  return optional_object(name);
}

const rapidjson::Value* ObjectReader::optional_array(std::string_view name) {
  const auto* v = member(name);
  if (!v) return nullptr;
  if (!v->IsArray()) {
    add_error(name, "invalid_type", array_expected());
    return nullptr;
  }
  return v;
}

const rapidjson::Value* ObjectReader::required_array(std::string_view name) {
  if (!member(name)) {
    add_error(name, "required", required_message());
    return nullptr;
  }
  return optional_array(name);
}

}  // namespace portal::json
