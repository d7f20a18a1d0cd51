#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "portal/json/json.hpp"

using portal::json::parse;

TEST_CASE("parse accepts an object and exposes its members") {
  auto p = parse(R"({"name":"Ñandú","n":3})");
  REQUIRE(p.ok());
  CHECK(std::string(p.doc["name"].GetString()) == "Ñandú");
  CHECK(p.doc["n"].GetInt() == 3);
}

TEST_CASE("parse reports malformed JSON with its offset") {
  struct Row {
    const char* body;
    std::size_t offset;
  };
  for (auto [body, offset] : {Row{"{\"a\":}", 5}, Row{"{\"a\":1", 6}, Row{"", 0}, Row{"{} x", 3},
                              Row{"{\"a\":tru}", 8}}) {
    CAPTURE(body);
    auto p = parse(body);
    REQUIRE_FALSE(p.ok());
    CHECK(p.error->code == "malformed_json");
    CHECK(p.error->offset == offset);
    CHECK(p.error->message.es.find("JSON válido") != std::string::npos);
    CHECK(p.error->message.en.find("not valid JSON") != std::string::npos);
  }
}

TEST_CASE("parse rejects a NUL byte even after a complete document") {
  const std::string body("{}\0{", 4);
  auto p = parse(body);
  REQUIRE_FALSE(p.ok());
  CHECK(p.error->code == "malformed_json");
  CHECK(p.error->offset == 2);
}

TEST_CASE("parse rejects invalid UTF-8") {
  for (const std::string& body : {std::string("{\"a\":\"\xC3\x28\"}"), std::string("{\"a\":\"\xFF\"}"),
                                 std::string("{\"a\":\"\xED\xA0\x80\"}")}) {
    auto p = parse(body);
    REQUIRE_FALSE(p.ok());
    CHECK(p.error->code == "malformed_json");
    CHECK(p.error->message.en.find("UTF-8") != std::string::npos);
  }
}

TEST_CASE("parse demands an object when asked to") {
  for (const char* body : {"[]", "1", "\"x\"", "null", "true"}) {
    CAPTURE(body);
    auto p = parse(body);
    REQUIRE_FALSE(p.ok());
    CHECK(p.error->code == "not_an_object");
    CHECK(parse(body, portal::json::kDefaultMaxDepth, false).ok());
  }
}

TEST_CASE("parse enforces the depth limit exactly") {
  auto nested = [](int levels) { return std::string(levels, '[') + std::string(levels, ']'); };
  CHECK(parse(nested(5), 5, false).ok());
  auto p = parse(nested(6), 5, false);
  REQUIRE_FALSE(p.ok());
  CHECK(p.error->code == "too_deep");
  CHECK(p.error->message.es.find("máximo 5") != std::string::npos);
  CHECK(parse(R"({"a":{"b":{"c":[1]}}})", 4).ok());
  auto q = parse(R"({"a":{"b":{"c":[1]}}})", 3);
  REQUIRE_FALSE(q.ok());
  CHECK(q.error->code == "too_deep");
}

TEST_CASE("100,000 nested [ are refused quickly without crashing") {
  const auto started = std::chrono::steady_clock::now();
  auto p = parse(std::string(100'000, '['), portal::json::kDefaultMaxDepth, false);
  REQUIRE_FALSE(p.ok());
  CHECK(p.error->code == "too_deep");
  CHECK(p.error->offset <= 40);
  auto closed = parse("{\"a\":" + std::string(100'000, '[') + std::string(100'000, ']') + "}");
  REQUIRE_FALSE(closed.ok());
  CHECK(closed.error->code == "too_deep");
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(1));
}

TEST_CASE("100,000 nested objects are refused as well") {
  std::string body;
  for (int i = 0; i < 100'000; ++i) body += "{\"a\":";
  auto p = parse(body);
  REQUIRE_FALSE(p.ok());
  CHECK(p.error->code == "too_deep");
  CHECK(p.error->message.en == "The JSON is nested too deeply (at most 32 levels)");
}

TEST_CASE("10 MB of nesting is refused quickly") {
  const std::string body(10 * 1024 * 1024, '[');
  const auto started = std::chrono::steady_clock::now();
  auto p = parse(body, portal::json::kDefaultMaxDepth, false);
  REQUIRE_FALSE(p.ok());
  CHECK(p.error->code == "too_deep");
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(1));
}

TEST_CASE("deep nesting within a generous limit parses iteratively without recursion") {
  // With the limit raised, RapidJSON's recursive parser would overflow the stack here.
  const std::string body = std::string(100'000, '[') + std::string(100'000, ']');
  auto p = parse(body, 200'000, false);
  CHECK(p.ok());
}
