#include "portal/http/problem.hpp"

#include <catch2/catch.hpp>

#include "portal/json/json.hpp"

using namespace portal::http;
using portal::core::Lang;

TEST_CASE("problem+json rendering in Spanish and English") {
  Problem p = validation_failed({{"email", "invalid_format", {"Correo inválido", "Invalid e-mail"}},
                                 {"phone", "required", {"Campo obligatorio", "Required field"}}});
  Response es = problem_response(p, Lang::es);
  CHECK(es.status == 422);
  CHECK(es.content_type == "application/problem+json");
  auto doc = portal::json::parse(es.body);
  REQUIRE(doc.ok());
  CHECK(std::string{doc.doc["type"].GetString()} == "/problems/validation_failed");
  CHECK(std::string{doc.doc["code"].GetString()} == "validation_failed");
  CHECK(doc.doc["status"].GetInt() == 422);
  CHECK(std::string{doc.doc["title"].GetString()} == "Datos inválidos");
  REQUIRE(doc.doc["errors"].Size() == 2);
  CHECK(std::string{doc.doc["errors"][0]["field"].GetString()} == "email");
  CHECK(std::string{doc.doc["errors"][0]["code"].GetString()} == "invalid_format");
  CHECK(std::string{doc.doc["errors"][0]["message"].GetString()} == "Correo inválido");

  Response en = problem_response(p, Lang::en);
  auto doc_en = portal::json::parse(en.body);
  REQUIRE(doc_en.ok());
  CHECK(std::string{doc_en.doc["title"].GetString()} == "Validation failed");
  CHECK(std::string{doc_en.doc["errors"][1]["message"].GetString()} == "Required field");
}

TEST_CASE("every common problem has its status, code and both languages") {
  struct Row {
    Problem p;
    int status;
    const char* code;
  };
  for (const auto& [p, status, code] :
       {Row{malformed_json("x", "y"), 400, "malformed_json"}, Row{bad_request({}), 400, "invalid_request"},
        Row{unauthorized(), 401, "unauthorized"}, Row{forbidden(), 403, "forbidden"},
        Row{not_found(), 404, "not_found"}, Row{route_not_found(), 404, "route_not_found"},
        Row{method_not_allowed(), 405, "method_not_allowed"},
        Row{conflict("provider_already_registered", {"ya", "already"}), 409, "provider_already_registered"},
        Row{payload_too_large(1024), 413, "payload_too_large"},
        Row{unsupported_media_type(), 415, "unsupported_media_type"},
        Row{too_many_requests(), 429, "rate_limited"}, Row{internal_error(), 500, "internal_error"},
        Row{service_unavailable("auth"), 503, "upstream_unavailable"},
        Row{gateway_timeout("auth"), 504, "upstream_timeout"}, Row{overloaded(), 503, "overloaded"},
        Row{not_ready("db"), 503, "not_ready"}, Row{invalid_path(), 400, "invalid_path"},
        Row{too_deep(), 400, "too_deep"}}) {
    CAPTURE(code);
    CHECK(p.status == status);
    CHECK(p.code == code);
    CHECK_FALSE(p.title.es.empty());
    CHECK_FALSE(p.title.en.empty());
    CHECK_FALSE(p.detail.es.empty());
    CHECK_FALSE(p.detail.en.empty());
    auto doc = portal::json::parse(problem_response(p, Lang::en).body);
    CHECK(doc.ok());
  }
}
