#include <algorithm>
#include <vector>

#include "portal/json/json.hpp"

namespace portal::json {
namespace {

void write_canonical(Writer& w, const rapidjson::Value& v) {
  if (v.IsObject()) {
    std::vector<const rapidjson::Value::Member*> members;
    members.reserve(v.MemberCount());
    for (const auto& m : v.GetObject()) members.push_back(&m);
    std::stable_sort(members.begin(), members.end(), [](const auto* a, const auto* b) {
      return std::string_view{a->name.GetString(), a->name.GetStringLength()} <
             std::string_view{b->name.GetString(), b->name.GetStringLength()};
    });
    w.StartObject();
    for (const auto* m : members) {
      w.Key(m->name.GetString(), m->name.GetStringLength());
      write_canonical(w, m->value);
    }
    w.EndObject();
  } else if (v.IsArray()) {
    w.StartArray();
    for (const auto& item : v.GetArray()) write_canonical(w, item);
    w.EndArray();
  } else {
    v.Accept(w);
  }
}

}  // namespace

std::optional<std::string> canonical(std::string_view body) {
  auto parsed = parse(body, kDefaultMaxDepth, false);
  if (!parsed.ok()) return std::nullopt;
  rapidjson::StringBuffer buffer;
  Writer writer(buffer);
  write_canonical(writer, parsed.doc);
  return std::string{buffer.GetString(), buffer.GetSize()};
}

std::string to_string(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  Writer writer(buffer);
  value.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

void write_optional(Writer& w, const std::optional<std::string>& s) {
  if (s) {
    write_string(w, *s);
  } else {
    w.Null();
  }
}

std::string string_array_json(const std::vector<std::string>& values) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartArray();
  for (const auto& v : values) write_string(w, v);
  w.EndArray();
  return {buffer.GetString(), buffer.GetSize()};
}

std::vector<std::string> parse_string_array(std::string_view text) {
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  std::vector<std::string> out;
  if (doc.HasParseError() || !doc.IsArray()) return out;
  for (const auto& v : doc.GetArray()) {
    if (v.IsString()) out.emplace_back(v.GetString(), v.GetStringLength());
  }
  return out;
}

void write_field_errors(Writer& w, const core::FieldErrors& errors, core::Lang lang) {
  w.StartArray();
  for (const auto& e : errors) {
    w.StartObject();
    write_key(w, "field");
    write_string(w, e.field);
    write_key(w, "code");
    write_string(w, e.code);
    write_key(w, "message");
    write_string(w, e.message.in(lang));
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace portal::json
