#include "portal/catalog/json.hpp"

#include <cstdio>

namespace portal::catalog {

namespace {

void append_string(std::string& out, std::string_view s) {
  out.push_back('"');
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(ch);
        }
    }
  }
  out.push_back('"');
}

void append_item(std::string& out, const Item& item) {
  out += "{\"code\":";
  append_string(out, item.code);
  out += ",\"description\":";
  append_string(out, item.description);
  for (const auto& f : item.fields) {
    out.push_back(',');
    append_string(out, f.name);
    out.push_back(':');
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::string>) {
            append_string(out, v);
          } else if constexpr (std::is_same_v<T, std::int64_t>) {
            out += std::to_string(v);
          } else if constexpr (std::is_same_v<T, bool>) {
            out += v ? "true" : "false";
          } else {
            out.push_back('[');
            for (std::size_t i = 0; i < v.size(); ++i) {
              if (i) out.push_back(',');
              out += "{\"code\":";
              append_string(out, v[i].code);
              out += ",\"description\":";
              append_string(out, v[i].description);
              out.push_back('}');
            }
            out.push_back(']');
          }
        },
        f.value);
  }
  out.push_back('}');
}

}  // namespace

std::string to_json(const Item& item) {
  std::string out;
  append_item(out, item);
  return out;
}

std::string to_json(const Page& page) {
  std::string out = "{\"items\":[";
  for (std::size_t i = 0; i < page.items.size(); ++i) {
    if (i) out.push_back(',');
    append_item(out, *page.items[i]);
  }
  out += "],\"page\":" + std::to_string(page.page) + ",\"per_page\":" + std::to_string(page.per_page) +
         ",\"total\":" + std::to_string(page.total) + "}";
  return out;
}

}  // namespace portal::catalog
