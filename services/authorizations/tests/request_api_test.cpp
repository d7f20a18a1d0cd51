// AUT-1, AUT-3, AUT-5, AUT-7, AUT-8 through HTTP: the authorizations service in-process with the real
// affiliates and auth services (authorizations_test_support), a fresh database per backend and a ManualClock.
#include <catch2/catch.hpp>

#include "authorizations_test_support.hpp"

using namespace portal::authorizations::test;

namespace {

const std::string kUrl = "/api/v1/authorization-requests";
// 2026-06-01T15:00:00Z = 10:00 in Bogotá (Res. 2335 in force).
const char* kNow = "2026-06-01T15:00:00Z";

std::string surgical() { return R"([{"cups_code":"470101","quantity":1}])"; }

}  // namespace

TEST_CASE("an auto-approved request: 201 with its authorization number, rule set version and evaluation") {
  AuthorizationsFixture f(kNow);
  const auto token = f.provider_admin();
  auto r = f.post(kUrl, request_body("1001"), token);
  INFO(r.body);
  REQUIRE(r.status == 201);
  const auto id = r.json["id"].GetInt64();
  CHECK(r.header("Location") == kUrl + "/" + std::to_string(id));
  CHECK(r.str("status") == "approved");
  CHECK(r.str("authorization_number") ==
        "2026-" + std::string(8 - std::to_string(id).size(), '0') + std::to_string(id));
  CHECK(r.json["status_reason"].IsNull());
  CHECK(r.json["rule_set_version"].GetInt64() == 1);
  REQUIRE(r.json["evaluation"].Size() == 1);
  CHECK(std::string{r.json["evaluation"][0]["decided_by"][0]["rule_id"].GetString()} ==
        "approve_pos_laboratory");
  CHECK(r.json["due_at"].IsNull());         // outpatient: no deadline by default
  CHECK(r.json["traffic_light"].IsNull());  // decided
  CHECK(r.str("format_in_force") == "res2335");
  CHECK(std::string{r.json["affiliate"]["first_name"].GetString()} == "María");
  CHECK(std::string{r.json["procedures"][0]["classification"].GetString()} == "general");
  auto read = f.get(r.header("Location"), token);
  CHECK(read.status == 200);
  CHECK(read.body == r.body);
}

TEST_CASE(
    "a surgical request is pending with the rule named in status_reason; emergency light by the clock") {
  AuthorizationsFixture f(kNow);
  const auto token = f.provider_admin();
  auto r = f.post(kUrl,
                  request_body("1002", {{"procedures", surgical()},
                                        {"service_type", R"("post_emergency")"},
                                        {"priority", ""},
                                        {"patient_location", R"("emergency")"},
                                        {"service", R"("emergency_general")"}}),
                  token);
  INFO(r.body);
  REQUIRE(r.status == 201);
  CHECK(r.str("status") == "pending");
  CHECK(r.json["authorization_number"].IsNull());
  CHECK(r.str("status_reason").find("pend_surgical: 470101") != std::string::npos);
  CHECK(r.str("due_at") == "2026-06-01T17:00:00Z");
  CHECK(r.str("traffic_light") == "white");
  const auto url = r.header("Location");
  // Tokens are short-lived: each read after moving the clock signs a new one.
  f.clock.advance(std::chrono::minutes(119));
  CHECK(f.get(url, f.provider_admin()).str("traffic_light") == "white");
  f.clock.advance(std::chrono::minutes(1));
  CHECK(f.get(url, f.provider_admin()).str("traffic_light") == "yellow");
  // The list by light, and the gauge.
  auto yellow = f.get(kUrl + "?traffic_light=yellow", f.provider_admin());
  REQUIRE(yellow.status == 200);
  CHECK(yellow.json["total"].GetInt64() == 1);
  auto metrics = f.get("/metrics", f.employee("admin"));
  CHECK(metrics.body.find(
            "portal_authorization_requests_pending{service=\"authorizations\",traffic_light=\"yellow\"} 1") !=
        std::string::npos);
}

