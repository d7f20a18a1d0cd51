// Issue 20 through the gateway: AUTH-11 contact cases and AUTH-12 survey answers and results, every answer
// checked against api/openapi.yaml by the suite's observer (python3-jsonschema).
#include <catch2/catch.hpp>

#include "e2e_suite.hpp"
#include "support/json_fields.hpp"

using namespace portal;
using namespace portal::e2e;

TEST_CASE("issue 20: a delegate sends a contact case; the EPS administrator lists, reads and answers it",
          "[e2e][support]") {
  auto& s = Suite::get();
  const auto delegate = s.provider_tokens(kDemoNit, "delegate").access;
  const auto sysadmin = s.employee_tokens("sysadmin").access;
  auto sent = s.gateway().post_json(
      "/api/v1/contact-cases",
      R"({"category":"technical_support","subject":"No descarga el anexo 2","comment":"Error al generar el PDF."})",
      test::bearer(delegate, {{"Idempotency-Key", "e2e-contact-1"}}));
  REQUIRE(sent.status == 201);
  const auto id = test::json_int(sent.body, "/id");
  REQUIRE(id);
  const std::string path = "/api/v1/contact-cases/" + std::to_string(*id);
  CHECK(sent.header("Location") == path);
  CHECK(test::json_string(sent.body, "/provider_nit") == std::optional<std::string>(kDemoNit));

  auto bad = s.gateway().post_json("/api/v1/contact-cases", R"({"category":"x","subject":"a\nb"})",
                                   test::bearer(delegate));
  CHECK(bad.status == 422);
  CHECK(test::json_array_size(bad.body, "/errors") == 3u);  // category, subject, comment
  CHECK(s.gateway().get("/api/v1/contact-cases", test::bearer(delegate)).status == 403);

  auto list = s.gateway().get("/api/v1/contact-cases?status=open&per_page=5", test::bearer(sysadmin));
  REQUIRE(list.status == 200);
  CHECK(test::json_int(list.body, "/total").value_or(0) >= 1);
  auto one = s.gateway().get(path, test::bearer(sysadmin));
  REQUIRE(one.status == 200);
  CHECK(test::json_string(one.body, "/status") == std::optional<std::string>("open"));
  auto answered =
      s.gateway().patch_json(path, R"({"status":"answered"})",
                             test::bearer(sysadmin, {{"If-Match", one.header("ETag").value_or("")}}));
  REQUIRE(answered.status == 200);
  CHECK(test::json_string(answered.body, "/status") == std::optional<std::string>("answered"));
  CHECK(s.gateway().patch_json(path, R"({"status":"closed"})", test::bearer(sysadmin)).status == 422);
  CHECK(s.gateway().get("/api/v1/contact-cases/0", test::bearer(sysadmin)).status == 400);
}

TEST_CASE("issue 20: one survey answer per Bogotá day, and the EPS administrator's monthly results",
          "[e2e][support]") {
  auto& s = Suite::get();
  const auto delegate = s.provider_tokens(kDemoNit, "delegate").access;
  const std::string answer = R"({"satisfaction":5,"ease":4,"nps":10,"resolved":true})";
  auto first = s.gateway().post_json("/api/v1/surveys", answer, test::bearer(delegate));
  REQUIRE(first.status == 201);
  auto second = s.gateway().post_json("/api/v1/surveys", answer, test::bearer(delegate));
  CHECK(second.status == 409);
  CHECK(test::json_string(second.body, "/code") == std::optional<std::string>("survey_already_answered"));
  CHECK(s.gateway().post_json("/api/v1/surveys", R"({"satisfaction":9})", test::bearer(delegate)).status ==
        422);

  const auto sysadmin = s.employee_tokens("sysadmin").access;
  auto results =
      s.gateway().get("/api/v1/surveys/results", test::bearer(sysadmin, {{"Accept-Language", "en"}}));
  REQUIRE(results.status == 200);
  CHECK(results.header("Content-Language") == std::optional<std::string>("en"));
  CHECK(test::json_array_size(results.body, "/months") == 12u);
  CHECK(test::json_int(results.body, "/overall/responses").value_or(0) >= 1);
  CHECK(test::json_int(results.body, "/overall/nps/promoters").value_or(0) >= 1);
  CHECK(s.gateway().get("/api/v1/surveys/results?from=2026-13", test::bearer(sysadmin)).status == 422);
  CHECK(s.gateway().get("/api/v1/surveys/results", test::bearer(delegate)).status == 403);
}
