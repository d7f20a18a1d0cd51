// REF-1..REF-4 through HTTP: the referrals service in-process with the real affiliates and auth services (the
// shared ServiceFixture), a fresh database per backend and a ManualClock. Each TEST_CASE names the issue's
// "tests that fail without the feature" it covers.
#include <catch2/catch.hpp>

#include "referral_store.hpp"
#include "referrals_app.hpp"
#include "support/service_fixture.hpp"

using namespace portal;
using namespace portal::referrals;

namespace {

const std::string kUrl = "/api/v1/referrals";
const char* kNow = "2026-06-01T15:00:00Z";  // 10:00 in Bogotá
const char* kDestination = "900000002";
const char* kDestinationBranch = "080010000201";
const char* kThird = "900000003";
const char* kThirdBranch = "470010000301";

class ReferralsFixture : public portal::test::ServiceFixture<ReferralsApp> {
 public:
  explicit ReferralsFixture(const char* now = kNow)
      : ServiceFixture(
            now, {"referrals", "PORTAL_REFERRALS_", "8", {{"PORTAL_ATTENTION_PHONE", "01 8000 116882"}}},
            {}) {}
  std::string agent() const { return employee("agent"); }
  std::string origin_admin() const { return provider_admin(); }
  std::string destination_admin() const { return provider_admin(kDestination, kDestinationBranch); }
  std::string third_admin() const { return provider_admin(kThird, kThirdBranch); }
};

// A valid registration by the demo agent: CC 1000000001 (María, F) from IPS Demo Salud to Clínica Ejemplo.
std::string body(const std::map<std::string, std::string>& changes = {}) {
  return portal::test::json_object(
      {{"affiliate", R"({"document_type":"CC","document_number":"1000000001"})"},
       {"referral_type", R"("emergency")"},
       {"origin", R"({"nit":"900000001","habilitation_code":"080010000101"})"},
       {"destination", R"({"nit":"900000002","habilitation_code":"080010000201"})"},
       {"origin_service", R"("emergency_general")"},
       {"triage", "2"},
       {"diagnoses", R"({"principal":"O800","related":[]})"},
       {"requested_service", R"("gynecology_obstetrics")"},
       {"pos", "true"},
       {"ambulance_type", R"("not_applicable")"},
       {"treating_professional", R"("Dra. Carolina Ruiz")"}},
      changes);
}

using Result = service::testing::HttpResult;

Result step(ReferralsFixture& f, long long id, const std::string& json, const std::string& token,
            std::optional<std::string> if_match = std::string{"*"}) {
  std::vector<std::pair<std::string, std::string>> headers;
  if (if_match) {
    if (*if_match == "*") if_match = f.get(kUrl + "/" + std::to_string(id), token).header("ETag");
    headers.emplace_back("If-Match", *if_match);
  }
  return f.post(kUrl + "/" + std::to_string(id) + "/steps", json, token, headers);
}

long long registered(ReferralsFixture& f, const std::string& json) {
  auto r = f.post(kUrl, json, f.agent());
  INFO(r.body);
  REQUIRE(r.status == 201);
  return r.json["id"].GetInt64();
}

}  // namespace

