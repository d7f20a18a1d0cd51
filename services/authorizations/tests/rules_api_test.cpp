// AUT-2 through HTTP: rule sets (upload, validation, activation, current, history), evaluate (saves nothing),
// provider contracts.
#include <catch2/catch.hpp>
#include <thread>

#include "authorizations_test_support.hpp"

using namespace portal::authorizations::test;

namespace {

const std::string kRules = "/api/v1/authorization-rules";
const std::string kRequests = "/api/v1/authorization-requests";
const char* kNow = "2026-06-01T15:00:00Z";

// Approves everything POS, holds nothing else: a lab and a consultation both pass.
const std::string kLenient = R"({"name":"Todo POS","rules":[
  {"id":"approve_pos","description":{"es":"Aprueba lo POS","en":"Approves POS"},"when":{"pos":true},
   "outcome":"approve","reason":"pos"}]})";

}  // namespace

TEST_CASE("the default rule set is version 1, active, with its document") {
  AuthorizationsFixture f(kNow);
  auto current = f.get(kRules + "/current", f.employee("auditor"));
  INFO(current.body);
  REQUIRE(current.status == 200);
  CHECK(current.json["version"].GetInt64() == 1);
  CHECK(current.json["active"].GetBool());
  CHECK(current.json["document"]["rules"].Size() == 12);
}

TEST_CASE("a new rule set, once activated, judges the next request, which records its version") {
  AuthorizationsFixture f(kNow);
  const auto admin = f.employee("admin");
  const auto provider = f.provider_admin();
  const std::string consultation = R"([{"cups_code":"890201","quantity":1}])";
  auto before = f.post(kRequests, request_body("1", {{"procedures", consultation}}), provider);
  REQUIRE(before.status == 201);
  CHECK(before.str("status") == "pending");
  CHECK(before.str("status_reason") == "no_rule: 890201");

  CHECK(f.post(kRules, kLenient, provider).status == 403);  // providers do not manage rules
  auto uploaded = f.post(kRules, kLenient, admin);
  INFO(uploaded.body);
  REQUIRE(uploaded.status == 201);
  CHECK(uploaded.json["version"].GetInt64() == 2);
  CHECK_FALSE(uploaded.json["active"].GetBool());
  // Uploaded is not active yet.
  CHECK(f.post(kRequests, request_body("2", {{"procedures", consultation}}), provider).str("status") ==
        "pending");
  auto activated = f.post(kRules + "/2/activation", "", admin);
  REQUIRE(activated.status == 200);
  CHECK(activated.json["active"].GetBool());
  auto after = f.post(kRequests, request_body("3", {{"procedures", consultation}}), provider);
  CHECK(after.str("status") == "approved");
  CHECK(after.json["rule_set_version"].GetInt64() == 2);
  CHECK(f.get(kRules + "/current", admin).json["version"].GetInt64() == 2);
  auto history = f.get(kRules, admin);
  CHECK(history.json["total"].GetInt64() == 2);
  CHECK(history.json["items"][0]["version"].GetInt64() == 2);
  CHECK_FALSE(history.json["items"][1]["active"].GetBool());
  CHECK(f.post(kRules + "/99/activation", "", admin).status == 404);
  CHECK(f.count("SELECT COUNT(*) FROM rule_sets WHERE active = 1") == 1);
}

TEST_CASE("an invalid rule set is 422 listing every problem, and nothing is stored") {
  AuthorizationsFixture f(kNow);
  auto r = f.post(kRules, R"({"name":"Mala","rules":[
    {"id":"a","description":{"es":"x","en":"x"},"when":{"cups_codes":["000000"],"age_years":{"min":9,"max":3}},
     "outcome":"deny","reason":"r"},
    {"id":"a","description":{"es":"x","en":"x"},"when":{"line_types":["medicine"],"surgical":true,"shoe":1},
     "outcome":"pend","reason":"r"}]})",
                  f.employee("admin"));
  INFO(r.body);
  CHECK(r.status == 422);
  CHECK(r.error_fields() ==
        std::vector<std::string>{"rules[0].outcome:invalid_value", "rules[0].when.cups_codes[0]:unknown_code",
                                 "rules[0].when.age_years:invalid_range", "rules[1].id:duplicate_id",
                                 "rules[1].when.shoe:unknown_field"});
  CHECK(f.count("SELECT COUNT(*) FROM rule_sets") == 1);
}

TEST_CASE("evaluate explains a hypothetical request and saves nothing") {
  AuthorizationsFixture f(kNow);
  const auto provider = f.provider_admin();
  auto r = f.post(
      kRules + "/evaluate",
      request_body("9", {{"procedures",
                          R"([{"cups_code":"902045","quantity":1},{"cups_code":"470101","quantity":1}])"}}),
      provider);
  INFO(r.body);
  REQUIRE(r.status == 200);
  CHECK(r.str("status") == "pending");
  CHECK(r.json["rule_set_version"].GetInt64() == 1);
  CHECK(r.json["evaluation"][0]["approved"].GetBool());
  CHECK_FALSE(r.json["evaluation"][1]["approved"].GetBool());
  CHECK(std::string{r.json["evaluation"][1]["line"].GetString()} == "procedures[1]");
  CHECK(f.count("SELECT COUNT(*) FROM authorization_requests") == 0);
  CHECK(f.count("SELECT COUNT(*) FROM request_lines") == 0);
  // A named version; an unknown one.
  CHECK(f.post(kRules + "/evaluate?version=1", request_body("9"), provider).str("status") == "approved");
  CHECK(f.post(kRules + "/evaluate?version=7", request_body("9"), provider).status == 404);
}

