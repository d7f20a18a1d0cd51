#include "jwt_json.hpp"

#include <algorithm>
#include <vector>

namespace portal::security::detail {

std::optional<rapidjson::Document> parse_json_object(std::string_view text) {
  if (text.size() > kMaxJsonBytes) return std::nullopt;
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag>(text.data(), text.size());
  if (doc.HasParseError() || !doc.IsObject()) return std::nullopt;
  std::vector<std::string_view> names;
  names.reserve(doc.MemberCount());
  for (const auto& m : doc.GetObject()) names.emplace_back(m.name.GetString(), m.name.GetStringLength());
  std::sort(names.begin(), names.end());
  if (std::adjacent_find(names.begin(), names.end()) != names.end()) return std::nullopt;
  return doc;
}

std::optional<std::string_view> string_member(const rapidjson::Value& object, const char* name) {
  auto it = object.FindMember(name);
  if (it == object.MemberEnd() || !it->value.IsString()) return std::nullopt;
  return std::string_view{it->value.GetString(), it->value.GetStringLength()};
}

}  // namespace portal::security::detail