TEST_CASE(
    "REF-1 an agent registers; a second open referral is 409 pointing at the open one; the newborn's is "
    "apart") {
  ReferralsFixture f;
  auto r = f.post(kUrl, body(), f.agent());
  INFO(r.body);
  REQUIRE(r.status == 201);
  const auto id = r.json["id"].GetInt64();
  CHECK(r.str("status") == "open");
  CHECK(r.header("Location") == kUrl + "/" + std::to_string(id));
  CHECK(std::string{r.json["initial"]["destination"]["name"].GetString()}.find("Clínica Ejemplo") !=
        std::string::npos);
  CHECK(std::string{r.json["affiliate"]["first_name"].GetString()} == "María");
  REQUIRE(r.json["timeline"].Size() == 1);  // the registration: who, when, from where
  CHECK(std::string{r.json["timeline"][0]["kind"].GetString()} == "registration");
  CHECK(std::string{r.json["timeline"][0]["by"]["user_type"].GetString()} == "employee");
  CHECK(std::string{r.json["timeline"][0]["by"]["client_ip"].GetString()} == "127.0.0.1");

  auto again = f.post(kUrl, body({{"referral_type", R"("priority")"}}), f.agent());
  CHECK(again.status == 409);
  CHECK(again.str("code") == "open_referral_exists");
  CHECK(again.json["open_referral_id"].GetInt64() == id);
  CHECK(again.header("Location") == kUrl + "/" + std::to_string(id));

  // The newborn "hijo de" (child 1) has a referral of its own; its diagnoses are checked for existence only.
  auto newborn =
      f.post(kUrl,
             body({{"affiliate", R"({"document_type":"CC","document_number":"1000000001","child_number":1})"},
                   {"diagnoses", R"({"principal":"P220"})"}}),
             f.agent());
  INFO(newborn.body);
  CHECK(newborn.status == 201);
  CHECK(newborn.json["newborn"].GetBool());
  CHECK(std::string{newborn.json["warnings"][0]["code"].GetString()} == "newborn_diagnoses_not_checked");
  CHECK(f.count("SELECT COUNT(*) FROM referrals") == 2);

  // A closed referral frees the affiliate for a new one.
  REQUIRE(step(f, id,
               R"({"kind":"closure","closure_reason":"cancelled","arrival_condition":"not_applicable"})",
               f.agent())
              .status == 201);
  CHECK(f.post(kUrl, body(), f.agent()).status == 201);
}

TEST_CASE("REF-1 an ambulance without transfer data is 422 naming both fields; every bad field at once") {
  ReferralsFixture f;
  auto r = f.post(kUrl, body({{"ambulance_type", R"("medicalized")"}}), f.agent());
  CHECK(r.status == 422);
  CHECK(r.error_fields() == std::vector<std::string>{"transfer_type:required_with_ambulance",
                                                     "transfer_requirements:required_with_ambulance"});
  r = f.post(
      kUrl,
      body(
          {{"origin",
            R"({"nit":"800111222","name":"Hospital Local","department_code":"13","municipality_code":"08001"})"},
           {"diagnoses", R"({"principal":"N40X"})"},
           {"referral_type", R"("teleport")"}}),
      f.agent());
  CHECK(r.status == 422);
  CHECK(r.error_fields() ==
        std::vector<std::string>{"referral_type:invalid_value",
                                 "origin.municipality_code:municipality_not_in_department",
                                 "diagnoses.principal:sex_mismatch"});
  CHECK(
      f.post(
           kUrl,
           body(
               {{"ambulance_type", R"("medicalized")"},
                {"transfer_type", R"("secondary")"},
                {"transfer_requirements", R"("Monitor y oxígeno")"},
                {"origin",
                 R"({"nit":"800111222","name":"Hospital Local","department_code":"08","municipality_code":"08001"})"}}),
           f.agent())
          .status == 201);
  CHECK(f.count("SELECT COUNT(*) FROM referrals") == 1);
}

