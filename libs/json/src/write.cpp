#include "portal/json/json.hpp"

namespace portal::json {

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

}  // namespace portal::json
