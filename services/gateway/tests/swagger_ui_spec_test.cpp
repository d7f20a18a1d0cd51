// Issue 20: api/openapi.yaml (OpenAPI 3.1) as the OpenAPI 3.0.3 JSON Swagger UI 3.28 reads.
#include "swagger_ui_spec.hpp"

#include <rapidjson/document.h>
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include "api_reference.hpp"
#include "portal/json/json.hpp"

using portal::gateway::openapi_for_swagger_ui;

namespace {

rapidjson::Document converted(const std::string& yaml) {
  rapidjson::Document doc;
  doc.Parse(openapi_for_swagger_ui(yaml).c_str());
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

std::string compact(const rapidjson::Value& v) { return portal::json::to_string(v); }

// A document whose only schema is `schema` (YAML, indented for components.schemas.S).
std::string with_schema(const std::string& schema) {
  return "openapi: 3.1.0\ninfo:\n  title: t\n  version: '1'\nservers:\n- url: http://localhost:8080\n"
         "paths: {}\ncomponents:\n  schemas:\n    S:\n" +
         schema;
}

std::string source_file(const std::string& relative) {
  const char* root = std::getenv("PORTAL_SOURCE_DIR");
  REQUIRE(root != nullptr);
  std::ifstream in(std::string{root} + "/" + relative, std::ios::binary);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("issue 20: each OpenAPI 3.1 construct becomes its 3.0 form") {
  struct Row {
    const char* name;
    std::string schema;
    std::string expected;  // components.schemas.S as compact JSON (members in the converter's order)
  };
  const std::vector<Row> rows = {
      {"nullable string", "      type:\n      - string\n      - 'null'\n",
       R"({"type":"string","nullable":true})"},
      {"type list of one", "      type: [integer]\n", R"({"type":"integer"})"},
      {"two types and null", "      type: [string, integer, 'null']\n",
       R"({"anyOf":[{"type":"string"},{"type":"integer"}],"nullable":true})"},
      {"oneOf a $ref or null", "      oneOf:\n      - $ref: '#/components/schemas/T'\n      - type: 'null'\n",
       R"({"nullable":true,"allOf":[{"$ref":"#/components/schemas/T"}]})"},
      {"oneOf an inline object or null",
       "      description: d\n      oneOf:\n      - type: object\n      - type: 'null'\n",
       R"({"description":"d","nullable":true,"type":"object"})"},
      {"oneOf of two and null",
       "      oneOf:\n      - type: string\n      - type: integer\n      - type: 'null'\n",
       R"({"oneOf":[{"type":"string"},{"type":"integer"}],"nullable":true})"},
      {"const", "      type: boolean\n      const: true\n", R"({"type":"boolean","enum":[true]})"},
      {"exclusive bounds", "      type: number\n      exclusiveMinimum: 0\n      exclusiveMaximum: 10\n",
       R"({"type":"number","exclusiveMinimum":true,"exclusiveMaximum":true,"minimum":0,"maximum":10})"},
      {"examples", "      type: string\n      examples: [a, b]\n", R"({"type":"string","example":"a"})"},
      {"propertyNames dropped",
       "      type: object\n      propertyNames:\n        pattern: '^[0-9]+$'\n      additionalProperties:\n"
       "        type: [string, 'null']\n",
       R"({"type":"object","additionalProperties":{"type":"string","nullable":true}})"},
      {"property names are not keywords",
       "      type: object\n      properties:\n        const:\n          type: string\n        type:\n"
       "          type: [string, 'null']\n",
       R"({"type":"object","properties":{"const":{"type":"string"},"type":{"type":"string","nullable":true}}})"},
      {"scalars by the YAML core schema",
       "      type: object\n      default: 20\n      x-a: '20'\n      x-b: 1.5\n      x-c: ~\n      x-d: "
       "0.1.0\n"
       "      x-e: >-\n        true\n",
       R"({"type":"object","default":20,"x-a":"20","x-b":1.5,"x-c":null,"x-d":"0.1.0","x-e":"true"})"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    const auto doc = converted(with_schema(row.schema));
    CHECK(compact(doc["components"]["schemas"]["S"]) == row.expected);
  }
}

TEST_CASE("issue 20: the 3.0 rendering calls the same origin and declares 3.0.3") {
  const auto doc = converted(with_schema("      type: string\n"));
  CHECK(std::string{doc["openapi"].GetString()} == "3.0.3");
  REQUIRE(doc["servers"].Size() == 1);
  CHECK(std::string{doc["servers"][0]["url"].GetString()} == "/");
  CHECK(std::string{doc["info"]["version"].GetString()} == "1");
  CHECK_THROWS_AS(openapi_for_swagger_ui("- a list"), std::runtime_error);
  CHECK_THROWS_AS(openapi_for_swagger_ui("a: [unclosed"), std::runtime_error);
}

TEST_CASE("issue 20: api/openapi.yaml converts with every operation and nothing 3.1-only left") {
  const std::string yaml = source_file("api/openapi.yaml");
  const auto doc = converted(yaml);
  // Every operation of the contract is in the rendering.
  const auto source = YAML::Load(yaml);
  int operations = 0;
  for (const auto& path : source["paths"])
    for (const auto& op : path.second) {
      const auto method = op.first.as<std::string>();
      if (method == "parameters") continue;
      CAPTURE(path.first.as<std::string>(), method);
      CHECK(doc["paths"][path.first.as<std::string>().c_str()].HasMember(method.c_str()));
      ++operations;
    }
  CHECK(operations > 50);
  // No type list, no null type, no const or propertyNames anywhere.
  int nullable = 0;
  // The members of a `properties` map are names (a property may be called "type"), not keywords.
  std::function<void(const rapidjson::Value&, bool)> walk = [&](const rapidjson::Value& v, bool names) {
    if (v.IsArray()) {
      for (const auto& item : v.GetArray()) walk(item, false);
      return;
    }
    if (!v.IsObject()) return;
    if (names) {
      for (const auto& m : v.GetObject()) walk(m.value, false);
      return;
    }
    if (v.HasMember("type")) {
      CHECK(v["type"].IsString());
      if (v["type"].IsString()) CHECK(std::string{v["type"].GetString()} != "null");
    }
    CHECK_FALSE(v.HasMember("const"));
    CHECK_FALSE(v.HasMember("propertyNames"));
    if (v.HasMember("nullable")) ++nullable;
    for (const auto& m : v.GetObject()) walk(m.value, std::string{m.name.GetString()} == "properties");
  };
  walk(doc["components"], false);
  walk(doc["paths"], false);
  CHECK(nullable > 80);
}

TEST_CASE("issue 20: the reference is unavailable, with the reason, without the packaged files") {
  const portal::gateway::ApiReference missing("/nonexistent-swagger-ui", "openapi: 3.1.0\npaths: {}\n");
  CHECK_FALSE(missing.available());
  CHECK(missing.reason().find("/nonexistent-swagger-ui/swagger-ui-bundle.js") != std::string::npos);
  CHECK(missing.asset("swagger-ui-bundle.js") == nullptr);
  // The page loads only the gateway's own files, and no inline script.
  const std::string page{portal::gateway::ApiReference::page()};
  CHECK(page.find("<script>") == std::string::npos);
  CHECK(page.find("http") == std::string::npos);
  CHECK(page.find("/docs/assets/swagger-ui-bundle.js") != std::string::npos);
}