TEST_CASE(
    "REF-2 arrival confirmed without an accepted step is 409; accepted then arrived closes; closed takes "
    "nothing") {
  ReferralsFixture f;
  const auto id = registered(f, body());
  const std::string arrival =
      R"({"kind":"closure","closure_reason":"arrival_confirmed","arrival_condition":"stable"})";
  auto r = step(f, id, arrival, f.agent());
  CHECK(r.status == 409);
  CHECK(r.str("code") == "acceptance_required");
  // If-Match is required, and must be current.
  CHECK(step(f, id, R"({"kind":"step","step":"follow_up"})", f.agent(), std::nullopt).status == 428);
  CHECK(step(f, id, R"({"kind":"step","step":"follow_up"})", f.agent(), std::string{"W/\"1-99\""}).status ==
        412);

  f.clock.advance(std::chrono::minutes(40));
  r = step(f, id, R"({"kind":"step","step":"patient_accepted"})", f.destination_admin());
  INFO(r.body);
  REQUIRE(r.status == 201);
  CHECK(r.str("status") == "in_process");
  CHECK(r.str("accepted_at") == "2026-06-01T15:40:00Z");
  f.clock.advance(std::chrono::minutes(80));
  r = step(f, id, arrival, f.destination_admin());
  REQUIRE(r.status == 201);
  CHECK(r.str("status") == "closed");
  CHECK(r.json["timeline"].Size() == 3);  // registration, accepted, arrival
  CHECK(step(f, id, R"({"kind":"step","step":"follow_up"})", f.agent()).str("code") == "referral_closed");
  CHECK(step(f, id, R"({"kind":"closure","closure_reason":"cancelled","arrival_condition":"not_applicable"})",
             f.agent())
            .status == 409);
  // Issue 15 outbox: registered to the destination, closed to both.
  CHECK(f.count("SELECT COUNT(*) FROM event_outbox WHERE type = 'referral.registered' AND provider_nit = "
                "'900000002'") == 1);
  CHECK(f.count("SELECT COUNT(*) FROM event_outbox WHERE type = 'referral.closed'") == 2);
  auto metrics = f.get("/metrics", f.employee("admin"));
  CHECK(metrics.body.find("referral_registration_to_acceptance_seconds_sum{service=\"referrals\"} 2400") !=
        std::string::npos);
  CHECK(metrics.body.find("referral_registration_to_arrival_seconds_sum{service=\"referrals\"} 7200") !=
        std::string::npos);
  CHECK(metrics.body.find("portal_referrals_open{service=\"referrals\",state=\"open\"} 0") !=
        std::string::npos);
}

TEST_CASE(
    "REF-3 a step's new diagnosis leaves the initial one unchanged; the timeline shows both, with who and "
    "where") {
  ReferralsFixture f;
  const auto id = registered(f, body());
  auto r = step(
      f, id,
      R"({"kind":"step","step":"follow_up","diagnoses":{"principal":"O820"},"requested_service":"general_surgery",
                    "notes":"Cesárea programada"})",
      f.agent());
  INFO(r.body);
  REQUIRE(r.status == 201);
  auto detail = f.get(kUrl + "/" + std::to_string(id), f.agent());
  REQUIRE(detail.status == 200);
  CHECK(std::string{detail.json["initial"]["diagnoses"]["principal"].GetString()} == "O800");
  CHECK(std::string{detail.json["initial"]["requested_service"].GetString()} == "gynecology_obstetrics");
  CHECK(std::string{detail.json["current"]["diagnoses"]["principal"].GetString()} == "O820");
  const auto& s = detail.json["timeline"][1];
  CHECK(std::string{s["changes"]["diagnoses"]["principal"].GetString()} == "O820");
  CHECK(std::string{s["changes"]["requested_service"].GetString()} == "general_surgery");
  CHECK(std::string{s["by"]["user_type"].GetString()} == "employee");
  CHECK(std::string{s["by"]["client_ip"].GetString()} == "127.0.0.1");
  CHECK(std::string{s["at"].GetString()} == "2026-06-01T15:00:00Z");
  // A step's bad diagnosis is 422, and records nothing.
  CHECK(step(f, id, R"({"kind":"step","step":"follow_up","diagnoses":{"principal":"N40X"}})", f.agent())
            .status == 422);
  CHECK(f.count("SELECT COUNT(*) FROM referral_steps") == 1);
}