TEST_CASE("hospitalization: a bed is required, and the light turns red at 6:00") {
  AuthorizationsFixture f(kNow);
  const auto token = f.provider_admin();
  const std::map<std::string, std::string> hospital = {
      {"patient_location", R"("hospitalization")"},
      {"service", R"("general_adult_ward")"},
      {"procedures", R"([{"cups_code":"109101","quantity":2}])"}};
  auto no_bed = f.post(kUrl, request_body("1003", hospital), token);
  CHECK(no_bed.status == 422);
  CHECK(no_bed.error_fields() == std::vector<std::string>{"bed_number:required"});
  auto with_bed = hospital;
  with_bed["bed_number"] = R"("304-B")";
  auto r = f.post(kUrl, request_body("1003", with_bed), token);
  INFO(r.body);
  REQUIRE(r.status == 201);
  CHECK(r.str("status") == "pending");
  CHECK(std::string{r.json["procedures"][0]["classification"].GetString()} == "hospital");
  f.clock.advance(std::chrono::minutes(359));
  CHECK(f.get(r.header("Location"), f.provider_admin()).str("traffic_light") == "white");
  f.clock.advance(std::chrono::minutes(1));
  CHECK(f.get(r.header("Location"), f.provider_admin()).str("traffic_light") == "red");
}

TEST_CASE("every bad input answers problem+json 4xx, all errors at once") {
  AuthorizationsFixture f(kNow);
  const auto token = f.provider_admin();
  auto bad = f.post(
      kUrl,
      request_body(
          "1004",
          {{"bed_number", R"("9")"},
           {"service", R"("emergency_general")"},
           {"priority", ""},
           {"procedures", R"([{"cups_code":"902045","quantity":1},{"cups_code":"902045","quantity":2}])"}}),
      token);
  INFO(bad.body);
  CHECK(bad.status == 422);
  CHECK(bad.header("Content-Type").find("application/problem+json") == 0);
  CHECK(bad.error_fields() == std::vector<std::string>{"service:service_not_in_location",
                                                       "bed_number:not_allowed", "priority:required",
                                                       "procedures[1].cups_code:duplicate_procedure"});
  CHECK(f.post(kUrl, "{", token).status == 400);
  auto unknown =
      f.post(kUrl, request_body("1005", {{"affiliate", R"({"document_type":"CC","document_number":"999"})"}}),
             token);
  CHECK(unknown.error_fields() == std::vector<std::string>{"affiliate:affiliate_not_found"});
  CHECK(f.get(kUrl + "/abc", token).status == 400);
  CHECK(f.get(kUrl + "/999", token).status == 404);
  CHECK(f.get(kUrl + "?request_number=12", token).error_fields() ==
        std::vector<std::string>{"request_year:required"});
  CHECK(f.get(kUrl + "?request_number=12&request_year=2027", token).error_fields() ==
        std::vector<std::string>{"request_year:in_future"});
  // English on request (Accept-Language), Spanish by default.
  auto en =
      f.post(kUrl, request_body("1007", {{"bed_number", R"("9")"}}), token, {{"Accept-Language", "en"}});
  CHECK(en.status == 422);
  CHECK(en.header("Content-Language") == "en");
  CHECK(en.body.find("The bed number applies to hospitalized patients only") != std::string::npos);
  auto es = f.post(kUrl, request_body("1007", {{"bed_number", R"("9")"}}), token);
  CHECK(es.body.find("El número de cama solo aplica a pacientes hospitalizados") != std::string::npos);
  CHECK(f.count("SELECT COUNT(*) FROM authorization_requests") == 0);
}

TEST_CASE("a non-active affiliate is accepted and held by the rules") {
  AuthorizationsFixture f(kNow);
  auto r =
      f.post(kUrl,
             request_body("1006", {{"affiliate", R"({"document_type":"CC","document_number":"1000000002"})"},
                                   {"diagnoses", R"({"principal":"D509"})"}}),
             f.provider_admin());
  INFO(r.body);
  REQUIRE(r.status == 201);
  CHECK(r.str("status") == "pending");
  CHECK(r.str("status_reason") == "pend_non_active_affiliate: 902045");
}

