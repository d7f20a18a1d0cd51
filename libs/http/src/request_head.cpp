#include "request_head.hpp"

#include <charconv>

#include "policies.hpp"

namespace portal::http {
namespace {

// RFC 9110 §5.6.2 tchar.
bool is_tchar(char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
      return true;
    default:
      return false;
  }
}

bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!is_tchar(c)) return false;
  return true;
}

bool equals_lower(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
    if (c != lower[i]) return false;
  }
  return true;
}

std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A target is visible ASCII without spaces (origin-form, absolute-form or "*").
bool is_target(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s)
    if (c <= 0x20 || c >= 0x7F) return false;
  return true;
}

HeadError parse_request_line(std::string_view line, RequestHead& head) {
  const auto sp1 = line.find(' ');
  if (sp1 == std::string_view::npos) return HeadError::bad_request_line;
  const auto sp2 = line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos) return HeadError::bad_request_line;  // HTTP/0.9: "GET /"
  const auto method = line.substr(0, sp1);
  const auto target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  const auto version = line.substr(sp2 + 1);
  if (!is_token(method) || !is_target(target)) return HeadError::bad_request_line;
  if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || version[6] != '.' || version[5] < '0' ||
      version[5] > '9' || version[7] < '0' || version[7] > '9')
    return HeadError::bad_request_line;
  if (version != "HTTP/1.1" && version != "HTTP/1.0") return HeadError::unsupported_version;
  head.method = std::string{method};
  head.target = std::string{target};
  head.http10 = version == "HTTP/1.0";
  return HeadError::none;
}

// Content-Length: "12" or a list of one repeated value ("12, 12"), RFC 9112 §6.3.
HeadError merge_content_length(std::string_view value, std::optional<std::size_t>& length) {
  while (true) {
    const auto comma = value.find(',');
    const auto item = trim_ows(value.substr(0, comma));
    std::size_t n = 0;
    const auto* end = item.data() + item.size();
    const auto [ptr, ec] = std::from_chars(item.data(), end, n);
    if (item.empty() || ec != std::errc{} || ptr != end || item.front() == '+' || n > kMaxContentLength)
      return HeadError::bad_content_length;
    if (length && *length != n) return HeadError::conflicting_content_length;
    length = n;
    if (comma == std::string_view::npos) return HeadError::none;
    value.remove_prefix(comma + 1);
  }
}

}  // namespace

std::string_view to_string(HeadError e) {
  switch (e) {
    case HeadError::none:
      return "none";
    case HeadError::bad_request_line:
      return "bad_request_line";
    case HeadError::unsupported_version:
      return "unsupported_version";
    case HeadError::bare_line_feed:
      return "bare_line_feed";
    case HeadError::folded_header:
      return "folded_header";
    case HeadError::bad_header_line:
      return "bad_header_line";
    case HeadError::bad_header_value:
      return "bad_header_value";
    case HeadError::missing_host:
      return "missing_host";
    case HeadError::bad_content_length:
      return "bad_content_length";
    case HeadError::conflicting_content_length:
      return "conflicting_content_length";
    case HeadError::bad_transfer_encoding:
      return "bad_transfer_encoding";
    case HeadError::length_and_chunked:
      return "length_and_chunked";
  }
  return "unknown";
}

std::optional<std::size_t> find_head_end(std::string_view buffer, std::size_t from) {
  from = from >= 3 ? from - 3 : 0;
  const auto end = buffer.find("\r\n\r\n", from);
  if (end == std::string_view::npos) return std::nullopt;
  return end + 4;
}

bool has_bare_line_ending(std::string_view partial) {
  for (std::size_t i = 0; i < partial.size(); ++i) {
    if (partial[i] == '\n' && (i == 0 || partial[i - 1] != '\r')) return true;
    // A CR must be followed by LF; a CR at the very end may still get its LF.
    if (partial[i] == '\r' && i + 1 < partial.size() && partial[i + 1] != '\n') return true;
  }
  return false;
}

HeadCheck check_request_head(std::string_view head) {
  HeadCheck check;
  if (has_bare_line_ending(head)) return {HeadError::bare_line_feed, {}};
  auto next_line = [&head]() {
    const auto crlf = head.find("\r\n");
    const auto line = head.substr(0, crlf);
    head.remove_prefix(crlf == std::string_view::npos ? head.size() : crlf + 2);
    return line;
  };
  RequestHead& h = check.head;
  if (auto e = parse_request_line(next_line(), h); e != HeadError::none) return {e, {}};

  int hosts = 0;
  int transfer_encodings = 0;
  std::optional<std::string_view> connection;
  while (!head.empty()) {
    const auto line = next_line();
    if (line.empty()) break;  // the blank line that ends the head
    if (line.front() == ' ' || line.front() == '\t') return {HeadError::folded_header, {}};
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || !is_token(line.substr(0, colon)))
      return {HeadError::bad_header_line, {}};
    const auto name = line.substr(0, colon);
    const auto value = trim_ows(line.substr(colon + 1));
    for (unsigned char c : value)
      if ((c < 0x20 && c != '\t') || c == 0x7F) return {HeadError::bad_header_value, {}};
    if (equals_lower(name, "content-length")) {
      if (auto e = merge_content_length(value, h.content_length); e != HeadError::none) return {e, {}};
    } else if (equals_lower(name, "transfer-encoding")) {
      ++transfer_encodings;
      if (!equals_lower(value, "chunked") || transfer_encodings > 1)
        return {HeadError::bad_transfer_encoding, {}};
      h.chunked = true;
    } else if (equals_lower(name, "host")) {
      ++hosts;
    } else if (equals_lower(name, "connection")) {
      connection = value;
    } else if (equals_lower(name, "authorization")) {
      h.authorization = std::string{value};
    } else if (equals_lower(name, "accept-language")) {
      h.accept_language = std::string{value};
    } else if (equals_lower(name, "x-request-id")) {
      h.request_id = std::string{value};
    } else if (equals_lower(name, "origin")) {
      h.origin = std::string{value};
    }
  }
  if (h.chunked && h.content_length) return {HeadError::length_and_chunked, {}};
  if (hosts > 1 || (hosts == 0 && !h.http10)) return {HeadError::missing_host, {}};
  h.keep_alive = policy::keep_connection(!h.http10, connection);
  return check;
}

}  // namespace portal::http