TEST_CASE(
    "REF-2 visibility: origin and destination see it, each records its side; a third provider gets 404") {
  ReferralsFixture f;
  const auto id = registered(f, body());
  const auto path = kUrl + "/" + std::to_string(id);
  CHECK(f.get(path, f.origin_admin()).status == 200);
  CHECK(f.get(path, f.destination_admin()).status == 200);
  CHECK(f.get(path, f.third_admin()).status == 404);
  CHECK(f.get(path, f.third_admin()).str("code") == "referral_not_found");
  CHECK(step(f, id, R"({"kind":"step","step":"follow_up"})", f.third_admin(), std::string{"W/\"1-1\""})
            .status == 404);
  CHECK(f.get(kUrl, f.third_admin()).json["total"].GetInt64() == 0);
  CHECK(f.get(kUrl, f.origin_admin()).json["total"].GetInt64() == 1);
  CHECK(f.get(kUrl, f.destination_admin()).json["total"].GetInt64() == 1);
  // The origin does not accept for the destination; it sends its clinical summary.
  auto r = step(f, id, R"({"kind":"step","step":"patient_accepted"})", f.origin_admin());
  CHECK(r.status == 403);
  CHECK(r.str("code") == "step_not_for_your_side");
  CHECK(step(f, id, R"({"kind":"step","step":"clinical_summary_sent"})", f.origin_admin()).status == 201);
  CHECK(step(f, id, R"({"kind":"step","step":"clinical_summary_sent"})", f.destination_admin()).status ==
        403);
  CHECK(step(f, id, R"({"kind":"step","step":"patient_accepted"})", f.destination_admin()).status == 201);
  // Providers do not register (REF-1: the call centre does); a delegate without the module reads nothing.
  CHECK(f.post(kUrl, body(), f.origin_admin()).status == 403);
  CHECK(f.get(path, f.delegate({"urgencies"})).status == 403);
  // Integrators: bound to the EPS they register; bound to a provider they read their own side's.
  CHECK(f.post(kUrl, body({{"affiliate", R"({"document_type":"CC","document_number":"1000000007"})"}}),
               f.client({"referrals"}, std::nullopt))
            .status == 201);
  CHECK(f.get(path, f.client({"referrals"}, std::string{kThird})).status == 404);
  CHECK(f.get(path, f.client({"referrals"})).status == 200);
}

TEST_CASE("REF-4 list: filters, copy by affiliate, pagination and ETag/304") {
  ReferralsFixture f;
  const auto first = registered(f, body());
  f.clock.advance(std::chrono::minutes(5));
  const auto second =
      registered(f, body({{"affiliate", R"({"document_type":"CC","document_number":"1000000007"})"},
                          {"destination", R"({"nit":"900000003","habilitation_code":"470010000301"})"},
                          {"pos", "false"}}));
  REQUIRE(step(f, second, R"({"kind":"step","step":"patient_accepted"})", f.agent()).status == 201);
  auto all = f.get(kUrl, f.agent());
  REQUIRE(all.status == 200);
  CHECK(all.json["total"].GetInt64() == 2);
  CHECK(all.json["items"][0]["id"].GetInt64() == second);  // newest first
  auto by_destination = f.get(kUrl + "?destination_nit=900000002&status=open", f.agent());
  CHECK(by_destination.json["total"].GetInt64() == 1);
  CHECK(by_destination.json["items"][0]["id"].GetInt64() == first);
  CHECK(f.get(kUrl + "?status=in_process&service_type=non_pos", f.agent()).json["total"].GetInt64() == 1);
  // The worklist total comes from referral_counts, kept with every insert and state change.
  CHECK(f.get(kUrl + "?destination_nit=900000003&status=in_process", f.agent()).json["total"].GetInt64() ==
        1);
  CHECK(f.get(kUrl + "?destination_nit=900000003&status=open", f.agent()).json["total"].GetInt64() == 0);
  CHECK(f.get(kUrl + "?destination_nit=900000002&status=active", f.agent()).json["total"].GetInt64() == 1);
  CHECK(f.count("SELECT SUM(n) FROM referral_counts") == f.count("SELECT COUNT(*) FROM referrals"));
  CHECK(f.get(kUrl + "?destination_municipality_code=47001", f.agent()).json["total"].GetInt64() == 1);
  CHECK(f.get(kUrl + "?date_from=2026-06-02", f.agent()).json["total"].GetInt64() == 0);
  // "Copy": the open referral of an affiliate, so a new call continues it.
  auto copy = f.get(kUrl + "?document_type=CC&document_number=1000000001&status=active", f.agent());
  CHECK(copy.json["total"].GetInt64() == 1);
  CHECK(copy.json["items"][0]["id"].GetInt64() == first);
  auto page = f.get(kUrl + "?per_page=1&page=2", f.agent());
  CHECK(page.json["items"][0]["id"].GetInt64() == first);
  CHECK(f.get(kUrl + "?status=lost&per_page=0", f.agent()).error_fields().size() == 2);
  // ETag / 304 on the list and the detail.
  const auto etag = all.header("ETag");
  REQUIRE_FALSE(etag.empty());
  CHECK(f.get(kUrl, f.agent(), {{"If-None-Match", etag}}).status == 304);
  const auto detail = f.get(kUrl + "/" + std::to_string(first), f.agent());
  CHECK(detail.header("ETag") == "W/\"" + std::to_string(first) + "-1\"");
  CHECK(f.get(kUrl + "/" + std::to_string(first), f.agent(), {{"If-None-Match", detail.header("ETag")}})
            .status == 304);
}

