#pragma once
// RFC 4180 CSV reading for catalog files: quoted fields with "" escapes and embedded newlines, any of
// , ; | or tab as delimiter (detected from the header line), CRLF or LF, UTF-8 with optional BOM
// (Latin-1 input, as some official exports are, is converted to UTF-8 first).
#include <string>
#include <string_view>
#include <vector>

namespace portal::catalog::csv {

struct Record {
  std::size_t line = 0;  // 1-based line where the record starts
  std::vector<std::string> fields;
  std::string error;     // e.g. "unterminated quoted field"; fields are unreliable when set
};

std::string to_utf8(std::string_view text);
char detect_delimiter(std::string_view header_line);
std::vector<Record> parse(std::string_view text);

// Quotes a field when it holds the delimiter, a quote or a line break.
std::string escape(std::string_view field);

}  // namespace portal::catalog::csv
