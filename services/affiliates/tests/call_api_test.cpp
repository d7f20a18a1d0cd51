// AFF-5 contact-centre calls over HTTP: Tabla 4.1 validation, the affiliate must exist (non-affiliates
// are recorded with caller type "other"), filters by date, agent and action, agents only.
#include <catch2/catch.hpp>

#include "affiliates_test_support.hpp"

using namespace portal::affiliates::test;

TEST_CASE("AFF-5 calls: filed by agents, validated against Tabla 4.1, listed with filters") {
  AffiliatesFixture f;
  const auto agent = f.employee("agent");
  auto r = f.post("/api/v1/calls",
                  R"({"call_type":"incoming","caller_type":"affiliate","caller_name":"María Gómez",
                      "affiliate":{"document_type":"CC","document_number":"1000000001"},
                      "action":"general_information","procedure":"rights_verification","notes":"Verificó derechos"})",
                  agent);
  REQUIRE(r.status == 201);
  CHECK(r.header("Location") == "/api/v1/calls/" + std::to_string(r.json["id"].GetInt64()));
  CHECK(std::string{r.json["affiliate"]["document_number"].GetString()} == "1000000001");
  auto one = f.get(r.header("Location"), agent);
  CHECK(one.status == 200);
  CHECK(one.str("procedure") == "rights_verification");
  CHECK(f.get("/api/v1/calls/999999", agent).str("code") == "call_not_found");
  CHECK(f.get(r.header("Location"), f.provider_admin()).status == 403);

  auto other = f.post("/api/v1/calls",
                      R"({"call_type":"incoming","caller_type":"other","caller_name":"Pedro",
                          "provider":{"nit":"900123456","name":"IPS Nueva","municipality_code":"13001"},
                          "action":"other","other_text":"Pregunta por horarios de una IPS no afiliada"})",
                      agent);
  CHECK(other.status == 201);

  auto bad = f.post("/api/v1/calls",
                    R"({"call_type":"incoming","caller_type":"affiliate","caller_name":"X",
                        "affiliate":{"document_type":"CC","document_number":"1000000001"},
                        "action":"complaints","procedure":"rights_verification"})",
                    agent);
  CHECK(bad.status == 422);
  CHECK(bad.error_fields() == std::vector<std::string>{"procedure:not_allowed_for_action"});
  CHECK(f.post("/api/v1/calls",
               R"({"call_type":"incoming","caller_type":"other","caller_name":"X","action":"other"})", agent)
            .error_fields() == std::vector<std::string>{"other_text:required"});
  auto not_affiliate = f.post("/api/v1/calls",
                              R"({"call_type":"incoming","caller_type":"affiliate","caller_name":"X",
                                  "affiliate":{"document_type":"CC","document_number":"999999999"},
                                  "action":"general_information","procedure":"rights_verification"})",
                              agent);
  CHECK(not_affiliate.error_fields() == std::vector<std::string>{"affiliate:affiliate_not_found"});

  auto all = f.get("/api/v1/calls", agent);
  REQUIRE(all.status == 200);
  CHECK(all.json["total"].GetInt() == 2);
  CHECK(f.get("/api/v1/calls?action=other", agent).json["total"].GetInt() == 1);
  CHECK(f.get("/api/v1/calls?date=2026-03-02", agent).json["total"].GetInt() == 2);
  CHECK(f.get("/api/v1/calls?date=2026-03-01", agent).json["total"].GetInt() == 0);
  CHECK(f.get("/api/v1/calls?agent=user:999", agent).json["total"].GetInt() == 0);
  CHECK(f.get("/api/v1/calls?action=teleshopping", agent).status == 422);
  CHECK(f.get("/api/v1/calls?date=02/03/2026", agent).status == 422);

  CHECK(f.get("/api/v1/calls", f.provider_admin()).status == 403);
  CHECK(f.post("/api/v1/calls", "{}", f.employee("auditor")).status == 403);
}