TEST_CASE(
    "issue 16 performance: the list by destination and state reads the destination index, newest first") {
  ReferralsFixture f;
  // Planners choose by statistics: 4,000 referrals over 40 destinations and the three states, analysed.
  f.app->database().write([](db::Connection& c) {
    for (int i = 0; i < 4000; ++i) {
      const char* status = i % 10 == 0 ? "open" : i % 10 == 1 ? "in_process" : "closed";
      c.exec(
          "INSERT INTO referrals (status, version, affiliate_key, document_type, document_number, "
          "referral_type, "
          "requested_service, pos, origin_nit, origin_department_code, origin_municipality_code, "
          "destination_nit, "
          "destination_department_code, destination_municipality_code, initial_data, affiliate, warnings, "
          "created_at, created_by, created_by_type, created_from) VALUES (?, 1, ?, 'CC', ?, 'emergency', "
          "'internal_medicine', 1, "
          "'800000001', "
          "'08', '08001', ?, '08', '08001', '{}', '{}', '[]', ?, 'test', 'employee', '127.0.0.1')",
          {std::string(status), "CC:" + std::to_string(i) + ":0", std::to_string(i),
           std::to_string(900000000 + i % 40), 1780000000000LL + i * 60000LL});
    }
  });
  f.app->database().write([](db::Connection& c) {
    c.exec_script(c.dialect() == db::Dialect::sqlite ? "ANALYZE" : "ANALYZE referrals");
  });
  ReferralFilter filter;
  filter.destination_nit = "900000002";
  filter.statuses = {Status::open};
  const auto plan =
      f.app->database().read([&](db::Connection& c) { return referral_store::explain_list(c, filter, {}); });
  std::string joined;
  for (const auto& line : plan) joined += line + "\n";
  INFO(joined);
  CHECK(joined.find("referrals_destination") != std::string::npos);
  if (f.backend() == db::Dialect::sqlite) CHECK(joined.find("TEMP B-TREE") == std::string::npos);
}

TEST_CASE("demo data: referrals in every state, one a newborn's, seeded once") {
  ReferralsFixture f;
  f.restart({{"PORTAL_DEMO", "true"}});
  CHECK(f.count("SELECT COUNT(*) FROM referrals WHERE status = 'open'") == 2);
  CHECK(f.count("SELECT COUNT(*) FROM referrals WHERE status = 'in_process'") == 1);
  CHECK(f.count("SELECT COUNT(*) FROM referrals WHERE status = 'closed'") == 2);
  CHECK(f.count("SELECT COUNT(*) FROM referrals WHERE child_number = 1") == 1);
  auto list = f.get(kUrl + "?status=closed", f.agent());
  CHECK(list.json["total"].GetInt64() == 2);
  f.restart({{"PORTAL_DEMO", "true"}});
  CHECK(f.count("SELECT COUNT(*) FROM referrals") == 5);
}

