// Issue 16 "Tests that fail without the feature": auth, affiliates, referrals and the gateway as real
// processes. The demo agent registers a referral of María (CC 1000000001) from a hospital outside the
// registry to Clínica Ejemplo del Caribe (900000002); the clinic's admin accepts the patient; the agent
// closes it on the patient's arrival; the timeline holds the three steps (registration, acceptance, closure),
// with who did each. IPS Demo Salud (900000001), neither origin nor destination, gets 404. Every answer is
// checked against api/openapi.yaml by the suite.
#include <catch2/catch.hpp>
#include <string>

#include "e2e_suite.hpp"
#include "support/json_fields.hpp"

using namespace portal;
using namespace portal::e2e;

namespace {

const std::string kReferrals = "/api/v1/referrals";

std::string registration() {
  return R"({"affiliate":{"document_type":"CC","document_number":"1000000001"},"referral_type":"emergency",)"
         R"("origin":{"nit":"800111222","name":"Hospital Local de Soledad","department_code":"08","municipality_code":"08758"},)"
         R"("destination":{"nit":"900000002","habilitation_code":"080010000201"},"origin_service":"emergency_obstetric",)"
         R"("triage":2,"diagnoses":{"principal":"O800","related":[]},"requested_service":"obstetric_ward","pos":true,)"
         R"("ambulance_type":"basic","transfer_type":"secondary","transfer_requirements":"Monitor fetal y oxígeno",)"
         R"("treating_professional":"Dra. Carolina Ruiz","care_cause":"38","care_priority":"1","care_type":"1",)"
         R"("service_group":"03","modality":"01","service_code":"129","procedures":[{"cups_code":"890201","quantity":1}],)"
         R"("email":"maria.gomez@example.com","emergency_contact":{"name":"José Gómez","phone":"3001112233"}})";
}

test::HttpResponse add_step(Suite& s, long long id, const std::string& body, const std::string& token) {
  const auto path = kReferrals + "/" + std::to_string(id);
  const auto current = s.gateway().get(path, test::bearer(token));
  REQUIRE(current.status == 200);
  return s.gateway().post_json(path + "/steps", body,
                               test::bearer(token, {{"If-Match", current.header("ETag").value_or("")}}));
}

}  // namespace

TEST_CASE("a referral from registration to arrival through the gateway; a third provider gets 404",
          "[e2e][referrals]") {
  auto& s = Suite::get();
  const auto agent = s.employee_tokens("agent").access;
  const auto destination = s.provider_tokens(kOtherNit, "admin2").access;
  const auto third = s.provider_tokens(kDemoNit, "admin").access;

  auto created = s.gateway().post_json(kReferrals, registration(), test::bearer(agent));
  INFO(created.body);
  REQUIRE(created.status == 201);
  const auto id = test::json_int(created.body, "/id").value_or(0);
  CHECK(test::json_string(created.body, "/status") == std::optional<std::string>("open"));
  // The open one is found by affiliate ("copy"), and a second registration points at it.
  auto copy = s.gateway().get(kReferrals + "?document_type=CC&document_number=1000000001&status=active",
                              test::bearer(agent));
  CHECK(test::json_int(copy.body, "/items/0/id") == id);
  auto again = s.gateway().post_json(kReferrals, registration(), test::bearer(agent));
  CHECK(again.status == 409);
  CHECK(test::json_int(again.body, "/open_referral_id") == id);

  auto accepted = add_step(s, id, R"({"kind":"step","step":"patient_accepted"})", destination);
  INFO(accepted.body);
  REQUIRE(accepted.status == 201);
  CHECK(test::json_string(accepted.body, "/status") == std::optional<std::string>("in_process"));
  auto closed = add_step(
      s, id, R"({"kind":"closure","closure_reason":"arrival_confirmed","arrival_condition":"stable"})",
      agent);
  INFO(closed.body);
  REQUIRE(closed.status == 201);

  auto detail = s.gateway().get(kReferrals + "/" + std::to_string(id), test::bearer(destination));
  REQUIRE(detail.status == 200);
  CHECK(test::json_string(detail.body, "/status") == std::optional<std::string>("closed"));
  CHECK(test::json_string(detail.body, "/timeline/0/kind") == std::optional<std::string>("registration"));
  CHECK(test::json_string(detail.body, "/timeline/0/by/user_type") == std::optional<std::string>("employee"));
  CHECK(test::json_string(detail.body, "/timeline/1/step") == std::optional<std::string>("patient_accepted"));
  CHECK(test::json_string(detail.body, "/timeline/1/by/user_type") == std::optional<std::string>("provider"));
  CHECK(test::json_string(detail.body, "/timeline/1/by/provider_nit") ==
        std::optional<std::string>(kOtherNit));
  CHECK(test::json_string(detail.body, "/timeline/2/closure_reason") ==
        std::optional<std::string>("arrival_confirmed"));
  CHECK(test::json_string(detail.body, "/timeline/2/by/user_type") == std::optional<std::string>("employee"));
  CHECK_FALSE(test::json_string(detail.body, "/timeline/3/kind").has_value());  // three steps, no more

  auto hidden = s.gateway().get(kReferrals + "/" + std::to_string(id), test::bearer(third));
  CHECK(hidden.status == 404);
  CHECK(test::json_string(hidden.body, "/code") == std::optional<std::string>("referral_not_found"));
  auto listed = s.gateway().get(kReferrals + "?document_number=1000000001", test::bearer(third));
  REQUIRE(listed.status == 200);
  CHECK(listed.body.find("\"id\":" + std::to_string(id) + ",") == std::string::npos);
}
