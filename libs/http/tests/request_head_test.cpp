// Issue 9 item 7: the strict request-head check in front of Pistache (RFC 9112).
#include "request_head.hpp"

#include <catch2/catch.hpp>

using namespace portal::http;

TEST_CASE("issue 9: malformed request heads are refused with a reason") {
  struct Row {
    std::string head;
    HeadError expected;
  };
  const std::string host = "Host: x\r\n";
  const Row rows[] = {
      {"GET / HTTP/1.1\r\n" + host + "\r\n", HeadError::none},
      {"GET /a?b=c HTTP/1.0\r\n\r\n", HeadError::none},  // HTTP/1.0 needs no Host
      {"POST /x HTTP/1.1\r\n" + host + "Content-Length: 5\r\nContent-Length: 5\r\n\r\n", HeadError::none},
      {"POST /x HTTP/1.1\r\n" + host + "Content-Length: 5, 5\r\n\r\n", HeadError::none},
      {"POST /x HTTP/1.1\r\n" + host + "Transfer-Encoding: Chunked\r\n\r\n", HeadError::none},
      {"GET / HTTP/1.1\r\n" + host + "X-Tab:\tvalue\t\r\n\r\n", HeadError::none},
      // HTTP/0.9, a missing or odd version, spaces
      {"GET /\r\n\r\n", HeadError::bad_request_line},
      {"GET\r\n\r\n", HeadError::bad_request_line},
      {"GET  / HTTP/1.1\r\n" + host + "\r\n", HeadError::bad_request_line},
      {"GET / HTTP/1.1 \r\n" + host + "\r\n", HeadError::bad_request_line},
      {"G(T / HTTP/1.1\r\n" + host + "\r\n", HeadError::bad_request_line},
      {"GET / http/1.1\r\n" + host + "\r\n", HeadError::bad_request_line},
      {"GET / HTTP/11\r\n" + host + "\r\n", HeadError::bad_request_line},
      {"GET /\x01 HTTP/1.1\r\n" + host + "\r\n", HeadError::bad_request_line},
      {"GET / HTTP/2.0\r\n" + host + "\r\n", HeadError::unsupported_version},
      {"GET / HTTP/0.9\r\n" + host + "\r\n", HeadError::unsupported_version},
      // line endings
      {"GET / HTTP/1.1\n" + host + "\r\n", HeadError::bare_line_feed},
      {"GET / HTTP/1.1\r\nHost: x\n\r\n", HeadError::bare_line_feed},
      {"GET / HTTP/1.1\r\nHost: x\rY: z\r\n\r\n", HeadError::bare_line_feed},
      // header lines
      {"GET / HTTP/1.1\r\n" + host + "X-A: 1\r\n continued\r\n\r\n", HeadError::folded_header},
      {"GET / HTTP/1.1\r\n" + host + "\tX-A: 1\r\n\r\n", HeadError::folded_header},
      {"GET / HTTP/1.1\r\n" + host + "NoColonHere\r\n\r\n", HeadError::bad_header_line},
      {"GET / HTTP/1.1\r\n" + host + "X-A : 1\r\n\r\n", HeadError::bad_header_line},
      {"GET / HTTP/1.1\r\n" + host + ": empty name\r\n\r\n", HeadError::bad_header_line},
      {"GET / HTTP/1.1\r\n" + host + std::string("X-A: a\0b\r\n\r\n", 13), HeadError::bad_header_value},
      {"GET / HTTP/1.1\r\n" + host + "X-A: a\x7f\r\n\r\n", HeadError::bad_header_value},
      // Host
      {"GET / HTTP/1.1\r\n\r\n", HeadError::missing_host},
      {"GET / HTTP/1.1\r\n" + host + host + "\r\n", HeadError::missing_host},
      // framing (request smuggling)
      {"POST /x HTTP/1.1\r\n" + host + "Content-Length: 5\r\nContent-Length: 6\r\n\r\n",
       HeadError::conflicting_content_length},
      {"POST /x HTTP/1.1\r\n" + host + "Content-Length: 5, 6\r\n\r\n", HeadError::conflicting_content_length},
      {"POST /x HTTP/1.1\r\n" + host + "Content-Length: -1\r\n\r\n", HeadError::bad_content_length},
      {"POST /x HTTP/1.1\r\n" + host + "Content-Length: +5\r\n\r\n", HeadError::bad_content_length},
      {"POST /x HTTP/1.1\r\n" + host + "Content-Length: 0x10\r\n\r\n", HeadError::bad_content_length},
      {"POST /x HTTP/1.1\r\n" + host + "Content-Length: \r\n\r\n", HeadError::bad_content_length},
      {"POST /x HTTP/1.1\r\n" + host + "Content-Length: 99999999999999999999999\r\n\r\n",
       HeadError::bad_content_length},
      {"POST /x HTTP/1.1\r\n" + host + "Transfer-Encoding: gzip, chunked\r\n\r\n",
       HeadError::bad_transfer_encoding},
      {"POST /x HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
       HeadError::bad_transfer_encoding},
      {"POST /x HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n",
       HeadError::length_and_chunked},
  };
  for (const auto& [head, expected] : rows) {
    CAPTURE(head);
    CHECK(to_string(check_request_head(head).error) == to_string(expected));
  }
}

