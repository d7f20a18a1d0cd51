// AFF-1 writes by EPS employees (admin, agent) and integrators with affiliates:write: 201 + Location,
// 409 on a duplicate document, 422 listing every invalid field, PATCH honouring If-Match (412).
#include <catch2/catch.hpp>

#include "affiliates_test_support.hpp"

using namespace portal::affiliates::test;

namespace {

const std::string kNew = R"({"document_type":"CC","document_number":"1234567890","first_name":"Ángela",
  "second_name":"María","first_surname":"Núñez","second_surname":"De la Hoz","birth_date":"1985-07-20","sex":"F",
  "regime":"contributory","affiliation_status":"active","municipality_code":"13001","address":"Cra 3 # 10-20",
  "mobile":"3109876543","email":"angela@example.com"})";

}  // namespace

TEST_CASE("Create an affiliate: 201 + Location, then 409 for the same document") {
  AffiliatesFixture f(false);
  const auto agent = f.employee("agent");
  auto r = f.post("/api/v1/affiliates", kNew, agent);
  REQUIRE(r.status == 201);
  CHECK(r.header("Location") == "/api/v1/affiliates/" + std::to_string(r.json["id"].GetInt64()));
  CHECK(r.str("data_quality") == "ok");
  CHECK(r.json["age_years"].GetInt() == 40);
  auto again = f.post("/api/v1/affiliates", kNew, f.employee("admin"));
  CHECK(again.status == 409);
  CHECK(again.str("code") == "affiliate_already_exists");
  // It is found by the lookup afterwards.
  CHECK(f.get("/api/v1/affiliates?document_type=CC&document_number=1234567890", agent).status == 200);
}

TEST_CASE("Writes are for admin, agent and integrators with affiliates:write") {
  AffiliatesFixture f(false);
  CHECK(f.post("/api/v1/affiliates", kNew, f.provider_admin()).status == 403);
  CHECK(f.post("/api/v1/affiliates", kNew, f.employee("auditor")).status == 403);
  CHECK(f.post("/api/v1/affiliates", kNew, f.client({"urgencies"})).status == 403);
  CHECK(f.post("/api/v1/affiliates", kNew, "").status == 401);
  CHECK(f.post("/api/v1/affiliates", kNew, f.client({"affiliates:write"})).status == 201);
}

TEST_CASE("Every invalid field at once, never a 500") {
  AffiliatesFixture f(false);
  const auto agent = f.employee("agent");
  auto r = f.post("/api/v1/affiliates",
                  R"({"document_type":"XX","document_number":"1","first_name":"Juan3","first_surname":"",
                      "birth_date":"2099-01-01","sex":"H","regime":"x","affiliation_status":"active",
                      "data_quality":"meh","municipality_code":"1","email":"no","child_number":2})",
                  agent);
  CHECK(r.status == 422);
  CHECK(r.error_fields() ==
        std::vector<std::string>{
            "document_type:unknown_document_type", "first_name:invalid_characters", "first_surname:required",
            "birth_date:in_future", "sex:invalid_value", "regime:invalid_value", "data_quality:invalid_value",
            "municipality_code:unknown_municipality", "email:invalid_email", "newborn_of:required"});
  CHECK(f.post("/api/v1/affiliates", "{not json", agent).status == 400);
  CHECK(f.request("POST", "/api/v1/affiliates", kNew, agent, "text/plain").status == 415);
  CHECK(f.post("/api/v1/affiliates", R"({"first_name":7})", agent).status == 422);
}

TEST_CASE("A newborn 'hijo de' is created under the mother's document") {
  AffiliatesFixture f(false);
  const auto agent = f.employee("agent");
  REQUIRE(f.post("/api/v1/affiliates", kNew, agent).status == 201);
  const std::string baby =
      R"({"first_name":"Hijo de Ángela","first_surname":"Núñez","birth_date":"2026-03-01","sex":"M",
    "regime":"contributory","affiliation_status":"active","municipality_code":"13001",
    "newborn_of":{"document_type":"CC","document_number":"1234567890"},"child_number":1})";
  auto r = f.post("/api/v1/affiliates", baby, agent);
  REQUIRE(r.status == 201);
  CHECK(r.json["document_number"].IsNull());
  CHECK(f.post("/api/v1/affiliates", baby, agent).status == 409);
  auto mother = f.get("/api/v1/affiliates?document_type=CC&document_number=1234567890", agent);
  CHECK(mother.json["newborns"].Size() == 1);
}