TEST_CASE("request numbers are unique per provider within the Bogotá year, across the New Year") {
  // 31 Dec 2026 23:30 in Bogotá = 1 Jan 2027 04:30Z: still 2026.
  AuthorizationsFixture f("2027-01-01T04:30:00Z");
  const auto token = f.provider_admin();
  auto first = f.post(kUrl, request_body("77"), token);
  REQUIRE(first.status == 201);
  CHECK(first.json["request_year"].GetInt() == 2026);
  auto again = f.post(kUrl, request_body("77"), token);
  CHECK(again.status == 409);
  CHECK(again.str("code") == "duplicate_request_number");
  f.clock.advance(std::chrono::minutes(30));  // 00:00 of 1 January in Bogotá
  auto new_year = f.post(kUrl, request_body("77"), f.provider_admin());
  INFO(new_year.body);
  CHECK(new_year.status == 201);
  CHECK(new_year.json["request_year"].GetInt() == 2027);
  // Another provider may use the same number.
  CHECK(f.post(kUrl, request_body("77", {{"habilitation_code", R"("080010000201")"}}),
               f.provider_admin("900000002", "080010000201"))
            .status == 201);
}

TEST_CASE("Idempotency-Key replays the 201; tenant isolation; who may file") {
  AuthorizationsFixture f(kNow);
  const auto token = f.provider_admin();
  const std::vector<std::pair<std::string, std::string>> key = {{"Idempotency-Key", "k-1"}};
  auto first = f.post(kUrl, request_body("2001"), token, key);
  REQUIRE(first.status == 201);
  auto replay = f.post(kUrl, request_body("2001"), token, key);
  CHECK(replay.status == 201);
  CHECK(replay.header("Idempotent-Replayed") == "true");
  CHECK(replay.body == first.body);
  CHECK(f.post(kUrl, request_body("2009"), token, key).str("code") == "idempotency_key_reused");
  CHECK(f.count("SELECT COUNT(*) FROM authorization_requests") == 1);
  // Another provider's request is 404; a delegate without the module is 403; an auditor reads; an agent
  // files naming the provider.
  CHECK(f.get(first.header("Location"), f.provider_admin("900000002", "080010000201")).status == 404);
  CHECK(f.post(kUrl, request_body("2002"), f.delegate({"urgencies"})).status == 403);
  CHECK(f.get(first.header("Location"), f.employee("auditor")).status == 200);
  CHECK(f.post(kUrl, request_body("2003"), f.employee("auditor")).status == 403);
  auto agent = f.post(kUrl, request_body("2004"), f.employee("agent"));
  CHECK(agent.error_fields() ==
        std::vector<std::string>{"provider_nit:required", "habilitation_code:required"});
  auto named = f.post(
      kUrl,
      request_body("2004", {{"provider_nit", R"("900000001")"}, {"habilitation_code", R"("080010000101")"}}),
      f.employee("agent"));
  CHECK(named.status == 201);
}

