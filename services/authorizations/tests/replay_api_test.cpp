// Issue 13 item 7 through HTTP: POST /authorization-rules/{version}/replay judges stored requests with a
// candidate rule set and their baselines, on facts rebuilt from the store (history included), and
// changes nothing.
#include <catch2/catch.hpp>

#include "authorizations_test_support.hpp"

using namespace portal::authorizations::test;

namespace {

const std::string kRules = "/api/v1/authorization-rules";
const std::string kRequests = "/api/v1/authorization-requests";
const char* kNow = "2026-06-01T15:00:00Z";  // Bogotá date 2026-06-01
const std::string kJune1 = R"({"from":"2026-06-01","to":"2026-06-01"})";

// Holds the laboratory 902045 for review; approves anything else POS.
const std::string kLabReview = R"({"name":"Laboratorio a revisión","rules":[
  {"id":"approve_pos","description":{"es":"Aprueba lo POS","en":"Approves POS"},"when":{"pos":true},
   "outcome":"approve","reason":"pos"},
  {"id":"pend_lab","description":{"es":"Revisa el 902045","en":"Reviews 902045"},
   "when":{"cups_codes":["902045"]},"outcome":"pend","reason":"lab_review"}]})";
// Approves everything POS, holds nothing: no frequency rule.
const std::string kLenient = R"({"name":"Solo reglas POS","rules":[
  {"id":"approve_pos","description":{"es":"Aprueba lo POS","en":"Approves POS"},"when":{"pos":true},
   "outcome":"approve","reason":"pos"}]})";

std::vector<long long> ids(const rapidjson::Value& array) {
  std::vector<long long> out;
  for (const auto& v : array.GetArray()) out.push_back(v.GetInt64());
  return out;
}

}  // namespace

