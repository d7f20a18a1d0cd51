#include "http1_codec.hpp"

#include <charconv>

#include "portal/http/percent_encoding.hpp"

namespace portal::http {
namespace {

constexpr std::size_t kMaxSizeLine = 1024;          // hex digits plus chunk extensions
constexpr std::size_t kMaxTrailerBytes = 8 * 1024;  // the whole trailer section
constexpr std::size_t kMaxHexDigits = 15;           // below 2^60: no overflow

std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
    if (x != y) return false;
  }
  return true;
}

bool contains_token(std::string_view list, std::string_view token) {
  while (!list.empty()) {
    const auto comma = list.find(',');
    if (iequals(trim_ows(list.substr(0, comma)), token)) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

// The chunk size at the start of a size line (extensions after ';' ignored); nullopt when malformed.
std::optional<std::uint64_t> chunk_size(std::string_view line) {
  const auto semicolon = line.find(';');
  const std::string_view digits = trim_ows(line.substr(0, semicolon));
  if (digits.empty() || digits.size() > kMaxHexDigits) return std::nullopt;
  std::uint64_t size = 0;
  for (char c : digits) {
    const int v = hex_digit_value(c);
    if (v < 0) return std::nullopt;
    size = size * 16 + static_cast<std::uint64_t>(v);
  }
  return size;
}

}  // namespace

void parse_header_fields(std::string_view head, Headers& out) {
  auto line_end = head.find("\r\n");
  if (line_end == std::string_view::npos) return;
  head.remove_prefix(line_end + 2);  // the request or status line
  while (!head.empty()) {
    line_end = head.find("\r\n");
    const std::string_view line = head.substr(0, line_end);
    if (line.empty()) break;
    const auto colon = line.find(':');
    if (colon != std::string_view::npos)
      out.insert_or_assign(std::string{line.substr(0, colon)}, std::string{trim_ows(line.substr(colon + 1))});
    if (line_end == std::string_view::npos) break;
    head.remove_prefix(line_end + 2);
  }
}

ChunkedDecoder::Status ChunkedDecoder::feed(std::string_view& in, std::string& out) {
  while (!in.empty()) {
    switch (state_) {
      case State::size_line:
      case State::trailer_line: {
        const auto lf = in.find('\n');
        const std::string_view part = in.substr(0, lf);
        line_.append(part);
        if (state_ == State::trailer_line) trailer_bytes_ += part.size() + 1;
        if (line_.size() > kMaxSizeLine || trailer_bytes_ > kMaxTrailerBytes) return Status::error;
        if (lf == std::string_view::npos) {
          in = {};
          return Status::need_more;
        }
        in.remove_prefix(lf + 1);
        if (line_.empty() || line_.back() != '\r') return Status::error;  // bare LF
        line_.pop_back();
        if (state_ == State::trailer_line) {
          const bool last = line_.empty();
          line_.clear();
          if (last) {
            state_ = State::done;
            return Status::done;
          }
          break;
        }
        const auto size = chunk_size(line_);
        line_.clear();
        if (!size) return Status::error;
        left_ = *size;
        state_ = left_ == 0 ? State::trailer_line : State::data;
        break;
      }
      case State::data: {
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(left_, in.size()));
        out.append(in.substr(0, n));
        in.remove_prefix(n);
        left_ -= n;
        decoded_ += n;
        if (left_ == 0) state_ = State::data_crlf;
        break;
      }
      case State::data_crlf: {
        line_.push_back(in.front());
        in.remove_prefix(1);
        if (line_.size() == 2) {
          if (line_ != "\r\n") return Status::error;
          line_.clear();
          state_ = State::size_line;
        }
        break;
      }
      case State::done:
        return Status::done;
    }
  }
  return state_ == State::done ? Status::done : Status::need_more;
}

std::optional<ResponseHead> parse_response_head(std::string_view head) {
  const auto line_end = head.find("\r\n");
  if (line_end == std::string_view::npos) return std::nullopt;
  const std::string_view status_line = head.substr(0, line_end);
  // "HTTP/1.x SP 3DIGIT [SP reason]"
  if (status_line.size() < 12 || status_line.substr(0, 7) != "HTTP/1." || status_line[8] != ' ')
    return std::nullopt;
  if (status_line[7] != '0' && status_line[7] != '1') return std::nullopt;
  ResponseHead out;
  out.http10 = status_line[7] == '0';
  const auto code = status_line.substr(9, 3);
  if (std::from_chars(code.data(), code.data() + 3, out.status).ptr != code.data() + 3 || out.status < 100 ||
      out.status > 599)
    return std::nullopt;
  if (status_line.size() > 12 && status_line[12] != ' ') return std::nullopt;
  // Every field line must have a name and a colon.
  std::string_view rest = head.substr(line_end + 2);
  while (!rest.empty()) {
    const auto end = rest.find("\r\n");
    const std::string_view line = rest.substr(0, end);
    if (line.empty()) break;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 || line.front() == ' ' || line.front() == '\t')
      return std::nullopt;
    const std::string_view name = line.substr(0, colon);
    const std::string_view value = trim_ows(line.substr(colon + 1));
    if (iequals(name, "Content-Length")) {
      std::uint64_t length = 0;
      if (value.empty() || std::from_chars(value.data(), value.data() + value.size(), length).ptr !=
                               value.data() + value.size())
        return std::nullopt;
      if (out.content_length && *out.content_length != length) return std::nullopt;
      out.content_length = length;
    } else if (iequals(name, "Transfer-Encoding")) {
      if (!iequals(value, "chunked")) return std::nullopt;
      out.chunked = true;
    } else if (iequals(name, "Connection")) {
      if (contains_token(value, "close")) out.keep_alive = false;
    }
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 2);
  }
  parse_header_fields(head, out.headers);
  if (out.http10) {
    const auto connection = out.headers.find("Connection");
    out.keep_alive = connection != out.headers.end() && contains_token(connection->second, "keep-alive");
  }
  if (out.chunked) out.content_length.reset();  // RFC 9112 §6.3: chunked wins
  return out;
}

std::string_view reason_phrase(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 206:
      return "Partial Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 428:
      return "Precondition Required";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "Status";
  }
}

bool is_framing_field(std::string_view name) {
  for (std::string_view f : {"Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive",
                             "Content-Type", "Upgrade", "Trailer", "TE", "Proxy-Connection"})
    if (iequals(name, f)) return true;
  return false;
}

std::string chunk_size_line(std::size_t size) {
  char digits[20];
  const auto end = std::to_chars(digits, digits + sizeof digits, size, 16).ptr;
  std::string out(digits, end);
  out += "\r\n";
  return out;
}

}  // namespace portal::http