TEST_CASE("AUT-7 lists: today by default, only pending for provider users; filters, sort and ETag") {
  AuthorizationsFixture f(kNow);
  const auto token = f.provider_admin();
  REQUIRE(f.post(kUrl, request_body("3001"), token).status == 201);                                // approved
  REQUIRE(f.post(kUrl, request_body("3002", {{"procedures", surgical()}}), token).status == 201);  // pending
  auto mine = f.get(kUrl, token);
  REQUIRE(mine.status == 200);
  CHECK(mine.json["total"].GetInt64() == 1);
  CHECK(std::string{mine.json["items"][0]["request_number"].GetString()} == "3002");
  CHECK(f.get(kUrl + "?status=approved", token).json["total"].GetInt64() == 1);
  auto all = f.get(kUrl, f.employee("agent"));
  CHECK(all.json["total"].GetInt64() == 2);
  CHECK(
      f.get(kUrl + "?request_number=3001&request_year=2026", f.employee("agent")).json["total"].GetInt64() ==
      1);
  CHECK(f.get(kUrl + "?sort=light", f.employee("agent")).status == 200);
  CHECK(f.get(kUrl + "?sort=due_at&traffic_light=white", f.employee("agent")).json["total"].GetInt64() == 1);
  f.clock.advance(std::chrono::hours(24));  // tomorrow: the default day is empty
  CHECK(f.get(kUrl, f.employee("agent")).json["total"].GetInt64() == 0);
  CHECK(f.get(kUrl + "?date_from=2026-06-01&date_to=2026-06-02", f.employee("agent"))
            .json["total"]
            .GetInt64() == 2);
  auto etag = f.get(kUrl + "?date_from=2026-06-01", f.employee("agent"));
  REQUIRE_FALSE(etag.header("ETag").empty());
  CHECK(f.get(kUrl + "?date_from=2026-06-01", f.employee("agent"), {{"If-None-Match", etag.header("ETag")}})
            .status == 304);
}

TEST_CASE("AUT-3 a provider asks to annul: recorded once, with its reason") {
  AuthorizationsFixture f(kNow);
  const auto token = f.provider_admin();
  auto r = f.post(kUrl, request_body("4001"), token);
  REQUIRE(r.status == 201);
  const auto url = r.header("Location") + "/annulment-request";
  CHECK(f.post(url, R"({})", token).error_fields() == std::vector<std::string>{"reason:required"});
  auto asked = f.post(url, R"({"reason":"Error de digitación"})", token);
  INFO(asked.body);
  REQUIRE(asked.status == 200);
  CHECK(std::string{asked.json["annulment_request"]["reason"].GetString()} == "Error de digitación");
  CHECK(asked.str("status") == "approved");  // an auditor carries it out
  CHECK(f.post(url, R"({"reason":"otra vez"})", token).status == 409);
  CHECK(f.post(url, R"({"reason":"x"})", f.employee("agent")).status == 403);
}

TEST_CASE("AUT-8 the document in force: request.pdf and its alias annex3.pdf; the 2335 matrix view") {
  AuthorizationsFixture f(kNow);
  const auto token = f.provider_admin();
  auto r = f.post(kUrl, request_body("5001"), token);
  REQUIRE(r.status == 201);
  const auto url = r.header("Location");
  for (const char* doc : {"/request.pdf", "/annex3.pdf"}) {
    auto pdf = f.get(url + doc, token);
    REQUIRE(pdf.status == 200);
    CHECK(pdf.header("Content-Type") == "application/pdf");
    CHECK(pdf.header("Content-Disposition") ==
          "attachment; filename=\"SolicitudAutorizacion-5001-20260601.pdf\"");
    CHECK(pdf.body.rfind("%PDF-", 0) == 0);
  }
  auto matrix = f.get(url, token, {{"Accept", "application/vnd.portal.res2335+json"}});
  INFO(matrix.body);
  REQUIRE(matrix.status == 200);
  CHECK(matrix.json["procedure"].GetInt() == 3);
  CHECK(std::string{matrix.json["fields"]["2"].GetString()} == "5001");
  CHECK(std::string{matrix.json["lines"][0]["38"].GetString()} == "902045");
}

TEST_CASE("a request dated before 1 April 2026 gets the Res. 3047 Anexo 3, and no matrix view") {
  AuthorizationsFixture f("2026-03-02T15:00:00Z");
  const auto token = f.provider_admin();
  auto r = f.post(kUrl, request_body("6001"), token);
  REQUIRE(r.status == 201);
  CHECK(r.str("format_in_force") == "res3047");
  auto pdf = f.get(r.header("Location") + "/request.pdf", token);
  REQUIRE(pdf.status == 200);
  CHECK(pdf.header("Content-Disposition") == "attachment; filename=\"Anexo3-6001-20260302.pdf\"");
  CHECK(f.get(r.header("Location"), token, {{"Accept", "application/vnd.portal.res2335+json"}}).status ==
        406);
}