TEST_CASE("provider contracts: one provider or in bulk, and the contracted-for condition") {
  AuthorizationsFixture f(kNow);
  const auto admin = f.employee("admin");
  auto put =
      f.request("PUT", "/api/v1/provider-contracts/900000001", R"({"codes":["890201","902045"]})", admin);
  INFO(put.body);
  REQUIRE(put.status == 200);
  CHECK(put.json["codes"].Size() == 2);
  auto bulk = f.post(
      "/api/v1/provider-contracts",
      R"({"contracts":[{"provider_nit":"900000002","codes":["890201"]},{"provider_nit":"900000001","codes":["890201"]}]})",
      admin);
  REQUIRE(bulk.status == 200);
  CHECK(bulk.json["providers"].GetInt64() == 2);
  CHECK(f.get("/api/v1/provider-contracts/900000001", f.provider_admin()).json["codes"].Size() == 1);
  CHECK(f.get("/api/v1/provider-contracts/900000002", f.provider_admin()).status == 403);
  CHECK(f.post("/api/v1/provider-contracts", R"({"contracts":[{"provider_nit":"x","codes":[""]}]})", admin)
            .error_fields() == std::vector<std::string>{"contracts[0].provider_nit:invalid_format",
                                                        "contracts[0].codes[0]:invalid_format"});

  // A rule set that approves only what the provider is contracted for.
  auto up = f.post(kRules, R"({"name":"Contrato","rules":[
    {"id":"approve_contracted","description":{"es":"Contratado","en":"Contracted"},"when":{"contracted":true},
     "outcome":"approve","reason":"contracted"}]})",
                   admin);
  REQUIRE(up.status == 201);
  REQUIRE(f.post(kRules + "/2/activation", "", admin).status == 200);
  const auto provider = f.provider_admin();
  CHECK(f.post(kRequests, request_body("1", {{"procedures", R"([{"cups_code":"890201","quantity":1}])"}}),
               provider)
            .str("status") == "approved");
  CHECK(f.post(kRequests, request_body("2"), provider).str("status") ==
        "pending");  // 902045 no longer contracted
}

TEST_CASE("the same code for the same affiliate within 30 days is held by the default rules") {
  AuthorizationsFixture f(kNow);
  CHECK(f.post(kRequests, request_body("1"), f.provider_admin()).str("status") == "approved");
  f.clock.advance(std::chrono::hours(24 * 29));
  auto again = f.post(kRequests, request_body("2"), f.provider_admin());
  CHECK(again.str("status") == "pending");
  CHECK(again.str("status_reason") == "pend_repeated_30_days: 902045");
  f.clock.advance(std::chrono::hours(24));
  // 30 days after the first, but 1 day after the second.
  CHECK(f.post(kRequests, request_body("3"), f.provider_admin()).str("status") == "pending");
}

TEST_CASE("concurrent requests with the same code for the same affiliate: one approved, the others held") {
  AuthorizationsFixture f(kNow);
  const auto provider = f.provider_admin();
  // The frequency fact is read in the transaction that stores the request (SQLite: one writer; PostgreSQL:
  // an advisory lock per affiliate), so requests racing each other cannot all miss the others.
  std::vector<std::thread> threads;
  std::vector<std::string> statuses(6);
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&, i] {
      statuses[i] = f.post(kRequests, request_body("R" + std::to_string(i)), provider).str("status");
    });
  }
  for (auto& t : threads) t.join();
  CHECK(std::count(statuses.begin(), statuses.end(), "approved") == 1);
  CHECK(std::count(statuses.begin(), statuses.end(), "pending") == 5);
}

TEST_CASE("SPEC §1 requests, annulment requests, rule sets and contracts are audited with their write") {
  AuthorizationsFixture f(kNow);
  const auto admin = f.employee("admin");
  const auto provider = f.provider_admin();
  auto created =
      f.post(kRequests, request_body("A1", {{"procedures", R"([{"cups_code":"890201","quantity":1}])"}}),
             provider, {{"X-Request-Id", "req-audit-a1"}});
  REQUIRE(created.status == 201);
  const auto id = std::to_string(created.json["id"].GetInt64());
  REQUIRE(f.post(kRequests + "/" + id + "/annulment-request", R"({"reason":"Digitación errada"})", provider)
              .status == 200);
  REQUIRE(f.post(kRules, kLenient, admin).status == 201);
  REQUIRE(f.post(kRules + "/2/activation", "", admin).status == 200);
  REQUIRE(f.request("PUT", "/api/v1/provider-contracts/900000001", R"({"codes":["890201"]})", admin).status ==
          200);
  auto trail = f.get("/api/v1/audit?per_page=10", admin);
  INFO(trail.body);
  REQUIRE(trail.status == 200);
  std::vector<std::string> actions;
  for (const auto& e : trail.json["items"].GetArray()) actions.emplace_back(e["action"].GetString());
  CHECK(actions == std::vector<std::string>{"provider_contract_replaced", "rule_set_activated",
                                            "rule_set_uploaded", "annulment_requested",
                                            "authorization_request_created"});
  const auto& first = trail.json["items"][4];
  CHECK(std::string{first["resource_id"].GetString()} == id);
  CHECK(std::string{first["request_id"].GetString()} == "req-audit-a1");
  CHECK(std::string{first["summary"]["status"].GetString()} == "pending");
  CHECK(std::string{trail.json["items"][3]["summary"]["reason"].GetString()} == "Digitación errada");
  CHECK(f.get("/api/v1/audit", provider).status == 403);
}
