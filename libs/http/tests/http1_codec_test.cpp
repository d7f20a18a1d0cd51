// Issue 14 item 4: the framing the Asio front and its upstream relay parse (RFC 9112).
#include "http1_codec.hpp"

#include <catch2/catch.hpp>

using namespace portal::http;

namespace {

// Feeds `wire` to a decoder in pieces of `step` bytes; the decoded data, or "<error>".
std::string decode_in_steps(const std::string& wire, std::size_t step, std::string* rest = nullptr) {
  ChunkedDecoder decoder;
  std::string out;
  for (std::size_t at = 0; at < wire.size(); at += step) {
    std::string_view piece = std::string_view{wire}.substr(at, step);
    const auto status = decoder.feed(piece, out);
    if (status == ChunkedDecoder::Status::error) return "<error>";
    if (status == ChunkedDecoder::Status::done) {
      if (rest) *rest = std::string{piece} + wire.substr(std::min(wire.size(), at + step));
      return out;
    }
  }
  return "<incomplete>";
}

}  // namespace

TEST_CASE("chunked bodies decode whatever the read boundaries; malformed framing is refused") {
  struct Row {
    std::string wire;
    std::string expected;
  };
  const Row rows[] = {
      {"5\r\nhello\r\n0\r\n\r\n", "hello"},
      {"5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", "hello world"},
      {"A\r\n0123456789\r\n0\r\nTrailer: x\r\n\r\n", "0123456789"},
      {"0\r\n\r\n", ""},
      {"5\r\nhello\r\n", "<incomplete>"},
      {"5\nhello\r\n0\r\n\r\n", "<error>"},          // bare LF
      {"5\r\nhelloXX0\r\n\r\n", "<error>"},          // no CRLF after the data
      {"zz\r\nhello\r\n0\r\n\r\n", "<error>"},       // not hex
      {"\r\nhello\r\n0\r\n\r\n", "<error>"},         // no size
      {"1000000000000000\r\nx\r\n", "<error>"},      // 16 hex digits: too large
      {std::string(2000, '1') + "\r\n", "<error>"},  // an endless size line
  };
  for (const auto& row : rows) {
    for (std::size_t step : {std::size_t{1}, std::size_t{3}, std::size_t{1000}}) {
      INFO(row.wire << " in steps of " << step);
      CHECK(decode_in_steps(row.wire, step) == row.expected);
    }
  }
}

TEST_CASE("what follows the last chunk is left for the next message") {
  std::string rest;
  CHECK(decode_in_steps("3\r\nabc\r\n0\r\n\r\nGET / HTTP/1.1", 1000, &rest) == "abc");
  CHECK(rest == "GET / HTTP/1.1");
}

TEST_CASE("upstream answer heads: status, framing and keep-alive") {
  auto ok =
      parse_response_head("HTTP/1.1 200 OK\r\nContent-Length: 12\r\nContent-Type: application/json\r\n\r\n");
  REQUIRE(ok);
  CHECK(ok->status == 200);
  CHECK(ok->content_length == 12u);
  CHECK(!ok->chunked);
  CHECK(ok->keep_alive);
  CHECK(ok->headers.at("content-type") == "application/json");

  auto chunked =
      parse_response_head("HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
  REQUIRE(chunked);
  CHECK(chunked->chunked);
  CHECK(!chunked->content_length);
  CHECK(!chunked->keep_alive);

  auto old = parse_response_head("HTTP/1.0 404 Not Found\r\n\r\n");
  REQUIRE(old);
  CHECK(old->status == 404);
  CHECK(!old->keep_alive);
  auto old_kept =
      parse_response_head("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n");
  REQUIRE(old_kept);
  CHECK(old_kept->keep_alive);

  for (const char* bad : {"HTTP/2 200 OK\r\n\r\n", "HTTP/1.1 20 OK\r\n\r\n", "HTTP/1.1 999 X\r\n\r\n",
                          "HTTP/1.1 200 OK\r\nNoColon\r\n\r\n", "HTTP/1.1 200 OK\r\n folded: x\r\n\r\n",
                          "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
                          "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
                          "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", "garbage\r\n\r\n"}) {
    INFO(bad);
    CHECK(!parse_response_head(bad));
  }
}

TEST_CASE("request header fields: names case-insensitive, values trimmed, the last repeat wins") {
  Headers headers;
  parse_header_fields("GET / HTTP/1.1\r\nHost: x\r\nX-Thing:  a b \r\nx-thing: c\r\nEmpty:\r\n\r\n", headers);
  CHECK(headers.at("HOST") == "x");
  CHECK(headers.at("X-Thing") == "c");
  CHECK(headers.at("empty").empty());
  CHECK(chunk_size_line(255) == "ff\r\n");
  CHECK(is_framing_field("transfer-encoding"));
  CHECK(!is_framing_field("X-Request-Id"));
  CHECK(reason_phrase(504) == "Gateway Timeout");
}
