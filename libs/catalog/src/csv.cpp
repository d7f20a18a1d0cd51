#include "csv.hpp"

#include "portal/core/text.hpp"

namespace portal::catalog::csv {

std::string to_utf8(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (core::is_valid_utf8(text)) return std::string(text);
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out.push_back(ch);
    } else {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

char detect_delimiter(std::string_view header_line) {
  char best = ',';
  std::size_t best_count = 0;
  for (char d : {',', ';', '\t', '|'}) {
    std::size_t n = 0;
    bool quoted = false;
    for (char c : header_line) {
      if (c == '"')
        quoted = !quoted;
      else if (c == d && !quoted)
        ++n;
    }
    if (n > best_count) {
      best = d;
      best_count = n;
    }
  }
  return best;
}

std::vector<Record> parse(std::string_view text) {
  std::vector<Record> records;
  const auto header_end = text.find('\n');
  const char delim = detect_delimiter(text.substr(0, header_end));
  std::size_t i = 0;
  std::size_t line = 1;
  while (i < text.size()) {
    Record rec;
    rec.line = line;
    std::string field;
    bool done = false;
    bool any = false;
    while (!done) {
      if (i >= text.size()) {
        rec.fields.push_back(std::move(field));
        break;
      }
      char c = text[i];
      if (c == '"' && field.empty()) {
        // Quoted field: runs to the closing quote; "" is a literal quote.
        ++i;
        bool closed = false;
        while (i < text.size()) {
          if (text[i] == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              field.push_back('"');
              i += 2;
              continue;
            }
            ++i;
            closed = true;
            break;
          }
          if (text[i] == '\n') ++line;
          field.push_back(text[i++]);
        }
        if (!closed) {
          rec.error = "unterminated quoted field";
          rec.fields.push_back(std::move(field));
          records.push_back(std::move(rec));
          return records;
        }
        any = true;
        continue;
      }
      if (c == delim) {
        rec.fields.push_back(std::move(field));
        field.clear();
        any = true;
        ++i;
        continue;
      }
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
        continue;
      }
      if (c == '\n') {
        rec.fields.push_back(std::move(field));
        ++i;
        ++line;
        done = true;
        continue;
      }
      field.push_back(c);
      any = true;
      ++i;
    }
    // Blank lines are skipped (their line numbers still count).
    if (any || rec.fields.size() > 1 || (!rec.fields.empty() && !rec.fields[0].empty())) {
      records.push_back(std::move(rec));
    }
  }
  return records;
}

std::string escape(std::string_view field) {
  if (field.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"')
      out += "\"\"";
    else
      out.push_back(c);
  }
  out.push_back('"');
  return out;
}

}  // namespace portal::catalog::csv
