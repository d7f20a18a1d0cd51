// Issue 20 part 3 "Tests that fail without the feature": one audit trail across the services, read in one
// call through the gateway. A login, a failed login, an urgency notification and an affiliate lookup —
// each by real processes, each with its own X-Request-Id — appear in GET /api/v1/audit with the right
// action, service, subject and request id; a provider's token gets 403; a gateway whose urgencies upstream
// is down names it in `unavailable` and still answers the rest. Every answer is checked against
// api/openapi.yaml by the suite.
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "e2e_suite.hpp"
#include "portal/core/clock.hpp"
#include "support/json_fields.hpp"

using namespace portal;
using namespace portal::e2e;
using namespace std::chrono_literals;

namespace {

const std::string kAudit = "/api/v1/audit";

std::string iso(std::chrono::system_clock::duration offset) {
  const auto t =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now() + offset);
  return core::to_rfc3339(core::Instant{t.time_since_epoch()});
}

std::string urgency_body(const std::string& number) {
  return R"({"attention_number":")" + number +
         R"(","affiliate":{"document_type":"CC","document_number":"1000000002"},"attention_origin":"general_illness",)"
         R"("triage":3,"referral":{"is_referred":false},"admitted_at":")" +
         iso(-2h) +
         R"(","consultation_reason":"Dolor abdominal","destination":"observation",)"
         R"("diagnoses":{"principal":"R104","related":[]}})";
}

// The trail's record with this request id (through `client`), waiting up to 3 s for the ones written
// asynchronously (affiliate lookups are group-committed every few milliseconds).
std::optional<std::string> record_for(test::HttpClient& client, const std::string& admin,
                                      const std::string& request_id, const std::string& action) {
  const auto deadline = std::chrono::steady_clock::now() + 3s;
  while (true) {
    auto r = client.get(kAudit + "?action=" + action + "&per_page=200", test::bearer(admin));
    REQUIRE(r.status == 200);
    rapidjson::Document doc;
    doc.Parse(r.body.c_str());
    REQUIRE(doc.IsObject());
    for (const auto& item : doc["items"].GetArray()) {
      if (item["request_id"].GetString() != request_id) continue;
      rapidjson::StringBuffer buffer;
      rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
      item.Accept(w);
      return std::string{buffer.GetString(), buffer.GetSize()};
    }
    if (std::chrono::steady_clock::now() > deadline) return std::nullopt;
    std::this_thread::sleep_for(100ms);
  }
}

}  // namespace

TEST_CASE("one audit trail through the gateway: logins, an urgency and a lookup, with their request ids",
          "[e2e][audit]") {
  auto& s = Suite::get();
  const std::string tag = std::to_string(now_unix());
  CHECK(s.login_provider(kDemoNit, "admin", "Wrong.2026", {{"X-Request-Id", "audit-failed-" + tag}}).status ==
        401);
  auto login = s.login_provider(kDemoNit, "admin", kDemoPassword, {{"X-Request-Id", "audit-login-" + tag}});
  REQUIRE(login.status == 200);
  const auto token = test::json_string(login.body, "/access_token").value_or("");
  auto created = s.gateway().post_json("/api/v1/urgencies", urgency_body("AUD" + tag),
                                       test::bearer(token, {{"X-Request-Id", "audit-urgency-" + tag}}));
  REQUIRE(created.status == 201);
  const auto urgency_id = std::to_string(test::json_int(created.body, "/id").value_or(0));
  REQUIRE(s.gateway()
              .get("/api/v1/affiliates?document_type=CC&document_number=1000000001",
                   test::bearer(token, {{"X-Request-Id", "audit-lookup-" + tag}}))
              .status == 200);

  const auto admin = s.employee_tokens("sysadmin").access;
  const auto failed = record_for(s.gateway(), admin, "audit-failed-" + tag, "login_failed");
  REQUIRE(failed);
  CHECK(test::json_string(*failed, "/service") == std::optional<std::string>("auth"));
  const auto logged_in = record_for(s.gateway(), admin, "audit-login-" + tag, "login_succeeded");
  REQUIRE(logged_in);
  CHECK(test::json_string(*logged_in, "/subject").value_or("").rfind("user:", 0) == 0);
  const auto urgency = record_for(s.gateway(), admin, "audit-urgency-" + tag, "urgency_created");
  REQUIRE(urgency);
  CHECK(test::json_string(*urgency, "/service") == std::optional<std::string>("urgencies"));
  CHECK(test::json_string(*urgency, "/resource_id") == urgency_id);
  CHECK(test::json_string(*urgency, "/subject") == test::json_string(*logged_in, "/subject"));
  CHECK(test::json_string(*urgency, "/provider_nit") == std::optional<std::string>(kDemoNit));
  const auto lookup = record_for(s.gateway(), admin, "audit-lookup-" + tag, "affiliate_lookup");
  REQUIRE(lookup);
  CHECK(test::json_string(*lookup, "/service") == std::optional<std::string>("affiliates"));
  CHECK(test::json_string(*lookup, "/resource_id") == std::optional<std::string>("CC 1000000001"));

  // Everyone answered; only EPS admins may read; paging deeper than 1000 records is refused.
  auto all = s.gateway().get(kAudit, test::bearer(admin));
  CHECK(all.body.find("\"unavailable\":[]") != std::string::npos);
  CHECK(s.gateway().get(kAudit, test::bearer(token)).status == 403);
  CHECK(s.gateway().get(kAudit, test::bearer(s.employee_tokens("auditor").access)).status == 403);
  CHECK(s.gateway().get(kAudit).status == 401);
  CHECK(s.gateway().get(kAudit + "?page=11&per_page=100", test::bearer(admin)).status == 422);
}

TEST_CASE("a service that is down is named in the audit answer, the others still answer", "[e2e][audit]") {
  auto& s = Suite::get();
  int port = 0;
  auto extra = s.system().start_extra_gateway({{"PORTAL_URGENCIES_URL", "http://127.0.0.1:1"}}, port);
  test::HttpClient client("http://127.0.0.1:" + std::to_string(port));
  client.set_observer(s.contract_observer());
  const auto admin = s.employee_tokens("sysadmin").access;
  auto r = client.get(kAudit, test::bearer(admin));
  INFO(r.body);
  REQUIRE(r.status == 200);
  CHECK(r.body.find(R"({"service":"urgencies","reason":"no_answer"})") != std::string::npos);
  CHECK(r.body.find("\"service\":\"auth\"") != std::string::npos);  // the others' records are there
}
