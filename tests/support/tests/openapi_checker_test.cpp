#include <catch2/catch.hpp>

#include "support/openapi_checker.hpp"

using portal::test::OpenApiChecker;

namespace {

const char* kSpec = R"(
openapi: 3.1.0
info: {title: t, version: "1"}
x-gateway-responses: ["503", "413"]
paths:
  /api/v1/users:
    get:
      responses:
        "200": {description: ok}
        "401": {description: no token}
  /api/v1/users/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: integer}}
    get:
      responses:
        "200": {description: ok}
        "404": {description: not found}
    patch:
      responses:
        "4XX": {description: any client error}
  /api/v1/users/me:
    get:
      responses:
        "200": {description: ok}
  /healthz:
    get:
      responses:
        default: {description: anything}
)";

}  // namespace

TEST_CASE("openapi checker accepts documented (route, status) and names what is not") {
  const auto checker = OpenApiChecker::from_string(kSpec);
  CHECK(checker.operation_count() == 5);

  struct Row {
    const char* method;
    const char* path;
    int status;
    bool documented;
  };
  for (auto [method, path, status, documented] : {
           Row{"GET", "/api/v1/users", 200, true},
           Row{"get", "/api/v1/users?page=2", 401, true},     // query ignored, method case-insensitive
           Row{"GET", "/api/v1/users", 500, false},
           Row{"GET", "/api/v1/users/42", 404, true},          // {id} matches a concrete segment
           Row{"GET", "/api/v1/users/42", 403, false},
           Row{"PATCH", "/api/v1/users/42", 422, true},        // range 4XX
           Row{"PATCH", "/api/v1/users/42", 500, false},
           Row{"GET", "/api/v1/users/me", 200, true},          // the literal template wins
           Row{"GET", "/api/v1/users/me", 404, false},         // ... so {id}'s 404 does not apply
           Row{"DELETE", "/api/v1/users/42", 204, false},      // operation not documented
           Row{"GET", "/api/v1/nothing", 200, false},          // path not documented
           Row{"GET", "/api/v1/users/42/extra", 200, false},   // segment count must match
           Row{"GET", "/healthz", 503, true},                  // default
           Row{"GET", "/api/v1/users/42", 503, true},          // x-gateway-responses
           Row{"POST", "/api/v1/users", 503, false},           // ... only for documented operations
           Row{"OPTIONS", "/api/v1/anything", 204, true},      // CORS preflight is not an operation
       }) {
    CAPTURE(method, path, status);
    CHECK(!checker.check(method, path, status).has_value() == documented);
  }
  CHECK(checker.match_path("/api/v1/users/7") == std::optional<std::string>("/api/v1/users/{id}"));
  CHECK(checker.match_path("/api/v1/users/me") == std::optional<std::string>("/api/v1/users/me"));
  CHECK_FALSE(checker.match_path("/nope").has_value());
  const auto why = checker.check("GET", "/api/v1/users/42", 403);
  REQUIRE(why.has_value());
  CHECK(why->find("/api/v1/users/{id}") != std::string::npos);
  CHECK(why->find("403") != std::string::npos);
}
