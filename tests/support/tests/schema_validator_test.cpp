// Issue 10: the independent validator the e2e suites feed every response to must be able to say no.
#include "support/schema_validator.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <memory>

#include "support/process.hpp"

using portal::test::SchemaValidator;

namespace {

const char* kSpec = R"(
openapi: 3.1.0
info: {title: t, version: "1"}
x-gateway-responses: [413, 503]
paths:
  /api/v1/users/{id}:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/User'}
        "404":
          description: not found
          content:
            application/problem+json:
              schema: {$ref: '#/components/schemas/Problem'}
        "304": {description: not modified}
  /api/v1/users/me:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, required: [me], properties: {me: {const: true}}}
  /file.pdf:
    get:
      responses:
        "200":
          description: a PDF
          content:
            application/pdf: {}
components:
  schemas:
    User:
      type: object
      required: [id, municipality_code]
      properties:
        id: {type: integer, minimum: 1}
        municipality_code: {type: string}
    Problem:
      type: object
      required: [code, status]
      properties:
        code: {type: string}
        status: {type: integer}
)";

SchemaValidator& validator() {
  static portal::test::TempDir dir("schema-validator");
  static std::unique_ptr<SchemaValidator> v;
  if (!v) {
    const auto path = dir.str() + "/openapi.yaml";
    std::ofstream(path) << kSpec;
    v = std::make_unique<SchemaValidator>(portal::test::source_dir() + "/tests/support/openapi_validator.py",
                                          path);
  }
  return *v;
}

}  // namespace

TEST_CASE("issue 10: the schema validator accepts what the document declares and nothing else") {
  struct Row {
    const char* method;
    const char* path;
    int status;
    const char* content_type;
    const char* body;
    bool ok;
  };
  const Row rows[] = {
      {"GET", "/api/v1/users/7", 200, "application/json", R"({"id":7,"municipality_code":"05001"})", true},
      {"GET", "/api/v1/users/7", 200, "application/json; charset=utf-8",
       R"({"id":7,"municipality_code":"1"})", true},
      // the employees' bug of issue 10: null where the schema says string ($ref resolved)
      {"GET", "/api/v1/users/7", 200, "application/json", R"({"id":7,"municipality_code":null})", false},
      {"GET", "/api/v1/users/7", 200, "application/json", R"({"id":0,"municipality_code":"1"})", false},
      {"GET", "/api/v1/users/7", 200, "application/json", R"({"id":7})", false},
      {"GET", "/api/v1/users/7", 200, "application/json", "not json", false},
      {"GET", "/api/v1/users/7", 200, "text/plain", "hello", false},  // undeclared media type
      {"GET", "/api/v1/users/7", 404, "application/problem+json", R"({"code":"not_found","status":404})",
       true},
      {"GET", "/api/v1/users/7", 404, "application/json", R"({"code":"not_found","status":404})", false},
      {"GET", "/api/v1/users/7", 404, "application/problem+json", R"({"code":"not_found"})", false},
      {"GET", "/api/v1/users/7", 418, "application/problem+json", R"({"code":"x","status":418})", false},
      // x-gateway-responses: a Problem on any operation
      {"GET", "/api/v1/users/7", 503, "application/problem+json", R"({"code":"x","status":503})", true},
      {"GET", "/api/v1/users/7", 413, "application/problem+json", R"({"status":413})", false},
      {"GET", "/api/v1/users/7", 304, "", "", true},
      {"GET", "/api/v1/users/7", 304, "", "x", false},
      {"HEAD", "/api/v1/users/7", 200, "application/json", "", true},
      // literal segments win over parameters
      {"GET", "/api/v1/users/me", 200, "application/json", R"({"me":true})", true},
      {"GET", "/api/v1/users/me", 200, "application/json", R"({"id":7,"municipality_code":"1"})", false},
      {"GET", "/api/v1/nowhere", 200, "application/json", "{}", false},
      {"POST", "/api/v1/users/7", 200, "application/json", "{}", false},
      {"GET", "/file.pdf", 200, "application/pdf", "%PDF-1.4 \x01\x02", true},
      {"OPTIONS", "/api/v1/users/7", 204, "", "", true},
  };
  for (const auto& r : rows) {
    CAPTURE(r.method, r.path, r.status, r.content_type, r.body);
    const auto why = validator().check(r.method, r.path, r.status, r.content_type, r.body);
    CAPTURE(why.value_or("(accepted)"));
    CHECK(!why.has_value() == r.ok);
  }
}

TEST_CASE("issue 10: the schema validator refuses to start on a document it cannot read") {
  portal::test::TempDir dir("schema-validator-bad");
  const auto path = dir.str() + "/openapi.yaml";
  std::ofstream(path) << "paths: [unclosed";
  CHECK_THROWS_WITH(SchemaValidator(portal::test::source_dir() + "/tests/support/openapi_validator.py", path),
                    Catch::Contains("cannot load"));
}