TEST_CASE(
    "Res. 2335: the referral as procedure 5, a counter-referral step as its own procedure 6 record and PDF") {
  ReferralsFixture f;
  const auto id =
      registered(f, body({{"care_cause", R"("38")"},
                          {"care_priority", R"("1")"},
                          {"service_group", R"("03")"},
                          {"procedures", R"([{"cups_code":"890201","quantity":2}])"},
                          {"emergency_contact", R"({"name":"José Gómez","phone":"3001112233"})"}}));
  const auto path = kUrl + "/" + std::to_string(id);
  REQUIRE(step(f, id, R"({"kind":"step","step":"patient_accepted"})", f.destination_admin()).status == 201);
  auto counter = step(f, id,
                      R"({"kind":"step","step":"counter_referral","condition_destination":"05",
                          "diagnoses":{"principal":"O820"}})",
                      f.destination_admin());
  INFO(counter.body);
  REQUIRE(counter.status == 201);
  CHECK(step(f, id, R"({"kind":"step","step":"counter_referral"})", f.origin_admin()).status == 403);

  auto matrix = f.get(path, f.agent(), {{"Accept", "application/vnd.portal.res2335+json"}});
  INFO(matrix.body);
  REQUIRE(matrix.status == 200);
  CHECK(matrix.content_type.find("application/vnd.portal.res2335+json") == 0);
  const auto& p5 = matrix.json["referral"];
  CHECK(p5["procedure"].GetInt() == 5);
  CHECK(std::string{p5["fields"]["4"].GetString()} == std::to_string(id));
  CHECK(std::string{p5["fields"]["7"].GetString()} == "080010000101");  // the origin reports
  CHECK(std::string{p5["fields"]["21"].GetString()} == "José Gómez");
  CHECK(std::string{p5["fields"]["23"].GetString()} == "38");
  CHECK(std::string{p5["fields"]["28"].GetString()} == "O800");
  CHECK(std::string{p5["fields"]["32"].GetString()} == "04");
  CHECK(std::string{p5["lines"][0]["38"].GetString()} == "890201");
  REQUIRE(matrix.json["counter_referrals"].Size() == 1);
  const auto& p6 = matrix.json["counter_referrals"][0];
  CHECK(p6["procedure"].GetInt() == 6);
  CHECK(std::string{p6["fields"]["7"].GetString()} == "080010000201");  // the destination reports
  CHECK(std::string{p6["fields"]["28"].GetString()} == "O820");         // as the step left the diagnosis
  CHECK(std::string{p6["fields"]["32"].GetString()} == "05");

  auto pdf = f.get(path + "/document.pdf", f.origin_admin());
  REQUIRE(pdf.status == 200);
  CHECK(pdf.content_type == "application/pdf");
  CHECK(pdf.body.rfind("%PDF", 0) == 0);
  CHECK(pdf.header("Content-Disposition").find("Referencia-" + std::to_string(id) + "-20260601.pdf") !=
        std::string::npos);
  auto counter_pdf = f.get(path + "/document.pdf?step=2", f.destination_admin());
  REQUIRE(counter_pdf.status == 200);
  CHECK(counter_pdf.header("Content-Disposition").find("Contrarreferencia-" + std::to_string(id) + "-2-") !=
        std::string::npos);
  CHECK(f.get(path + "/document.pdf?step=1", f.agent()).status == 404);
  CHECK(f.get(path + "/document.pdf", f.third_admin()).status == 404);
}

TEST_CASE("Res. 2335: a referral registered before 1 April 2026 has no 2335 view (406)") {
  ReferralsFixture f("2026-03-20T15:00:00Z");
  const auto id = registered(f, body());
  const auto path = kUrl + "/" + std::to_string(id);
  CHECK(f.get(path, f.agent(), {{"Accept", "application/vnd.portal.res2335+json"}}).status == 406);
  CHECK(f.get(path + "/document.pdf", f.agent()).status == 406);
  CHECK(f.get(path, f.agent()).status == 200);
}
