#include "csv.hpp"

namespace portal::finance::csv {

namespace {
std::string_view without_bom(std::string_view text) {
  return text.starts_with(kUtf8Bom) ? text.substr(kUtf8Bom.size()) : text;
}
}  // namespace

bool read(std::string_view text, char separator, std::vector<Record>& out) {
  text = without_bom(text);
  std::size_t i = 0;
  int line = 1;
  while (i < text.size()) {
    Record record;
    record.line = line;
    std::string field;
    bool in_quotes = false;
    bool end_of_record = false;
    while (i < text.size() && !end_of_record) {
      const char ch = text[i];
      if (in_quotes) {
        if (ch == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          in_quotes = false;
        } else {
          if (ch == '\n') ++line;
          field += ch;
        }
        ++i;
      } else if (ch == '"' && field.empty()) {
        in_quotes = true;
        ++i;
      } else if (ch == separator) {
        record.fields.push_back(std::move(field));
        field.clear();
        ++i;
      } else if (ch == '\r' || ch == '\n') {
        i += (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
        ++line;
        end_of_record = true;
      } else {
        field += ch;
        ++i;
      }
    }
    if (in_quotes) return false;
    record.fields.push_back(std::move(field));
    const bool blank = record.fields.size() == 1 && record.fields[0].empty();
    if (!blank) out.push_back(std::move(record));
  }
  return true;
}

char guess_separator(std::string_view text) {
  text = without_bom(text);
  int commas = 0, semicolons = 0;
  bool in_quotes = false;
  for (char ch : text) {
    if (ch == '"') in_quotes = !in_quotes;
    if (in_quotes) continue;
    if (ch == '\n' || ch == '\r') break;
    if (ch == ',') ++commas;
    if (ch == ';') ++semicolons;
  }
  return semicolons > commas ? ';' : ',';
}

bool valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    int extra = 0;
    unsigned min = 0, cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1, min = 0x80, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2, min = 0x800, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3, min = 0x10000, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + static_cast<std::size_t>(extra) >= text.size()) return false;  // cut short
    for (int k = 1; k <= extra; ++k) {
      const auto n = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
      if ((n & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (n & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += static_cast<std::size_t>(extra) + 1;
  }
  return true;
}

void append_field(std::string& out, std::string_view field, char separator) {
  if (field.find_first_of(std::string{separator, '"', '\r', '\n'}) == std::string_view::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char ch : field) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
}

}  // namespace portal::finance::csv