TEST_CASE("replay: a changed rule flips a known set of requests, and nothing is written") {
  AuthorizationsFixture f(kNow);
  const auto admin = f.employee("admin");
  const auto provider = f.provider_admin();
  const std::string lab = R"([{"cups_code":"902045","quantity":1}])";
  const std::string consultation = R"([{"cups_code":"890201","quantity":1}])";
  // Under the default rules (version 1): the lab is approved, the consultation held (no rule), and the
  // same lab again for the same affiliate held by the 30-day frequency rule.
  auto r1 = f.post(kRequests, request_body("1", {{"procedures", lab}}), provider);
  auto r2 = f.post(kRequests, request_body("2", {{"procedures", consultation}}), provider);
  auto r3 = f.post(kRequests, request_body("3", {{"procedures", lab}}), provider);
  REQUIRE(r1.str("status") == "approved");
  REQUIRE(r2.str("status") == "pending");
  REQUIRE(r3.str("status_reason") == "pend_repeated_30_days: 902045");
  const long long id1 = r1.json["id"].GetInt64();
  const long long id2 = r2.json["id"].GetInt64();
  const long long id3 = r3.json["id"].GetInt64();
  REQUIRE(f.post(kRules, kLabReview, admin).status == 201);  // version 2, a draft
  REQUIRE(f.post(kRules, kLenient, admin).status == 201);    // version 3, a draft

  auto review = f.post(kRules + "/2/replay", kJune1, admin);
  INFO(review.body);
  REQUIRE(review.status == 200);
  CHECK(review.json["version"].GetInt64() == 2);
  CHECK(review.json["requests"].GetInt64() == 3);
  CHECK(review.json["lines"].GetInt64() == 3);
  CHECK(review.json["changed_requests"].GetInt64() == 2);
  CHECK(review.json["baseline_drift_lines"].GetInt64() == 0);
  CHECK(review.json["skipped_requests"].GetInt64() == 0);
  const auto& a2p = review.json["changes"]["approve_to_pend"];
  CHECK(a2p["lines"].GetInt64() == 1);
  CHECK(ids(a2p["sample_request_ids"]) == std::vector<long long>{id1});
  const auto& p2a = review.json["changes"]["pend_to_approve"];
  CHECK(p2a["lines"].GetInt64() == 1);
  CHECK(ids(p2a["sample_request_ids"]) == std::vector<long long>{id2});  // r3 stays held (by pend_lab now)
  REQUIRE(review.json["causes"].Size() == 2);
  CHECK(std::string{review.json["causes"][0]["change"].GetString()} == "approve_to_pend");
  CHECK(std::string{review.json["causes"][0]["rule_id"].GetString()} == "pend_lab");
  CHECK(std::string{review.json["causes"][1]["rule_id"].GetString()} == "approve_pos");

  // Without the frequency rule, r3 flips too: the replay rebuilt its history (r1 before it), so its
  // baseline still holds it, with no drift.
  auto lenient = f.post(kRules + "/3/replay", kJune1, admin);
  REQUIRE(lenient.status == 200);
  CHECK(ids(lenient.json["changes"]["pend_to_approve"]["sample_request_ids"]) ==
        std::vector<long long>{id2, id3});
  CHECK(lenient.json["changes"]["approve_to_pend"]["lines"].GetInt64() == 0);
  CHECK(lenient.json["baseline_drift_lines"].GetInt64() == 0);

  // The version that judged them changes nothing; a range without requests counts none.
  auto same = f.post(kRules + "/1/replay", kJune1, admin);
  CHECK(same.json["requests"].GetInt64() == 3);
  CHECK(same.json["changed_requests"].GetInt64() == 0);
  auto empty = f.post(kRules + "/2/replay", R"({"from":"2026-06-02","to":"2026-06-30"})", admin);
  CHECK(empty.json["requests"].GetInt64() == 0);
  CHECK(empty.json["causes"].Size() == 0);
  // samples limits the ids.
  auto one = f.post(kRules + "/3/replay", R"({"from":"2026-06-01","to":"2026-06-01","samples":1})", admin);
  CHECK(one.json["changes"]["pend_to_approve"]["sample_request_ids"].Size() == 1);

  // Nothing written: the requests keep their status, version 1 stays active.
  CHECK(f.count("SELECT COUNT(*) FROM authorization_requests WHERE status = 'pending'") == 2);
  CHECK(f.count("SELECT version FROM rule_sets WHERE active = 1") == 1);
}

TEST_CASE("replay: bad input names every field; unknown version 404; only rule managers") {
  AuthorizationsFixture f(kNow);
  const auto admin = f.employee("admin");
  struct Row {
    const char* body;
    std::vector<std::string> fields;
  };
  for (const auto& [body, fields] : {
           Row{R"({})", {"from:required", "to:required"}},
           Row{R"({"from":"2026-02-30","to":"junio"})", {"from:invalid_format", "to:invalid_format"}},
           Row{R"({"from":"2026-06-02","to":"2026-06-01"})", {"to:before_from"}},
           Row{R"({"from":"2026-01-01","to":"2027-01-02"})", {"to:range_too_long"}},
           Row{R"({"from":"2026-01-01","to":"2026-12-31","samples":0})", {"samples:out_of_range"}},
           Row{R"({"from":20260101,"to":"2026-12-31","samples":"x"})",
               {"from:invalid_type", "samples:invalid_type"}},
       }) {
    CAPTURE(body);
    auto r = f.post(kRules + "/1/replay", body, admin);
    INFO(r.body);
    CHECK(r.status == 422);
    CHECK(r.error_fields() == fields);
  }
  CHECK(f.post(kRules + "/1/replay", "{", admin).status == 400);
  CHECK(f.post(kRules + "/99/replay", kJune1, admin).status == 404);
  CHECK(f.post(kRules + "/x/replay", kJune1, admin).status == 400);
  CHECK(f.post(kRules + "/1/replay", kJune1, f.provider_admin()).status == 403);
  CHECK(f.post(kRules + "/1/replay", kJune1, f.employee("auditor")).status == 403);
}
