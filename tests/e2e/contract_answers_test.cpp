// Issue 10 through the gateway: non-numeric ids are 400 naming the parameter in every service, problem
// types resolve to public pages, and the answers issue 10 found breaking their schemas now fit them (the
// suite's observer validates every answer with python3-jsonschema; these cases make sure each is seen).
#include <catch2/catch.hpp>

#include "e2e_suite.hpp"
#include "support/json_fields.hpp"

using namespace portal;
using namespace portal::e2e;

TEST_CASE("issue 10: a non-numeric or non-positive id is 400 naming `id`, in every service",
          "[e2e][contract]") {
  auto& s = Suite::get();
  const auto admin = s.provider_tokens(kDemoNit, "admin").access;
  const auto sysadmin = s.employee_tokens("sysadmin").access;
  const auto agent = s.employee_tokens("agent").access;
  struct Row {
    std::string path;
    const std::string* token;
  };
  for (const auto& [path, token] :
       {Row{"/api/v1/users/abc", &admin}, Row{"/api/v1/employees/1x", &sysadmin},
        Row{"/api/v1/affiliates/-1", &admin}, Row{"/api/v1/calls/0", &agent},
        Row{"/api/v1/urgencies/abc", &admin}, Row{"/api/v1/urgencies/abc/annex2.pdf", &admin},
        Row{"/api/v1/urgencies/1000000000000000000", &admin},
        Row{"/api/v1/inconsistency-reports/abc", &admin},
        Row{"/api/v1/inconsistency-reports/0/attachment", &admin}}) {
    CAPTURE(path);
    const auto r = s.gateway().get(path, test::bearer(*token));
    CHECK(r.status == 400);
    CHECK(r.is_problem());
    CHECK(test::json_string(r.body, "/code") == std::optional<std::string>("invalid_request"));
    CHECK(test::json_string(r.body, "/errors/0/field") == std::optional<std::string>("id"));
    CHECK(test::json_string(r.body, "/errors/0/code") ==
          std::optional<std::string>("not_a_positive_integer"));
  }
  // PATCH too, before the body is read.
  CHECK(s.gateway().patch_json("/api/v1/affiliates/x", "{}", test::bearer(sysadmin)).status == 400);
  // A well-formed id that matches nothing stays 404.
  CHECK(s.gateway().get("/api/v1/urgencies/999999999", test::bearer(admin)).status == 404);
}

TEST_CASE("issue 10: the affiliate-by-id 404 talks about the id, not a document", "[e2e][contract]") {
  auto& s = Suite::get();
  const auto admin = s.provider_tokens(kDemoNit, "admin").access;
  const auto es = s.gateway().get("/api/v1/affiliates/999999999", test::bearer(admin));
  CHECK(es.status == 404);
  const auto detail = test::json_string(es.body, "/detail").value_or("");
  CHECK(detail.find("identificador") != std::string::npos);
  CHECK(detail.find("documento") == std::string::npos);
  const auto en =
      s.gateway().get("/api/v1/affiliates/999999999", test::bearer(admin, {{"Accept-Language", "en"}}));
  CHECK(test::json_string(en.body, "/detail").value_or("").find("document") == std::string::npos);
}

TEST_CASE("issue 10: problem types are public pages on the gateway, in both languages", "[e2e][contract]") {
  auto& s = Suite::get();
  auto es = s.gateway().get("/problems/validation_failed");
  CHECK(es.status == 200);
  CHECK(es.header("Content-Type").value_or("").rfind("text/html", 0) == 0);
  CHECK(es.body.find("<h1>Datos inválidos</h1>") != std::string::npos);
  auto en = s.gateway().get("/problems/validation_failed", {{"Accept-Language", "en"}});
  CHECK(en.body.find("<h1>Validation failed</h1>") != std::string::npos);
  auto none = s.gateway().get("/problems/no_such_problem");
  CHECK(none.status == 404);
  CHECK(none.is_problem());
}

TEST_CASE("issue 10: employees and the newborn lookup fit their schemas", "[e2e][contract]") {
  auto& s = Suite::get();
  const auto sysadmin = s.employee_tokens("sysadmin").access;
  // Employees have no department or municipality: null, as the schema now allows (validated by the observer).
  CHECK(s.gateway().get("/api/v1/me", test::bearer(sysadmin)).status == 200);
  const auto list = s.gateway().get("/api/v1/employees", test::bearer(sysadmin));
  CHECK(list.status == 200);
  CHECK(test::json_array_size(list.body, "/items").value_or(0) > 0);
  const auto admin = s.provider_tokens(kDemoNit, "admin").access;
  const auto newborn = s.gateway().get(
      "/api/v1/affiliates?document_type=CC&document_number=1000000001&child_number=1", test::bearer(admin));
  CHECK(newborn.status == 200);
  CHECK(test::json_array_size(newborn.body, "/newborns") == std::optional<std::size_t>(0));
}

