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
