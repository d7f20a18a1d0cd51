#pragma once
// multipart/form-data bodies (RFC 7578 over RFC 2046 §5.1): every part with its name, file name and
// content, as views into the body. Strict where a lenient parser would guess: a body without its closing
// delimiter (a truncated upload) or with a part lacking its header block is malformed, never "the parts
// read so far". Pure: no copies of the contents.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portal::http {

struct FormPart {
  std::string name;                     // Content-Disposition: form-data; name="..."
  std::optional<std::string> filename;  // set when the part carries a file (filename="...", maybe empty)
  std::string content_type;             // the part's Content-Type, "" when absent (never trusted for files)
  std::string_view content;
};

// The boundary parameter of a multipart/form-data Content-Type (quoted or not, 1..70 characters), or
// nullopt when the type is not multipart/form-data. A view into `content_type`: keep that text alive.
std::optional<std::string_view> multipart_boundary(std::string_view content_type);

// Every part in order, or nullopt when the body is not a complete multipart body for `boundary`: no
// delimiter, a part without headers or without Content-Disposition form-data, no closing delimiter, or
// more than max_parts parts.
std::optional<std::vector<FormPart>> parse_multipart(std::string_view body, std::string_view boundary,
                                                     std::size_t max_parts = 32);

// The file name a sender gave in a Content-Disposition value (a raw upload's header, RFC 6266, or a part's):
// filename*=UTF-8''percent-encoded when present (RFC 8187), else filename="...". Made safe to show and store:
// only the last path segment (a browser may send C:\\fakepath\\x.xlsx), control characters dropped,
// surrounding spaces trimmed, at most 255 bytes without cutting a character. nullopt when absent, empty
// or not UTF-8.
std::optional<std::string> content_disposition_file_name(std::string_view value);

}  // namespace portal::http
