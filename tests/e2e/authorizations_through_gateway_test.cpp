// Issue 12 "Tests that fail without the feature": auth, affiliates, authorizations and the gateway as real
// processes. An auto-approved request returns its authorization number in the POST; a surgical one is
// pending with the rule named in status_reason; evaluate saves nothing; a new rule set, once activated,
// judges the next request, which records its version; another provider's request is 404 and a delegate
// without the module gets 403; the Anexo 3 (request.pdf / annex3.pdf) passes `qpdf --check` and pdftotext
// shows the patient's accented name and the CUPS codes; the pending gauge on /metrics matches the list's
// counts per light. Every response is checked against api/openapi.yaml by the suite.
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include "e2e_suite.hpp"
#include "portal/core/clock.hpp"
#include "support/json_fields.hpp"
#include "support/process.hpp"

using namespace portal;
using namespace portal::e2e;

namespace {

const std::string kRequests = "/api/v1/authorization-requests";
const std::string kRules = "/api/v1/authorization-rules";

// A number no earlier run of this binary used this year (unique per provider per Bogotá year).
std::string fresh_number(const char* tag) {
  static int counter = 0;
  return std::string(tag) + std::to_string(now_unix() % 10000000) + std::to_string(++counter);
}

std::string body(
    const std::string& number, const std::string& procedures = R"([{"cups_code":"902045","quantity":1}])",
    const std::string& location = R"("patient_location":"outpatient","service":"general_medicine")") {
  return R"({"request_number":")" + number +
         R"(","affiliate":{"document_type":"CC","document_number":"1000000001"},"attention_origin":"general_illness",)"
         R"("service_type":"elective","priority":"non_priority",)" +
         location +
         R"(,"diagnoses":{"principal":"D509","related":[]},)"
         R"("clinical_justification":"Control de anemia ferropénica","procedures":)" +
         procedures +
         R"(,"requester":{"name":"Ana Lucía Ruiz","position":"Médica general","phone":"6053850000"}})";
}

int run(const std::string& command, std::string& output) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen((command + " 2>&1").c_str(), "r"), pclose);
  if (!pipe) return -1;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe.get())) output.append(buffer, n);
  const int status = pclose(pipe.release());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string this_year() {
  return std::to_string(core::bogota_year(core::Instant{std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now().time_since_epoch())}));
}

}  // namespace

