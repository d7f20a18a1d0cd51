#include <catch2/catch.hpp>

#include "portal/json/json.hpp"

TEST_CASE("writer helpers produce compact JSON") {
  rapidjson::StringBuffer buffer;
  portal::json::Writer w(buffer);
  w.StartObject();
  portal::json::write_key(w, "name");
  portal::json::write_string(w, "Clínica \"Ejemplo\"");
  portal::json::write_key(w, "email");
  portal::json::write_optional(w, std::nullopt);
  portal::json::write_key(w, "phone");
  portal::json::write_optional(w, std::string("300"));
  w.EndObject();
  const std::string out(buffer.GetString(), buffer.GetSize());
  CHECK(out == R"({"name":"Clínica \"Ejemplo\"","email":null,"phone":"300"})");
  auto p = portal::json::parse(out);
  REQUIRE(p.ok());
  CHECK(portal::json::to_string(p.doc) == out);
}

using portal::json::canonical;

TEST_CASE("issue 10: canonical JSON is the same for the same value, whatever the layout") {
  struct Row {
    const char* a;
    const char* b;
    bool same;
  };
  for (const auto& [a, b, same] : {
           Row{R"({"a":1,"b":"x"})", R"({ "b" : "x",  "a" : 1 })", true},
           Row{R"({"o":{"z":[1,2,{"y":null,"x":true}],"a":""}})",
               "{\"o\":{\"a\":\"\",\n\"z\":[1,2,{\"x\":true,\"y\":null}]}}", true},
           Row{R"({"s":"\u00e1"})", R"({"s":"á"})", true},  // an escape and the character itself
           Row{R"([1,2])", R"([2,1])", false},              // arrays keep their order
           Row{R"({"a":1})", R"({"a":"1"})", false},
           Row{R"({"a":1})", R"({"a":1,"b":null})", false},
       }) {
    CAPTURE(a, b);
    const auto ca = canonical(a);
    const auto cb = canonical(b);
    REQUIRE(ca);
    REQUIRE(cb);
    CHECK((*ca == *cb) == same);
  }
  CHECK(canonical(R"({ "b":2, "a":[ 1 , {"d":1,"c":2} ] })") ==
        std::optional<std::string>{R"({"a":[1,{"c":2,"d":1}],"b":2})"});
  CHECK_FALSE(canonical("{\"a\":"));
  CHECK_FALSE(canonical("a,b,c\n1,2,3\n"));
}

TEST_CASE("string arrays stored as JSON text and read back; anything else reads as empty") {
  using portal::json::parse_string_array;
  using portal::json::string_array_json;
  CHECK(string_array_json({}) == "[]");
  CHECK(string_array_json({"R104", "comillas \" y tildes á"}) == R"(["R104","comillas \" y tildes á"])");
  CHECK(parse_string_array(string_array_json({"a", "ñ"})) == std::vector<std::string>{"a", "ñ"});
  CHECK(parse_string_array(R"(["a",1,null,"b"])") == std::vector<std::string>{"a", "b"});
  CHECK(parse_string_array("not json").empty());
  CHECK(parse_string_array(R"({"a":"b"})").empty());
  CHECK(parse_string_array("").empty());
}
