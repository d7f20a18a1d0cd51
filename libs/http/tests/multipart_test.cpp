// multipart/form-data parsing (RFC 7578): every part, strict about truncation (issue 17, INC-1/INC-2).
#include "portal/http/multipart.hpp"

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

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

TEST_CASE("a sender's file name from Content-Disposition, made safe to show (issue 19)", "[unit]") {
  struct Row {
    std::string header;
    std::optional<std::string> name;
  };
  const std::vector<Row> rows{
      {"attachment; filename=\"NI-65697259-20250129.xlsx\"", "NI-65697259-20250129.xlsx"},
      {"attachment; filename=respuesta.xlsx", "respuesta.xlsx"},
      {"form-data; name=\"file\"; filename=\"a.xlsx\"", "a.xlsx"},
      // RFC 8187 wins over the ASCII fallback; UTF-8 bytes come back as they were sent.
      {"attachment; filename=\"Respuesta_n.xlsx\"; filename*=UTF-8''Respuesta%20%C3%B1.xlsx",
       "Respuesta ñ.xlsx"},
      {"attachment; filename*=utf-8'es'glosas.xlsx", "glosas.xlsx"},
      // Only the last path segment: browsers and scripts may send a whole path.
      {"attachment; filename=\"C:\\\\fakepath\\\\cartera.xlsx\"", "cartera.xlsx"},
      {"attachment; filename=\"../../etc/passwd\"", "passwd"},
      // Control characters (a header or log line break) are dropped; spaces around are trimmed.
      {"attachment; filename*=UTF-8''a%0D%0Ab.xlsx", "ab.xlsx"},
      {"attachment; filename=\"  x.xlsx  \"", "x.xlsx"},
      {"attachment; filename=\"" + std::string(300, 'a') + "\"", std::string(255, 'a')},
      // Nothing usable: no name, empty, a bare dot-dot, not UTF-8, another charset or a broken escape.
      {"attachment", std::nullopt},
      {"attachment; filename=\"\"", std::nullopt},
      {"attachment; filename=\"..\"", std::nullopt},
      {"attachment; filename=\"caf\xE9.xlsx\"", std::nullopt},
      {"attachment; filename*=ISO-8859-1''caf%E9.xlsx", std::nullopt},
      {"attachment; filename*=UTF-8''caf%E9.xlsx", std::nullopt},
      {"attachment; filename*=UTF-8''bad%2", std::nullopt},
      {"attachment; filename=\"unterminated", std::nullopt},
  };
  for (const auto& row : rows) {
    CAPTURE(row.header);
    CHECK(content_disposition_file_name(row.header) == row.name);
  }
  // A name cut at 255 bytes never splits a character.
  std::string long_name;
  for (int i = 0; i < 200; ++i) long_name += "ñ";
  const auto cut = content_disposition_file_name("attachment; filename=\"" + long_name + "\"");
  REQUIRE(cut);
  CHECK(cut->size() == 254);
}

}  // namespace portal::http
