// multipart/form-data parsing (RFC 7578): every part, strict about truncation (issue 17, INC-1/INC-2).
#include "portal/http/multipart.hpp"

#include <catch2/catch.hpp>

namespace portal::http {

TEST_CASE("multipart boundary from the Content-Type", "[unit]") {
  CHECK(multipart_boundary("multipart/form-data; boundary=abc") == std::optional<std::string_view>("abc"));
  CHECK(multipart_boundary("Multipart/Form-Data;boundary=\"a b\"") == std::optional<std::string_view>("a b"));
  CHECK(multipart_boundary("multipart/form-data; charset=utf-8; boundary=x1") ==
        std::optional<std::string_view>("x1"));
  CHECK_FALSE(multipart_boundary("multipart/form-data"));
  CHECK_FALSE(multipart_boundary("multipart/mixed; boundary=abc"));
  CHECK_FALSE(multipart_boundary("application/json"));
  CHECK_FALSE(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'a')));
}

TEST_CASE("multipart parts with names, file names and contents", "[unit]") {
  const std::string body =
      "preamble\r\n--XyZ\r\n"
      "Content-Disposition: form-data; name=\"report\"\r\nContent-Type: application/json\r\n\r\n"
      "{\"a\":1}\r\n--XyZ\r\n"
      "Content-Disposition: form-data; name=\"attachment\"; filename=\"c\\\"d.png\"\r\n\r\n"
      "\x89PNG\r\n--X not the boundary\r\n--XyZ--\r\nepilogue";
  const auto parts = parse_multipart(body, "XyZ");
  REQUIRE(parts);
  REQUIRE(parts->size() == 2);
  CHECK((*parts)[0].name == "report");
  CHECK_FALSE((*parts)[0].filename);
  CHECK((*parts)[0].content_type == "application/json");
  CHECK((*parts)[0].content == "{\"a\":1}");
  CHECK((*parts)[1].name == "attachment");
  CHECK((*parts)[1].filename == std::optional<std::string>("c\"d.png"));
  CHECK((*parts)[1].content == "\x89PNG\r\n--X not the boundary");
}

TEST_CASE("multipart bodies that are not whole are malformed", "[unit]") {
  const std::string whole =
      "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\nDATA\r\n--b--\r\n";
  REQUIRE(parse_multipart(whole, "b"));
  for (std::size_t cut : {whole.size() - 8, whole.size() - 12, std::size_t{20}, std::size_t{3}}) {
    CAPTURE(cut);
    CHECK_FALSE(parse_multipart(whole.substr(0, cut), "b"));
  }
  CHECK_FALSE(parse_multipart(whole, "other"));
  CHECK_FALSE(parse_multipart("--b\r\nX-Other: 1\r\n\r\nDATA\r\n--b--", "b"));  // no disposition
  CHECK_FALSE(
      parse_multipart("--b\r\nContent-Disposition: attachment\r\n\r\nD\r\n--b--", "b"));  // not form-data
  CHECK_FALSE(parse_multipart("--b--", "b"));                                             // no parts
  std::string many;
  for (int i = 0; i < 3; ++i) many += "--b\r\nContent-Disposition: form-data; name=\"p\"\r\n\r\nx\r\n";
  CHECK(parse_multipart(many + "--b--", "b", 3));
  CHECK_FALSE(parse_multipart(many + "--b--", "b", 2));
}

}  // namespace portal::http
