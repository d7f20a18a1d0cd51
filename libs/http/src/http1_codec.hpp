#pragma once
// HTTP/1.1 message framing for the Asio front and its upstream relay (issue 14 item 4): the header fields
// of a request head already checked by check_request_head, an incremental chunked-body decoder, the head
// of an upstream's response, and the bytes of a response head. Pure: bytes in, values out.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "portal/http/message.hpp"

namespace portal::http {

// "Name: value" lines of a head (request or status line first, blank line last) into headers; a repeated
// name keeps its last value, as the Pistache front does. The head must have passed check_request_head or
// parse_response_head.
void parse_header_fields(std::string_view head, Headers& out);

// Decodes a chunked body (RFC 9112 §7.1) as it arrives, chunk extensions and trailers dropped.
class ChunkedDecoder {
 public:
  enum class Status { need_more, done, error };
  // Consumes from the front of `in` what it can and appends the decoded data to `out`. done: the last
  // chunk and the trailer section have been read (what follows in `in` belongs to the next message).
  Status feed(std::string_view& in, std::string& out);
  // Bytes of data decoded so far.
  std::uint64_t decoded() const { return decoded_; }

 private:
  enum class State { size_line, data, data_crlf, trailer_line, done };
  State state_ = State::size_line;
  std::string line_;  // the line being read (size line or trailer line), without its CRLF
  std::uint64_t left_ = 0;
  std::uint64_t decoded_ = 0;
  std::size_t trailer_bytes_ = 0;
};

// The head of an upstream's answer.
struct ResponseHead {
  int status = 0;
  bool http10 = false;
  Headers headers;
  std::optional<std::uint64_t> content_length;
  bool chunked = false;
  bool keep_alive = true;  // the upstream keeps the connection after this answer
};
// `head` runs up to and including its blank line. nullopt for anything malformed (a bad status line, a
// line without a colon, a bad or conflicting Content-Length, a transfer coding other than chunked).
std::optional<ResponseHead> parse_response_head(std::string_view head);

// The reason phrase of a status code ("OK", "Not Found", ...); "Status" for codes without one here.
std::string_view reason_phrase(int status);

// Hop-by-hop and framing fields, written by the front itself, never copied from a handler or upstream.
bool is_framing_field(std::string_view name);

// The chunk framing of `size` bytes of data: "<hex>\r\n".
std::string chunk_size_line(std::size_t size);

}  // namespace portal::http
