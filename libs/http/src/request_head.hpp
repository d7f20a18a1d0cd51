#pragma once
// The strict check of an HTTP/1.x request head (request line and header fields) that runs before
// Pistache sees a byte (issue 9): Pistache 0.0.5 takes the first of two Content-Length headers,
// accepts folded headers and bare LF, and answers nothing to HTTP/0.9 or a header without a colon.
// Pure: bytes in, a verdict out.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace portal::http {

enum class HeadError {
  none,
  bad_request_line,            // not "method SP target SP HTTP/x.y", HTTP/0.9 included
  unsupported_version,         // a well-formed version other than HTTP/1.0 and HTTP/1.1
  bare_line_feed,              // LF without CR, or CR without LF
  folded_header,               // obs-fold: a line starting with SP or HTAB
  bad_header_line,             // no colon, an empty or invalid name, whitespace before the colon
  bad_header_value,            // a control character in a value
  missing_host,                // HTTP/1.1 without Host, or more than one Host
  bad_content_length,          // not a decimal number, or too large
  conflicting_content_length,  // two different values (RFC 9112 §6.3: 400)
  bad_transfer_encoding,       // anything but "chunked" alone
  length_and_chunked,          // both Content-Length and Transfer-Encoding (a smuggling vector)
};

std::string_view to_string(HeadError e);

struct RequestHead {
  std::string method;
  std::string target;
  bool http10 = false;
  std::optional<std::size_t> content_length;
  bool chunked = false;
  bool keep_alive = true;  // HTTP/1.1 unless "Connection: close"; HTTP/1.0 only with "keep-alive"
  std::optional<std::string> authorization;
  std::optional<std::string> accept_language;  // for answers given before Pistache parses the head
  std::optional<std::string> request_id;
  std::optional<std::string> origin;  // CORS headers on those answers
  // Bytes the request carries after its head: Content-Length, or unknown (nullopt) when chunked.
  std::optional<std::size_t> body_bytes() const {
    if (chunked) return std::nullopt;
    return content_length.value_or(0);
  }
};

struct HeadCheck {
  HeadError error = HeadError::none;
  RequestHead head;
  bool ok() const { return error == HeadError::none; }
};

// Where the head in `buffer` ends (the index just past its blank line), or nullopt while incomplete.
// `from` lets a caller resume the search where the previous one stopped.
std::optional<std::size_t> find_head_end(std::string_view buffer, std::size_t from = 0);

// A bare LF or a lone CR in what has arrived so far of a head: decidable before the head is complete.
bool has_bare_line_ending(std::string_view partial_head);

// `head` runs up to and including its blank line (CRLF CRLF), leading empty lines already removed.
HeadCheck check_request_head(std::string_view head);

// The largest Content-Length accepted (more is bad_content_length); the route limits are far lower.
inline constexpr std::size_t kMaxContentLength = std::size_t{1} << 40;

}  // namespace portal::http