TEST_CASE("PATCH honours If-Match: 412 on a stale ETag") {
  AffiliatesFixture f(false);
  const auto agent = f.employee("agent");
  auto created = f.post("/api/v1/affiliates", kNew, agent);
  const auto path = "/api/v1/affiliates/" + std::to_string(created.json["id"].GetInt64());
  auto read = f.get(path, agent);
  const auto etag = read.header("ETag");
  REQUIRE_FALSE(etag.empty());

  auto updated = f.request("PATCH", path, R"({"affiliation_status":"suspended","mobile":null})", agent,
                           "application/json", {{"If-Match", etag}});
  REQUIRE(updated.status == 200);
  CHECK(updated.str("affiliation_status") == "suspended");
  CHECK(updated.json["mobile"].IsNull());
  CHECK(updated.json["version"].GetInt() == 2);
  CHECK(updated.header("ETag") == f.get(path, agent).header("ETag"));

  auto stale = f.request("PATCH", path, R"({"affiliation_status":"active"})", agent, "application/json",
                         {{"If-Match", etag}});
  CHECK(stale.status == 412);
  CHECK(stale.str("code") == "precondition_failed");

  auto invalid = f.request("PATCH", path, R"({"sex":"X","first_name":null})", agent);
  CHECK(invalid.error_fields() == std::vector<std::string>{"first_name:required", "sex:invalid_value"});
  CHECK(f.request("PATCH", "/api/v1/affiliates/999999", R"({"sex":"M"})", agent).status == 404);

  REQUIRE(f.post("/api/v1/affiliates",
                 R"({"document_type":"CC","document_number":"55555","first_name":"Ana","first_surname":"Ruiz",
                     "birth_date":"1990-01-01","sex":"F","regime":"subsidized","affiliation_status":"active",
                     "municipality_code":"08001"})",
                 agent)
              .status == 201);
  CHECK(f.request("PATCH", path, R"({"document_number":"55555"})", agent).status == 409);
}

TEST_CASE("JSON routes keep the 1 MiB limit although the server accepts large CSV imports") {
  AffiliatesFixture f(
      false, {{"PORTAL_MAX_BODY_BYTES", "1048576"}, {"PORTAL_AFFILIATES_MAX_IMPORT_BYTES", "4194304"}});
  const std::string big = R"({"notes":")" + std::string(2 * 1024 * 1024, 'x') + R"("})";
  auto r = f.post("/api/v1/affiliates", big, f.employee("agent"));
  CHECK(r.status == 413);
  CHECK(r.str("code") == "payload_too_large");
  CHECK(f.post("/api/v1/calls", big, f.employee("agent")).status == 413);
  // A 2 MiB roster is accepted by the import route.
  std::string csv =
      "document_type,document_number,first_name,first_surname,birth_date,sex,regime,affiliation_status,"
      "municipality_code\n";
  for (int i = 0; csv.size() < 2 * 1024 * 1024; ++i)
    csv += "CC," + std::to_string(4000000000LL + i) + ",Ana,Ruiz,1990-01-01,F,subsidized,active,08001\n";
  CHECK(f.request("POST", "/api/v1/affiliates/imports", csv, f.employee("admin"), "text/csv").status == 202);
  CHECK(f.request("POST", "/api/v1/affiliates/imports", csv + csv + csv, f.employee("admin"), "text/csv")
            .status == 413);
}

TEST_CASE("SPEC §1 registry changes are audited with their write: created, updated (fields, not values)") {
  AffiliatesFixture f(false);
  const auto agent = f.employee("agent");
  auto created = f.post("/api/v1/affiliates", kNew, agent);
  REQUIRE(created.status == 201);
  const auto id = std::to_string(created.json["id"].GetInt64());
  CHECK(f.request("PATCH", "/api/v1/affiliates/" + id, R"({"affiliation_status":"suspended","mobile":null})",
                  agent)
            .status == 200);
  CHECK(f.request("PATCH", "/api/v1/affiliates/" + id, R"({"sex":"X"})", agent).status == 422);  // no record
  CHECK(f.count("SELECT count(*) FROM audit_trail WHERE action = 'affiliate_created' AND resource_id = '" +
                id + "' AND user_type = 'employee'") == 1);
  CHECK(f.count("SELECT count(*) FROM audit_trail WHERE action = 'affiliate_updated' AND resource_id = '" +
                id + "' AND summary = '{\"fields\":[\"affiliation_status\",\"mobile\"]}'") == 1);
  CHECK(f.count("SELECT count(*) FROM audit_trail WHERE action = 'affiliate_updated'") == 1);
  auto trail = f.get("/api/v1/audit?resource_type=affiliate&resource_id=" + id, f.employee("admin"));
  REQUIRE(trail.status == 200);
  CHECK(trail.json["total"].GetInt64() == 2);
  CHECK(std::string{trail.json["items"][0]["action"].GetString()} == "affiliate_updated");  // newest first
}