TEST_CASE("issue 10 / SPEC §2: every creating POST of affiliates honours Idempotency-Key") {
  AffiliatesFixture f;
  const auto agent = f.employee("agent");
  const std::string call =
      R"({"call_type":"incoming","caller_type":"other","caller_name":"Pedro","action":"other","other_text":"Horarios"})";
  const std::string same_call_reordered =
      R"({ "other_text": "Horarios", "action": "other", "caller_name": "Pedro", "caller_type": "other", "call_type": "incoming" })";
  auto keyed = [&](const std::string& path, const std::string& body, const std::string& key,
                   const std::string& token, const std::string& type = "application/json") {
    return f.request("POST", path, body, token, type, {{"Idempotency-Key", key}});
  };
  // POST /api/v1/calls: the same key twice created two calls before (the issue's finding).
  const auto first = keyed("/api/v1/calls", call, "call-1", agent);
  REQUIRE(first.status == 201);
  CHECK(first.header("Idempotent-Replayed").empty());
  const auto again = keyed("/api/v1/calls", same_call_reordered, "call-1", agent);
  CHECK(again.status == 201);
  CHECK(again.header("Idempotent-Replayed") == "true");
  CHECK(again.header("Location") == first.header("Location"));
  CHECK(again.json["id"].GetInt64() == first.json["id"].GetInt64());
  CHECK(f.count("SELECT COUNT(*) FROM calls") == 1);
  const auto reused = keyed(
      "/api/v1/calls",
      R"({"call_type":"incoming","caller_type":"other","caller_name":"Otro","action":"other","other_text":"x"})",
      "call-1", agent);
  CHECK(reused.status == 409);
  CHECK(reused.str("code") == "idempotency_key_reused");
  // A refused create keeps nothing: the same key then creates.
  const std::string not_affiliate =
      R"({"call_type":"incoming","caller_type":"affiliate","caller_name":"X","affiliate":{"document_type":"CC","document_number":"999999999"},"action":"general_information","procedure":"rights_verification"})";
  CHECK(keyed("/api/v1/calls", not_affiliate, "call-2", agent).status == 422);
  CHECK(keyed("/api/v1/calls", call, "call-2", agent).status == 201);
  CHECK(f.count("SELECT COUNT(*) FROM calls") == 2);
  // Issue 10: lists link their pages (RFC 8288), other parameters kept.
  const auto paged = f.get("/api/v1/calls?action=other&per_page=1", agent);
  CHECK(paged.header("Link") == R"(</api/v1/calls?action=other&page=1&per_page=1>; rel="first", )"
                                R"(</api/v1/calls?action=other&page=2&per_page=1>; rel="next", )"
                                R"(</api/v1/calls?action=other&page=2&per_page=1>; rel="last")");

  // POST /api/v1/affiliates.
  const auto admin = f.employee("admin");
  const std::string affiliate =
      R"({"document_type":"CC","document_number":"52000111","first_name":"Ana","first_surname":"Rojas",
          "birth_date":"1990-05-01","sex":"F","regime":"contributory","affiliation_status":"active",
          "municipality_code":"13001"})";
  const auto created = keyed("/api/v1/affiliates", affiliate, "aff-1", admin);
  REQUIRE(created.status == 201);
  const auto replayed = keyed("/api/v1/affiliates", affiliate, "aff-1", admin);
  CHECK(replayed.status == 201);  // not 409 affiliate_already_exists: the retry gets the first answer
  CHECK(replayed.header("Idempotent-Replayed") == "true");
  CHECK(keyed("/api/v1/affiliates", affiliate, "aff-2", admin).status == 409);  // a new key: a new create

  // POST /api/v1/affiliates/imports.
  const std::string roster = "document_type,document_number\nCC,1\n";
  const auto job = keyed("/api/v1/affiliates/imports", roster, "imp-1", admin, "text/csv");
  REQUIRE(job.status == 202);
  const auto job_again = keyed("/api/v1/affiliates/imports", roster, "imp-1", admin, "text/csv");
  CHECK(job_again.status == 202);
  CHECK(job_again.header("Idempotent-Replayed") == "true");
  CHECK(job_again.header("Location") == job.header("Location"));
  CHECK(keyed("/api/v1/affiliates/imports", roster + "CC,2\n", "imp-1", admin, "text/csv").status == 409);
  CHECK(f.count("SELECT COUNT(*) FROM import_jobs") == 1);
}
