#include "support/json_fields.hpp"

#include <rapidjson/document.h>
#include <rapidjson/pointer.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace portal::test {

namespace {

std::optional<rapidjson::Document> parse(const std::string& body) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseIterativeFlag>(body.c_str(), body.size());
  if (doc.HasParseError()) return std::nullopt;
  return doc;
}

}  // namespace

bool is_json(const std::string& body) { return parse(body).has_value(); }

std::optional<std::string> json_string(const std::string& body, const std::string& pointer) {
  auto doc = parse(body);
  if (!doc) return std::nullopt;
  const auto* v = rapidjson::Pointer(pointer.c_str()).Get(*doc);
  if (v == nullptr || !v->IsString()) return std::nullopt;
  return std::string(v->GetString(), v->GetStringLength());
}

std::optional<long long> json_int(const std::string& body, const std::string& pointer) {
  auto doc = parse(body);
  if (!doc) return std::nullopt;
  const auto* v = rapidjson::Pointer(pointer.c_str()).Get(*doc);
  if (v == nullptr || !v->IsInt64()) return std::nullopt;
  return v->GetInt64();
}

std::optional<std::size_t> json_array_size(const std::string& body, const std::string& pointer) {
  auto doc = parse(body);
  if (!doc) return std::nullopt;
  const auto* v = rapidjson::Pointer(pointer.c_str()).Get(*doc);
  if (v == nullptr || !v->IsArray()) return std::nullopt;
  return v->Size();
}

std::string json_quote(const std::string& s) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size()));
  return buf.GetString();
}

}  // namespace portal::test
