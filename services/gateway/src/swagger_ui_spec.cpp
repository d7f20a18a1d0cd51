#include "swagger_ui_spec.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <yaml-cpp/yaml.h>

#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

namespace portal::gateway {
namespace {

using rapidjson::Value;
using Allocator = rapidjson::Document::AllocatorType;

Value text(std::string_view s, Allocator& a) {
  return Value(s.data(), static_cast<rapidjson::SizeType>(s.size()), a);
}

// YAML 1.2 core schema for plain scalars; quoted and block scalars (tag "!") are always strings.
Value scalar(const YAML::Node& n, Allocator& a) {
  const std::string& s = n.Scalar();
  if (n.Tag() == "!") return text(s, a);
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return Value(rapidjson::kNullType);
  if (s == "true" || s == "True" || s == "TRUE") return Value(true);
  if (s == "false" || s == "False" || s == "FALSE") return Value(false);
  static const std::regex kInteger{"[-+]?[0-9]+"};
  static const std::regex kFloat{R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)"};
  if (std::regex_match(s, kInteger) && s.size() < 19) return Value(static_cast<int64_t>(std::stoll(s)));
  if (std::regex_match(s, kFloat)) return Value(std::stod(s));
  return text(s, a);
}

Value to_json(const YAML::Node& n, Allocator& a) {
  switch (n.Type()) {
    case YAML::NodeType::Map: {
      Value out(rapidjson::kObjectType);
      for (const auto& kv : n) out.AddMember(text(kv.first.Scalar(), a), to_json(kv.second, a), a);
      return out;
    }
    case YAML::NodeType::Sequence: {
      Value out(rapidjson::kArrayType);
      for (const auto& item : n) out.PushBack(to_json(item, a), a);
      return out;
    }
    case YAML::NodeType::Scalar:
      return scalar(n, a);
    default:
      return Value(rapidjson::kNullType);
  }
}

bool is_string(const Value& v, std::string_view s) {
  return v.IsString() && std::string_view(v.GetString(), v.GetStringLength()) == s;
}

// {type: 'null'} (after its own conversion: it has no other member).
bool is_null_alternative(const Value& v) {
  return v.IsObject() && v.MemberCount() == 1 && v.HasMember("type") && is_string(v["type"], "null");
}

void set(Value& object, const char* name, Value value, Allocator& a) {
  if (object.HasMember(name))
    object[name] = std::move(value);
  else
    object.AddMember(Value(name, a), std::move(value), a);
}

void convert_type_list(Value& o, Allocator& a) {
  if (!o.HasMember("type") || !o["type"].IsArray()) return;
  std::vector<std::string> types;
  bool nullable = false;
  for (const auto& t : o["type"].GetArray()) {
    if (is_string(t, "null"))
      nullable = true;
    else if (t.IsString())
      types.emplace_back(t.GetString(), t.GetStringLength());
  }
  o.RemoveMember("type");
  if (types.size() == 1) {
    o.AddMember("type", text(types.front(), a), a);
  } else if (types.size() > 1 && !o.HasMember("anyOf")) {
    Value any(rapidjson::kArrayType);
    for (const auto& t : types) {
      Value alternative(rapidjson::kObjectType);
      alternative.AddMember("type", text(t, a), a);
      any.PushBack(std::move(alternative), a);
    }
    o.AddMember("anyOf", std::move(any), a);
  }
  if (nullable) set(o, "nullable", Value(true), a);
}

void convert_null_alternatives(Value& o, const char* keyword, Allocator& a) {
  if (!o.HasMember(keyword) || !o[keyword].IsArray()) return;
  Value& alternatives = o[keyword];
  bool nullable = false;
  for (auto it = alternatives.Begin(); it != alternatives.End();) {
    if (is_null_alternative(*it)) {
      nullable = true;
      it = alternatives.Erase(it);
    } else {
      ++it;
    }
  }
  if (!nullable) return;
  set(o, "nullable", Value(true), a);
  if (alternatives.Size() != 1) return;
  Value only(std::move(alternatives[0]), a);
  o.RemoveMember(keyword);
  if (only.IsObject() && only.HasMember("$ref")) {
    Value all(rapidjson::kArrayType);
    all.PushBack(std::move(only), a);
    set(o, "allOf", std::move(all), a);
  } else if (only.IsObject()) {
    for (auto& m : only.GetObject())
      if (!o.HasMember(m.name)) o.AddMember(Value(m.name, a), Value(m.value, a), a);
  }
}

void convert_exclusive(Value& o, const char* keyword, const char* bound, Allocator& a) {
  if (!o.HasMember(keyword) || !o[keyword].IsNumber()) return;
  Value limit(o[keyword], a);
  o[keyword] = Value(true);
  set(o, bound, std::move(limit), a);
}

// Children first (so a `oneOf` alternative is already 3.0 when its parent looks at it), then the object.
// The members of a `properties` map are names, not keywords: only their values are converted.
void convert(Value& v, Allocator& a, bool names_only = false) {
  if (v.IsArray()) {
    for (auto& item : v.GetArray()) convert(item, a);
    return;
  }
  if (!v.IsObject()) return;
  for (auto& m : v.GetObject()) convert(m.value, a, !names_only && is_string(m.name, "properties"));
  if (names_only) return;
  convert_type_list(v, a);
  convert_null_alternatives(v, "oneOf", a);
  convert_null_alternatives(v, "anyOf", a);
  if (v.HasMember("const")) {
    Value values(rapidjson::kArrayType);
    values.PushBack(Value(v["const"], a), a);
    v.RemoveMember("const");
    set(v, "enum", std::move(values), a);
  }
  convert_exclusive(v, "exclusiveMinimum", "minimum", a);
  convert_exclusive(v, "exclusiveMaximum", "maximum", a);
  if (v.HasMember("examples") && v["examples"].IsArray()) {
    if (!v["examples"].Empty() && !v.HasMember("example"))
      v.AddMember("example", Value(v["examples"][0], a), a);
    v.RemoveMember("examples");
  }
  v.RemoveMember("propertyNames");
}

}  // namespace

std::string openapi_for_swagger_ui(std::string_view openapi_yaml) {
  YAML::Node yaml;
  try {
    yaml = YAML::Load(std::string{openapi_yaml});
  } catch (const YAML::Exception& e) {
    throw std::runtime_error(std::string{"OpenAPI document is not YAML: "} + e.what());
  }
  if (!yaml.IsMap()) throw std::runtime_error("OpenAPI document is not a YAML mapping");
  rapidjson::Document doc;
  auto& a = doc.GetAllocator();
  static_cast<Value&>(doc) = to_json(yaml, a);
  // Only the document's own parts are schemas or hold them; the top level and `info` are converted by hand.
  for (const char* part : {"paths", "components"})
    if (doc.HasMember(part)) convert(doc[part], a);
  set(doc, "openapi", Value("3.0.3"), a);
  Value servers(rapidjson::kArrayType);
  Value same_origin(rapidjson::kObjectType);
  same_origin.AddMember("url", "/", a);
  same_origin.AddMember("description", "This gateway (the page's own origin)", a);
  servers.PushBack(std::move(same_origin), a);
  set(doc, "servers", std::move(servers), a);
  doc.RemoveMember("jsonSchemaDialect");
  doc.RemoveMember("webhooks");
  if (doc.HasMember("info") && doc["info"].IsObject()) {
    doc["info"].RemoveMember("summary");
    if (doc["info"].HasMember("license") && doc["info"]["license"].IsObject())
      doc["info"]["license"].RemoveMember("identifier");
  }
  rapidjson::StringBuffer out;
  rapidjson::Writer<rapidjson::StringBuffer> writer(out);
  doc.Accept(writer);
  return {out.GetString(), out.GetSize()};
}

}  // namespace portal::gateway