TEST_CASE("an auto-approved request returns its authorization number; a surgical one is held by its rule",
          "[e2e][authorizations]") {
  auto& s = Suite::get();
  const auto token = s.provider_tokens(kDemoNit, "admin").access;
  const auto number = fresh_number("A");
  auto approved = s.gateway().post_json(kRequests, body(number), test::bearer(token));
  INFO(approved.body);
  REQUIRE(approved.status == 201);
  CHECK(test::json_string(approved.body, "/status") == std::optional<std::string>("approved"));
  const auto authorization_number = test::json_string(approved.body, "/authorization_number");
  REQUIRE(authorization_number.has_value());
  CHECK(authorization_number->rfind(this_year() + "-", 0) == 0);
  CHECK(test::json_string(approved.body, "/evaluation/0/decided_by/0/rule_id") ==
        std::optional<std::string>("approve_pos_laboratory"));
  const auto location = approved.header("Location");
  REQUIRE(location.has_value());

  auto held = s.gateway().post_json(
      kRequests, body(fresh_number("S"), R"([{"cups_code":"470101","quantity":1}])"), test::bearer(token));
  INFO(held.body);
  REQUIRE(held.status == 201);
  CHECK(test::json_string(held.body, "/status") == std::optional<std::string>("pending"));
  CHECK(test::json_string(held.body, "/status_reason").value_or("").find("pend_surgical: 470101") !=
        std::string::npos);
  CHECK(held.body.find("\"authorization_number\":null") != std::string::npos);

  auto duplicate = s.gateway().post_json(kRequests, body(number), test::bearer(token));
  CHECK(duplicate.status == 409);
  CHECK(test::json_string(duplicate.body, "/code") == std::optional<std::string>("duplicate_request_number"));

  // Plain blocks, not SECTIONs: Catch2 would run the case once per section, and a second lab request for the
  // same affiliate within 30 days is (rightly) held by the default rules.
  {  // another provider's user gets 404; a delegate without the module gets 403
    const auto other = s.provider_tokens(kOtherNit, "admin2").access;
    CHECK(s.gateway().get(*location, test::bearer(other)).status == 404);
    CHECK(s.gateway().get(*location + "/annex3.pdf", test::bearer(other)).status == 404);
    const auto delegate = s.provider_tokens(kDemoNit, "delegate").access;
    const auto urgencies_only = s.reissue_with_permissions(delegate, {"urgencies"});
    auto r = s.gateway().post_json(kRequests, body(fresh_number("D")), test::bearer(urgencies_only));
    CHECK(r.status == 403);
    CHECK(r.is_problem());
    CHECK(s.gateway().get(kRequests, test::bearer(urgencies_only)).status == 403);
  }
  {  // the Anexo 3 passes qpdf --check and shows the accented name and the CUPS code
    for (const char* doc : {"/annex3.pdf", "/request.pdf"}) {
      CAPTURE(doc);
      auto pdf = s.gateway().get(*location + doc, test::bearer(token));
      REQUIRE(pdf.status == 200);
      CHECK(pdf.header("Content-Type").value_or("").find("application/pdf") == 0);
      test::TempDir dir("portal-e2e-annex3");
      const std::string file = dir.str() + "/annex3.pdf";
      std::ofstream(file, std::ios::binary) << pdf.body;
      std::string check;
      INFO(check);
      CHECK(run("qpdf --check '" + file + "'", check) == 0);
      std::string text;
      REQUIRE(run("pdftotext -layout '" + file + "' -", text) == 0);
      INFO(text);
      CHECK(text.find("Gómez") != std::string::npos);
      CHECK(text.find("María") != std::string::npos);
      CHECK(text.find("902045") != std::string::npos);
      CHECK(text.find(number) != std::string::npos);
    }
  }
}

