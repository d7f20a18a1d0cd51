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
  CHECK(f.post("/api/v1/calls", R"({"call_type":"incoming","caller_type":"other","caller_name":"X","action":"other"})", agent)
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