TEST_CASE("issue 9: what a good head says about its body and connection") {
  const auto post = check_request_head(
      "POST /api/v1/x?y=1 HTTP/1.1\r\nHost: a\r\ncontent-length: 12\r\nAuthorization: Bearer t\r\n"
      "Accept-Language: en\r\nX-Request-Id: r1\r\n\r\n");
  REQUIRE(post.ok());
  CHECK(post.head.method == "POST");
  CHECK(post.head.target == "/api/v1/x?y=1");
  CHECK(post.head.body_bytes() == std::optional<std::size_t>{12});
  CHECK(post.head.authorization == std::optional<std::string>{"Bearer t"});
  CHECK(post.head.accept_language == std::optional<std::string>{"en"});
  CHECK(post.head.request_id == std::optional<std::string>{"r1"});
  CHECK(post.head.keep_alive);

  struct Row {
    std::string head;
    bool keep_alive;
  };
  for (const auto& [head, keep_alive] : {
           Row{"GET / HTTP/1.1\r\nHost: a\r\n\r\n", true},
           Row{"GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", false},
           Row{"GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, Close\r\n\r\n", false},
           Row{"GET / HTTP/1.0\r\n\r\n", false},
           Row{"GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", true},
       }) {
    CAPTURE(head);
    const auto check = check_request_head(head);
    REQUIRE(check.ok());
    CHECK(check.head.keep_alive == keep_alive);
    CHECK(check.head.body_bytes() == std::optional<std::size_t>{0});
  }
  const auto chunked = check_request_head("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n");
  REQUIRE(chunked.ok());
  CHECK_FALSE(chunked.head.body_bytes().has_value());
}

TEST_CASE("issue 9: the end of a head is found across reads, and bare line endings early") {
  const std::string text = "GET / HTTP/1.1\r\nHost: a\r\n\r\nBODY";
  CHECK(find_head_end(text) == std::optional<std::size_t>{text.size() - 4});
  // Resuming from the middle of the blank line still finds it.
  CHECK(find_head_end(text, text.size() - 5) == std::optional<std::size_t>{text.size() - 4});
  CHECK_FALSE(find_head_end("GET / HTTP/1.1\r\nHost: a\r\n\r").has_value());
  CHECK(has_bare_line_ending("GET / HTTP/1.1\nHost"));
  CHECK(has_bare_line_ending("GET / HTTP/1.1\rHost"));
  CHECK_FALSE(has_bare_line_ending("GET / HTTP/1.1\r"));  // its LF may come in the next read
  CHECK_FALSE(has_bare_line_ending("GET / HTTP/1.1\r\nHost: a\r\n"));
}
