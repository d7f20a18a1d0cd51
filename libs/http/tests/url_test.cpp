#include "portal/http/percent_encoding.hpp"
#include "url.hpp"

#include <catch2/catch.hpp>

using namespace portal::http::url;

TEST_CASE("percent decoding") {
  struct Row {
    const char* in;
    bool plus_is_space;
    std::optional<std::string> out;
  };
  for (const auto& [in, plus, out] :
       {Row{"abc", false, "abc"}, Row{"a%20b", false, "a b"}, Row{"a+b", false, "a+b"},
        Row{"a+b", true, "a b"}, Row{"%C3%B1", false, "\xC3\xB1"}, Row{"%2e%2E", false, ".."},
        Row{"%", false, std::nullopt}, Row{"%4", false, std::nullopt}, Row{"%zz", false, std::nullopt},
        Row{"a%00b", false, std::nullopt}}) {
    CAPTURE(in, plus);
    CHECK(percent_decode(in, plus) == out);
  }
}

TEST_CASE("query strings keep repeated keys and decode values") {
  auto q = parse_query("a=1&b=x%20y&a=2&flag&c=d+e&&=x&bad=%zz");
  CHECK(q.count("a") == 2);
  CHECK(q.find("b")->second == "x y");
  CHECK(q.find("flag")->second.empty());
  CHECK(q.find("c")->second == "d e");
  CHECK(q.count("bad") == 0);
  CHECK(q.size() == 5);
}

TEST_CASE("split target and path") {
  CHECK(split_target("/a/b?x=1#frag") == std::pair<std::string_view, std::string_view>{"/a/b", "x=1"});
  CHECK(split_target("/a").second.empty());
  CHECK(split_path("/") == std::vector<std::string_view>{});
  CHECK(split_path("/a/b") == std::vector<std::string_view>{"a", "b"});
  CHECK(split_path("/a/") == std::vector<std::string_view>{"a", ""});
}

TEST_CASE("unsafe paths are refused") {
  struct Row {
    std::string path;
    bool safe;
  };
  for (const auto& [path, safe] :
       {Row{"/api/v1/users/7", true}, Row{"/", true}, Row{"/a/../b", false}, Row{"/a/%2e%2e/b", false},
        Row{"/a/./b", false}, Row{"/..", false}, Row{"relative", false}, Row{"", false},
        Row{std::string("/a\0b", 4), false}, Row{"/a%00b", false}, Row{"/a/..%2fetc", false},
        Row{"/a/%zz", false}, Row{"/files/report..pdf", true}}) {
    CAPTURE(path);
    CHECK(is_safe_path(path) == safe);
  }
}

TEST_CASE("percent_encode keeps unreserved characters and escapes the rest, and decodes back") {
  CHECK(portal::http::percent_encode("CC") == "CC");
  CHECK(portal::http::percent_encode("a-b_c.d~") == "a-b_c.d~");
  CHECK(portal::http::percent_encode("María José&x=1/2 ?") == "Mar%C3%ADa%20Jos%C3%A9%26x%3D1%2F2%20%3F");
  CHECK(portal::http::url::percent_decode(portal::http::percent_encode("ñ =&%"), false) == "ñ =&%");
}