TEST_CASE("issue 10: operations no other case calls answer what the contract says", "[e2e][contract]") {
  // So the independent validator sees a success (and an error) answer of each: lists, creations and
  // self-service writes that the flows of the other cases do not reach.
  auto& s = Suite::get();
  const auto sysadmin = s.employee_tokens("sysadmin").access;
  const auto agent = s.employee_tokens("agent").access;
  const auto admin = s.provider_tokens(kDemoNit, "admin").access;
  const std::string run = std::to_string(now_unix() % 1000000);

  CHECK(s.gateway().get("/api/v1/calls", test::bearer(agent)).status == 200);
  CHECK(s.gateway().get("/api/v1/providers", test::bearer(sysadmin)).status == 200);
  CHECK(s.gateway().get(std::string("/api/v1/providers/") + kDemoNit, test::bearer(sysadmin)).status == 200);
  CHECK(s.gateway().get("/api/v1/providers/1", test::bearer(sysadmin)).status == 404);

  // An employee (AUTH-9) without department or municipality: created, read, edited.
  const auto employee = s.gateway().post_json(
      "/api/v1/employees",
      R"({"username":"e2e.issue10.)" + run + R"(","document_type":"CC","document_number":"7)" + run +
          R"(","first_name":"Ana","first_surname":"Ruiz","email":"ana.)" + run +
          R"(@eps.example","roles":["auditor"]})",
      test::bearer(sysadmin));
  CHECK(employee.status == 201);
  if (const auto id = test::json_int(employee.body, "/id")) {
    CHECK(s.gateway()
              .patch_json("/api/v1/employees/" + std::to_string(*id), R"({"area":"Auditoría"})",
                          test::bearer(sysadmin))
              .status == 200);
  }
  CHECK(s.gateway().post_json("/api/v1/employees", "{}", test::bearer(sysadmin)).status == 422);

  // A delegate of the demo provider (AUTH-8), and an incomplete one.
  const auto delegate = s.gateway().post_json(
      "/api/v1/users",
      R"({"document_type":"CC","document_number":"8)" + run +
          R"(","first_name":"Luis","first_surname":"Paz","position":"Auxiliar","area":"Urgencias",)"
          R"("department_code":"05","municipality_code":"05001","mobile":"3001234567","email":"luis.)" +
          run + R"(@ips.example","email_confirmation":"luis.)" + run +
          R"(@ips.example","permissions":["urgencies"]})",
      test::bearer(admin));
  CHECK(delegate.status == 201);
  CHECK(s.gateway().post_json("/api/v1/users", R"({"first_name":""})", test::bearer(admin)).status == 422);

  // Self-service: the policy acceptance and a profile change (the finance demo user's phone).
  const auto policy = s.gateway().get("/api/v1/policies/current");
  REQUIRE(policy.status == 200);
  const auto finance = s.employee_tokens("finance").access;
  CHECK(s.gateway()
            .post_json("/api/v1/me/policy-acceptance",
                       R"({"version":)" + test::json_quote(*test::json_string(policy.body, "/version")) + "}",
                       test::bearer(finance))
            .status == 204);
  CHECK(s.gateway().patch_json("/api/v1/me", R"({"phone":"6015551234"})", test::bearer(finance)).status ==
        200);
  CHECK(s.gateway().patch_json("/api/v1/me", R"({"phone":"x"})", test::bearer(finance)).status == 422);

  // EPS administrators load a provider, an integrator client and an affiliate (AUTH-1, AUTH-4, AFF-1).
  const std::string nit = "8" + std::string(6 - std::min<std::size_t>(6, run.size()), '0') + run;
  CHECK(
      s.gateway()
          .post_json("/api/v1/providers",
                     R"({"nit":")" + nit + R"(","legal_name":"IPS Contrato )" + run +
                         R"(","branches":[{"habilitation_code":"770)" + nit +
                         R"(","name":"Sede principal","department_code":"05","municipality_code":"05001"}]})",
                     test::bearer(sysadmin))
          .status == 201);
  CHECK(
      s.gateway()
          .post_json("/api/v1/clients",
                     R"({"client_id":"erp-issue10-)" + run + R"(","name":"ERP","scopes":["finance:write"]})",
                     test::bearer(sysadmin))
          .status == 201);
  CHECK(s.gateway()
            .post_json(
                "/api/v1/affiliates",
                R"({"document_type":"CC","document_number":"9)" + run +
                    R"(","first_name":"Rosa","first_surname":"Díaz","birth_date":"1980-05-04","sex":"F",)"
                    R"("regime":"contributory","affiliation_status":"active","municipality_code":"05001"})",
                test::bearer(sysadmin))
            .status == 201);
  // Error answers of the password operations, without spending anyone's failed-attempt budget.
  CHECK(s.gateway().post_json("/api/v1/me/password", "{}", test::bearer(finance)).status == 422);
  CHECK(s.gateway()
            .post_json(
                "/api/v1/auth/password-reset/confirm",
                R"({"token":"not-a-token","password":"Nueva.Clave1","password_confirmation":"Nueva.Clave1"})")
            .status == 400);
  CHECK(s.gateway().post_json("/api/v1/registration/resend", "{}").status == 422);

  // The same 202 whether or not the data match (AUTH-6).
  CHECK(s.gateway()
            .post_json("/api/v1/auth/password-reset",
                       R"({"user_type":"employee","username":"nobody","email":"nobody@eps.example"})")
            .status == 202);
}