TEST_CASE("evaluate saves nothing; a new rule set, once activated, judges the next request",
          "[e2e][authorizations]") {
  auto& s = Suite::get();
  const auto token = s.provider_tokens(kDemoNit, "admin").access;
  const auto admin = s.employee_tokens("sysadmin").access;
  const std::string consultation = R"([{"cups_code":"890201","quantity":1}])";

  const auto number = fresh_number("E");
  auto evaluated =
      s.gateway().post_json(kRules + "/evaluate", body(number, consultation), test::bearer(token));
  INFO(evaluated.body);
  REQUIRE(evaluated.status == 200);
  CHECK(test::json_string(evaluated.body, "/status") == std::optional<std::string>("pending"));
  CHECK(test::json_string(evaluated.body, "/status_reason") == std::optional<std::string>("no_rule: 890201"));
  auto none = s.gateway().get(kRequests + "?request_number=" + number + "&request_year=" + this_year(),
                              test::bearer(s.employee_tokens("agent").access));
  CHECK(test::json_int(none.body, "/total") == std::optional<long long>(0));

  const auto before =
      test::json_int(s.gateway().get(kRules + "/current", test::bearer(admin)).body, "/version");
  REQUIRE(before.has_value());
  auto uploaded = s.gateway().post_json(kRules, R"({"name":"e2e: consultas de medicina general","rules":[
    {"id":"approve_general_medicine_890201","description":{"es":"Aprueba la consulta 890201","en":"Approves 890201"},
     "when":{"cups_codes":["890201"],"pos":true},"outcome":"approve","reason":"first_consultation"},
    {"id":"pend_surgical","description":{"es":"Quirúrgicos","en":"Surgical"},"when":{"surgical":true},
     "outcome":"pend","reason":"surgical_procedure"}]})",
                                        test::bearer(admin));
  INFO(uploaded.body);
  REQUIRE(uploaded.status == 201);
  const auto version = test::json_int(uploaded.body, "/version");
  REQUIRE(version.has_value());
  REQUIRE(s.gateway()
              .post_json(kRules + "/" + std::to_string(*version) + "/activation", "", test::bearer(admin))
              .status == 200);
  auto judged = s.gateway().post_json(kRequests, body(fresh_number("V"), consultation), test::bearer(token));
  INFO(judged.body);
  CHECK(test::json_string(judged.body, "/status") == std::optional<std::string>("approved"));
  CHECK(test::json_int(judged.body, "/rule_set_version") == version);
  // Back to the version that was active, for the other cases.
  CHECK(s.gateway()
            .post_json(kRules + "/" + std::to_string(*before) + "/activation", "", test::bearer(admin))
            .status == 200);
  // Issue 13 item 7: replaying the version that was active over today holds the consultation it approved.
  const std::string today = core::bogota_date_string(core::SystemClock{}.now());
  auto replayed =
      s.gateway().post_json(kRules + "/" + std::to_string(*before) + "/replay",
                            R"({"from":")" + today + R"(","to":")" + today + R"("})", test::bearer(admin));
  INFO(replayed.body);
  REQUIRE(replayed.status == 200);
  CHECK(test::json_int(replayed.body, "/changes/approve_to_pend/lines").value_or(0) >= 1);
  auto bad_range = s.gateway().post_json(kRules + "/" + std::to_string(*before) + "/replay",
                                         R"({"from":"2026-06-02","to":"2026-06-01"})", test::bearer(admin));
  CHECK(bad_range.status == 422);
  CHECK(
      s.gateway()
          .post_json(kRules + "/1/replay", R"({"from":"2026-06-01","to":"2026-06-01"})", test::bearer(token))
          .status == 403);
  auto invalid = s.gateway().post_json(kRules, R"({"name":"x","rules":[{"id":"a"}]})", test::bearer(admin));
  CHECK(invalid.status == 422);
  CHECK(s.gateway().get(kRules, test::bearer(admin)).status == 200);
}

TEST_CASE("a provider asks to annul its request; an EPS admin loads contracts", "[e2e][authorizations]") {
  auto& s = Suite::get();
  const auto token = s.provider_tokens(kDemoNit, "admin").access;
  auto created = s.gateway().post_json(
      kRequests, body(fresh_number("N"), R"([{"cups_code":"470101","quantity":1}])"), test::bearer(token));
  REQUIRE(created.status == 201);
  const auto location = created.header("Location");
  REQUIRE(location.has_value());
  CHECK(s.gateway().get(*location, test::bearer(token)).status == 200);
  auto asked = s.gateway().post_json(*location + "/annulment-request", R"({"reason":"Solicitud duplicada"})",
                                     test::bearer(token));
  INFO(asked.body);
  CHECK(asked.status == 200);
  CHECK(test::json_string(asked.body, "/annulment_request/reason") ==
        std::optional<std::string>("Solicitud duplicada"));
  CHECK(s.gateway()
            .post_json(*location + "/annulment-request", R"({"reason":"otra"})", test::bearer(token))
            .status == 409);

  const auto admin = s.employee_tokens("sysadmin").access;
  auto put = s.gateway().send({"PUT", "/api/v1/provider-contracts/900000002", test::bearer(admin),
                               R"({"codes":["890201","902045"]})", "application/json"});
  INFO(put.body);
  CHECK(put.status == 200);
  auto bulk = s.gateway().post_json("/api/v1/provider-contracts",
                                    R"({"contracts":[{"provider_nit":"900000002","codes":["890201"]}]})",
                                    test::bearer(admin));
  CHECK(bulk.status == 200);
  auto contract = s.gateway().get("/api/v1/provider-contracts/900000002", test::bearer(admin));
  CHECK(contract.status == 200);
  CHECK(test::json_string(contract.body, "/codes/0") == std::optional<std::string>("890201"));
  CHECK(s.gateway().get("/api/v1/provider-contracts/900000002", test::bearer(token)).status == 403);
}

