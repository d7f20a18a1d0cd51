#include <catch2/catch.hpp>

#include "portal/json/utf8.hpp"

TEST_CASE("utf8_length counts code points") {
  struct Row {
    const char* s;
    std::size_t n;
  };
  for (auto [s, n] : {Row{"", 0}, Row{"abc", 3}, Row{"Ñandú", 5}, Row{"€", 1}, Row{"😀a", 2}}) {
    CAPTURE(s);
    CHECK(portal::json::utf8_length(s) == n);
  }
}

TEST_CASE("is_blank") {
  CHECK(portal::json::is_blank(""));
  CHECK(portal::json::is_blank(" \t\r\n"));
  CHECK(portal::json::is_blank("\xC2\xA0 "));
  CHECK_FALSE(portal::json::is_blank(" a "));
  CHECK_FALSE(portal::json::is_blank("ñ"));
}
