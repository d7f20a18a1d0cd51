#pragma once
// RFC 4180 text, both ways: records read from a CSV (quoted fields with doubled quotes, separators and line
// breaks inside quotes, CRLF or LF), and fields written quoted when they must be.
#include <string>
#include <string_view>
#include <vector>

namespace portal::finance::csv {

struct Record {
  int line = 0;  // the file's line on which the record starts (1 = the first)
  std::vector<std::string> fields;
};

// A leading UTF-8 BOM is skipped; a blank line is no record. Returns false when a quote is left open.
bool read(std::string_view text, char separator, std::vector<Record>& out);
// ';' when the first line has more semicolons than commas outside quotes (Colombian Excel), else ','.
char guess_separator(std::string_view text);

// One field as RFC 4180 writes it: quoted (quotes doubled) when it holds the separator, a quote, CR or LF.
void append_field(std::string& out, std::string_view field, char separator);

// Well-formed UTF-8 (no overlong forms, surrogates or values beyond U+10FFFF). A CSV saved by Excel as
// "CSV (delimitado por comas)" is Windows-1252, whose accents are not.
bool valid_utf8(std::string_view text);

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

}  // namespace portal::finance::csv