TEST_CASE("the pending gauge on /metrics matches the list's counts per light", "[e2e][authorizations]") {
  auto& s = Suite::get();
  const auto agent = s.employee_tokens("agent").access;
  test::HttpClient metrics_client(s.system().authorizations_url());
  metrics_client.set_observer(s.contract_observer());
  const auto metrics = metrics_client.get("/metrics");
  REQUIRE(metrics.status == 200);
  // Every pending request of this run was created today (Bogotá); the list's default day is today.
  for (const char* light : {"white", "yellow", "red"}) {
    CAPTURE(light);
    auto list = s.gateway().get(kRequests + "?traffic_light=" + light + "&per_page=1", test::bearer(agent));
    REQUIRE(list.status == 200);
    const auto total = test::json_int(list.body, "/total");
    REQUIRE(total.has_value());
    const std::string series =
        std::string("portal_authorization_requests_pending{service=\"authorizations\",traffic_light=\"") +
        light + "\"} " + std::to_string(*total);
    INFO(metrics.body.substr(metrics.body.find("portal_authorization_requests_pending"), 600));
    CHECK(metrics.body.find(series) != std::string::npos);
  }
}

// Issue 13 "Tests that fail without the feature" (AUT-4, AUT-8 Anexo 4, AUT-9): the demo auditor partially
// approves the demo request held with two lines (DEMO-0005: a specialist consultation and a non-POS
// alternative-medicine one); the provider downloads both documents — pdftotext shows the approved CUPS only
// in the authorization and the denied one only in the denial —, records the usage, and the indicators move.
TEST_CASE(
    "an auditor partially approves a demo request; the provider gets both Anexo 4 documents, uses the "
    "authorization and its indicators move",
    "[e2e][authorizations]") {
  auto& s = Suite::get();
  const auto auditor = s.employee_tokens("auditor").access;
  const auto provider = s.provider_tokens(kDemoNit, "admin").access;
  const auto year = this_year();
  // Today's held requests of the demo patient Rafael Orozco (the hyphenated demo numbers are not a filter
  // value).
  auto found =
      s.gateway().get(kRequests + "?status=pending&document_type=CC&document_number=1000000008&per_page=50",
                      test::bearer(auditor));
  REQUIRE(found.status == 200);
  std::optional<long long> id;
  for (int i = 0; i < 50 && !id; ++i) {
    const auto item = "/items/" + std::to_string(i);
    if (!test::json_int(found.body, item + "/id")) break;
    if (test::json_string(found.body, item + "/request_number") == std::optional<std::string>("DEMO-0005"))
      id = test::json_int(found.body, item + "/id");
  }
  INFO(found.body);
  REQUIRE(id.has_value());
  const auto url = kRequests + "/" + std::to_string(*id);
  auto read = s.gateway().get(url, test::bearer(auditor));
  REQUIRE(read.status == 200);
  const auto etag = read.header("ETag");
  REQUIRE(etag.has_value());

  const auto today = core::bogota_date(core::Instant{std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now().time_since_epoch())});
  const auto month = static_cast<unsigned>(today.month());
  const std::string month_ptr = "/months/" + std::to_string(month - 1);
  const auto indicator = [&](const std::string& which, const std::string& field) {
    auto r = s.gateway().get("/api/v1/indicators/" + which + "?year=" + year, test::bearer(provider));
    REQUIRE(r.status == 200);
    return test::json_int(r.body, month_ptr + "/" + field).value_or(-1);
  };
  const auto directed_before = indicator("effective-delivery", "directed");
  const auto used_before = indicator("effective-delivery", "used");
  const auto timely_before = indicator("timeliness", "used");

  // Without If-Match: 428; the provider cannot decide: 403.
  const std::string partial =
      R"({"decision":"partial","items":[{"cups_code":"890202","decision":"approve"},)"
      R"({"cups_code":"890257","decision":"deny","justification":"Medicina alternativa: fuera del plan de beneficios"}],)"
      R"("treating_doctor":{"name":"Carlos Pérez Núñez","document_number":"72000111"},)"
      R"("alternatives":["Terapia física por fisiatría"]})";
  CHECK(s.gateway().post_json(url + "/decision", partial, test::bearer(auditor)).status == 428);
  CHECK(s.gateway()
            .post_json(url + "/decision", partial, test::bearer(provider, {{"If-Match", *etag}}))
            .status == 403);
  auto decided =
      s.gateway().post_json(url + "/decision", partial, test::bearer(auditor, {{"If-Match", *etag}}));
  INFO(decided.body);
  REQUIRE(decided.status == 200);
  CHECK(test::json_string(decided.body, "/status") == std::optional<std::string>("partially_approved"));
  const auto number = test::json_string(decided.body, "/authorization_number");
  REQUIRE(number.has_value());
  // A second auditor with the old ETag: 412.
  CHECK(s.gateway()
            .post_json(url + "/decision", partial, test::bearer(auditor, {{"If-Match", *etag}}))
            .status == 412);
  // Issue 20 part 3: the decision is in the one audit trail, by the auditor who made it.
  const auto request_id = url.substr(url.rfind('/') + 1);
  auto trail = s.gateway().get(
      "/api/v1/audit?action=authorization_request_decided&resource_type=authorization_request&resource_id=" +
          request_id,
      test::bearer(s.employee_tokens("sysadmin").access));
  INFO(trail.body);
  CHECK(test::json_int(trail.body, "/total") == std::optional<long long>(1));
  CHECK(test::json_string(trail.body, "/items/0/service") == std::optional<std::string>("authorizations"));
  CHECK(test::json_string(trail.body, "/items/0/user_type") == std::optional<std::string>("employee"));
  CHECK(test::json_string(trail.body, "/items/0/subject") == test::json_string(payload_of(auditor), "/sub"));

  const auto text_of = [&](const std::string& doc) {
    auto pdf = s.gateway().get(url + doc, test::bearer(provider));
    REQUIRE(pdf.status == 200);
    test::TempDir dir("portal-e2e-annex4");
    const std::string file = dir.str() + "/doc.pdf";
    std::ofstream(file, std::ios::binary) << pdf.body;
    std::string check;
    CHECK(run("qpdf --check '" + file + "'", check) == 0);
    std::string text;
    REQUIRE(run("pdftotext -layout '" + file + "' -", text) == 0);
    return text;
  };
  const auto authorization = text_of("/authorization.pdf");
  INFO(authorization);
  CHECK(authorization.find("890202") != std::string::npos);
  CHECK(authorization.find("890257") == std::string::npos);
  CHECK(authorization.find(*number) != std::string::npos);
  CHECK(authorization.find("DEMO-0005") != std::string::npos);
  const auto denial = text_of("/denial.pdf");
  INFO(denial);
  CHECK(denial.find("890257") != std::string::npos);
  CHECK(denial.find("890202") == std::string::npos);
  CHECK(denial.find("Terapia física por fisiatría") != std::string::npos);

  CHECK(indicator("effective-delivery", "directed") == directed_before + 1);
  auto used =
      s.gateway().post_json("/api/v1/authorizations/" + *number + "/usage",
                            R"({"used_on":")" + core::format_date(today) + R"("})", test::bearer(provider));
  INFO(used.body);
  CHECK(used.status == 200);
  CHECK(s.gateway()
            .post_json("/api/v1/authorizations/" + *number + "/usage",
                       R"({"used_on":")" + core::format_date(today) + R"("})", test::bearer(provider))
            .status == 409);
  CHECK(indicator("effective-delivery", "used") == used_before + 1);
  CHECK(indicator("timeliness", "used") == timely_before + 1);
  // The decision metrics for EPS admins.
  auto metrics = s.gateway().get("/api/v1/authorization-metrics?year=" + year,
                                 test::bearer(s.employee_tokens("sysadmin").access));
  CHECK(metrics.status == 200);
  CHECK(test::json_int(metrics.body, "/totals/partially_approved").value_or(0) >= 1);
}
