// Issue 13 through HTTP, on both backends: AUT-4 decisions (If-Match 428/412, the AUT-3 matrix with 409,
// audited), partial → one authorization and one denial, refer to an unknown NIT → 422, POS denial → 422,
// AUT-8 Anexo 4 documents (409 for a pending request), AUT-9 usage (once, by the directed provider) and the
// indicators on a fixture worked out by hand, and the CMS-0057-F metrics.
#include <catch2/catch.hpp>

#include "authorizations_test_support.hpp"

using namespace portal::authorizations::test;

namespace {

const std::string kUrl = "/api/v1/authorization-requests";
const char* kNow = "2026-06-01T15:00:00Z";  // 10:00 in Bogotá (Res. 2335 in force)

// Rafael Orozco (71, Santa Marta): a POS line may be denied for him (subsidio a la oferta).
const std::string kRafael = R"({"document_type":"CC","document_number":"1000000008"})";
const std::string kDenial =
    R"("treating_doctor":{"name":"Carlos Pérez","document_number":"72000111"},"justification":"No pertinente",)"
    R"("alternatives":["Manejo ambulatorio con control en 30 días"])";

struct Created {
  long long id = 0;
  std::string url;
};

// A pending request (an appendectomy, held by pend_surgical) with the given procedures.
Created pending(AuthorizationsFixture& f, const std::string& number,
                const std::string& procedures = R"([{"cups_code":"470101","quantity":1}])",
                const std::string& affiliate = kRafael) {
  auto r = f.post(kUrl, request_body(number, {{"procedures", procedures}, {"affiliate", affiliate}}),
                  f.provider_admin());
  INFO(r.body);
  REQUIRE(r.status == 201);
  REQUIRE(r.str("status") == "pending");
  return {r.json["id"].GetInt64(), r.header("Location")};
}

std::string etag(AuthorizationsFixture& f, const Created& c) {
  auto r = f.get(c.url, f.employee("auditor"));
  REQUIRE(r.status == 200);
  return r.header("ETag");
}

HttpResult decide(AuthorizationsFixture& f, const Created& c, const std::string& body,
                  const std::string& if_match, const std::string& token = "") {
  std::vector<std::pair<std::string, std::string>> headers;
  if (!if_match.empty()) headers.emplace_back("If-Match", if_match);
  return f.post(c.url + "/decision", body, token.empty() ? f.employee("auditor") : token, headers);
}

std::string body_of(const std::string& kind) {
  if (kind == "approve") return R"({"decision":"approve"})";
  if (kind == "deny") return R"({"decision":"deny",)" + kDenial + "}";
  if (kind == "partial")
    return R"({"decision":"partial","items":[{"cups_code":"470101","decision":"approve"},)"
           R"({"cups_code":"868300","decision":"deny","justification":"Procedimiento con fines estéticos"}],)" +
           kDenial + "}";
  if (kind == "refer")
    return R"({"decision":"refer","provider":{"nit":"900000002","habilitation_code":"080010000201"}})";
  return R"({"decision":"annul","reason":"typing_error","observations":"Número de documento errado"})";
}

const std::string kTwoLines = R"([{"cups_code":"470101","quantity":1},{"cups_code":"868300","quantity":1}])";

}  // namespace

TEST_CASE("AUT-4 If-Match is required (428), a stale one is 412, and deciding twice is 409") {
  AuthorizationsFixture f(kNow);
  const auto c = pending(f, "D100");
  const auto tag = etag(f, c);
  CHECK(tag == "W/\"" + std::to_string(c.id) + "-1\"");
  auto none = decide(f, c, body_of("approve"), "");
  CHECK(none.status == 428);
  CHECK(none.str("code") == "precondition_required");
  CHECK(decide(f, c, body_of("approve"), "W/\"" + std::to_string(c.id) + "-0\"").status == 412);

  auto approved = decide(f, c, body_of("approve"), tag);
  INFO(approved.body);
  REQUIRE(approved.status == 200);
  CHECK(approved.str("status") == "approved");
  CHECK(approved.str("authorization_number") ==
        "2026-" + std::string(8 - std::to_string(c.id).size(), '0') + std::to_string(c.id));
  CHECK(std::string{approved.json["procedures"][0]["decision"].GetString()} == "approved");
  CHECK(approved.header("ETag") == "W/\"" + std::to_string(c.id) + "-2\"");
  // The second auditor still holds the first ETag: 412; with the new one the move is outside the table: 409.
  CHECK(decide(f, c, body_of("approve"), tag).status == 412);
  auto twice = decide(f, c, body_of("approve"), approved.header("ETag"));
  CHECK(twice.status == 409);
  CHECK(twice.str("code") == "decision_not_allowed");
  // A light turning yellow does not make the ETag stale (the version, not the body).
  f.clock.advance(std::chrono::hours(5));
  CHECK(etag(f, c) == approved.header("ETag"));

  // Audited: who, when, from where, the request id and why; append-only.
  CHECK(f.count("SELECT COUNT(*) FROM request_decisions WHERE request_id = " + std::to_string(c.id)) == 1);
  CHECK(f.count(
            "SELECT COUNT(*) FROM request_decisions WHERE decided_by LIKE 'user:%' AND client_address <> '' "
            "AND http_request_id <> '' AND reason = 'approve'") == 1);
  CHECK(f.count("SELECT COUNT(*) FROM audit_trail WHERE action = 'authorization_request_decided' AND "
                "resource_id = '" +
                std::to_string(c.id) + "'") == 1);
  CHECK_THROWS(f.app->database().write(
      [](portal::db::Connection& c) { return c.exec("UPDATE request_decisions SET reason = 'rewritten'"); }));
  CHECK_THROWS(f.app->database().write(
      [](portal::db::Connection& c) { return c.exec("DELETE FROM request_decisions"); }));
}

TEST_CASE("AUT-3 the full transition matrix through the decision route") {
  AuthorizationsFixture f(kNow);
  const std::vector<std::string> kinds = {"approve", "deny", "partial", "refer", "annul"};
  // state reached → the decisions still allowed from it
  const std::vector<std::pair<std::string, std::string>> reached = {{"approve", "approved"},
                                                                    {"deny", "denied"},
                                                                    {"partial", "partially_approved"},
                                                                    {"refer", "referred"},
                                                                    {"annul", "annulled"}};
  int n = 0;
  for (const auto& [first, status] : reached) {
    CAPTURE(first);
    const auto c = pending(f, "M" + std::to_string(++n), kTwoLines);
    auto r = decide(f, c, body_of(first), etag(f, c));
    INFO(r.body);
    REQUIRE(r.status == 200);
    CHECK(r.str("status") == status);
    for (const auto& next : kinds) {
      CAPTURE(next);
      const bool allowed =
          next == "annul" && (status == "approved" || status == "partially_approved" || status == "referred");
      if (allowed) continue;
      auto again = decide(f, c, body_of(next), etag(f, c));
      CHECK(again.status == 409);
      CHECK(again.str("code") == "decision_not_allowed");
    }
    if (status == "approved" || status == "partially_approved" || status == "referred") {
      auto annulled = decide(f, c, body_of("annul"), etag(f, c));
      CHECK(annulled.status == 200);
      CHECK(annulled.str("status") == "annulled");
      CHECK(annulled.str("annulment_cause") == "typing_error");
    }
  }
}

TEST_CASE("AUT-4 partial → one authorization for the approved line and one denial for the other") {
  AuthorizationsFixture f(kNow);
  const auto c = pending(f, "P1", kTwoLines);
  auto r = decide(f, c, body_of("partial"), etag(f, c));
  INFO(r.body);
  REQUIRE(r.status == 200);
  CHECK(r.str("status") == "partially_approved");
  CHECK(r.str("denial_number") == "NEG-" + r.str("authorization_number"));
  CHECK(std::string{r.json["procedures"][0]["decision"].GetString()} == "approved");
  CHECK(std::string{r.json["procedures"][1]["decision"].GetString()} == "denied");
  CHECK(std::string{r.json["procedures"][1]["denial_justification"].GetString()} ==
        "Procedimiento con fines estéticos");
  CHECK(f.count("SELECT COUNT(*) FROM authorizations WHERE request_id = " + std::to_string(c.id)) == 1);
  CHECK(f.count("SELECT COUNT(*) FROM denials WHERE request_id = " + std::to_string(c.id)) == 1);
  CHECK(
      f.count(
          "SELECT COUNT(*) FROM request_lines WHERE request_id = " + std::to_string(c.id) +
          " AND ((code = '470101' AND outcome = 'approved') OR (code = '868300' AND outcome = 'denied'))") ==
      2);
  const auto token = f.provider_admin();
  for (const char* doc : {"/authorization.pdf", "/denial.pdf"}) {
    auto pdf = f.get(c.url + doc, token);
    CAPTURE(doc);
    CHECK(pdf.status == 200);
    CHECK(pdf.header("Content-Type") == "application/pdf");
    CHECK(pdf.body.rfind("%PDF", 0) == 0);
  }
}

TEST_CASE(
    "AUT-4 refusals: refer to an unknown NIT 422, a POS denial 422 naming it, provider 403, other 404") {
  AuthorizationsFixture f(kNow);
  const auto c = pending(f, "R1");
  auto unknown = decide(
      f, c, R"({"decision":"refer","provider":{"nit":"999999999","habilitation_code":"1"}})", etag(f, c));
  CHECK(unknown.status == 422);
  CHECK(unknown.error_fields() == std::vector<std::string>{"provider.nit:not_found"});
  auto branch = decide(f, c, R"({"decision":"refer","provider":{"nit":"900000002","habilitation_code":"1"}})",
                       etag(f, c));
  CHECK(branch.error_fields() == std::vector<std::string>{"provider.habilitation_code:not_found"});

  // María lives in Barranquilla: her POS appendectomy cannot be denied.
  const auto maria = pending(f, "R2", R"([{"cups_code":"470101","quantity":1}])",
                             R"({"document_type":"CC","document_number":"1000000001"})");
  auto pos = decide(f, maria, body_of("deny"), etag(f, maria));
  CHECK(pos.status == 422);
  CHECK(pos.error_fields() == std::vector<std::string>{"decision:pos_not_deniable"});
  CHECK(pos.body.find("470101") != std::string::npos);
  // Rafael (71, Santa Marta): subsidio a la oferta, it may.
  CHECK(decide(f, c, body_of("deny"), etag(f, c)).status == 200);

  auto provider = decide(f, maria, body_of("approve"), etag(f, maria), f.provider_admin());
  CHECK(provider.status == 403);
  CHECK(f.get(maria.url + "/authorization.pdf", f.provider_admin(kOtherProvider, "080010000201")).status ==
        404);
  CHECK(decide(f, {maria.id + 1000, kUrl + "/" + std::to_string(maria.id + 1000)}, body_of("approve"), "*")
            .status == 404);
}

TEST_CASE(
    "AUT-8 Anexo 4 of a pending request is 409 with the reason; approved at once has its authorization") {
  AuthorizationsFixture f(kNow);
  const auto c = pending(f, "A1");
  for (const char* doc : {"/authorization.pdf", "/denial.pdf"}) {
    auto r = f.get(c.url + doc, f.provider_admin());
    CAPTURE(doc);
    CHECK(r.status == 409);
    CHECK(r.str("code") == "document_not_available");
    CHECK(r.str("detail").find("pending") != std::string::npos);
  }
  auto at_once = f.post(kUrl, request_body("A2"), f.provider_admin());
  REQUIRE(at_once.status == 201);
  const auto url = at_once.header("Location");
  CHECK(f.get(url + "/authorization.pdf", f.provider_admin()).status == 200);
  CHECK(f.get(url + "/denial.pdf", f.provider_admin()).status == 409);
}

TEST_CASE("AUT-9 usage: once, by the provider it is directed to, not before its date nor in the future") {
  AuthorizationsFixture f(kNow);
  auto at_once = f.post(kUrl, request_body("U1"), f.provider_admin());
  REQUIRE(at_once.status == 201);
  const auto number = at_once.str("authorization_number");
  const auto usage = "/api/v1/authorizations/" + number + "/usage";
  CHECK(
      f.post(usage, R"({"used_on":"2026-06-01"})", f.provider_admin(kOtherProvider, "080010000201")).status ==
      404);
  CHECK(f.post(usage, R"({"used_on":"2026-06-01"})", f.employee("auditor")).status == 403);
  auto early = f.post(usage, R"({"used_on":"2026-05-31"})", f.provider_admin());
  CHECK(early.error_fields() == std::vector<std::string>{"used_on:before_issue"});
  auto future = f.post(usage, R"({"used_on":"2026-06-02"})", f.provider_admin());
  CHECK(future.error_fields() == std::vector<std::string>{"used_on:in_future"});
  auto used = f.post(usage, R"({"used_on":"2026-06-01"})", f.provider_admin());
  INFO(used.body);
  CHECK(used.status == 200);
  CHECK(used.str("used_on") == "2026-06-01");
  auto again = f.post(usage, R"({"used_on":"2026-06-01"})", f.provider_admin());
  CHECK(again.status == 409);
  CHECK(again.str("code") == "authorization_not_usable");
  CHECK(f.get(at_once.header("Location"), f.provider_admin()).str("authorization_used_on") == "2026-06-01");
  // A referred authorization is the referred provider's to use.
  const auto c = pending(f, "U2");
  auto referred = decide(f, c, body_of("refer"), etag(f, c));
  REQUIRE(referred.status == 200);
  const auto referred_usage = "/api/v1/authorizations/" + referred.str("authorization_number") + "/usage";
  CHECK(f.post(referred_usage, R"({"used_on":"2026-06-01"})", f.provider_admin()).status == 404);
  CHECK(
      f.post(referred_usage, R"({"used_on":"2026-06-01"})", f.provider_admin(kOtherProvider, "080010000201"))
          .status == 200);
}

TEST_CASE("AUT-9 indicators on a fixture worked out by hand; CMS-0057-F metrics for EPS admins") {
  // Generated in February: a laboratory (basic diagnostics) and a consultation, both outpatient.
  AuthorizationsFixture f("2026-02-10T15:00:00Z");
  auto lab = f.post(kUrl, request_body("I1"), f.provider_admin());
  auto consult = f.post(kUrl,
                        request_body("I2", {{"procedures", R"([{"cups_code":"890201","quantity":1}])"},
                                            {"affiliate", kRafael}}),
                        f.provider_admin());
  REQUIRE(lab.str("status") == "approved");
  REQUIRE(consult.str("status") == "pending");  // no rule covers consultations: an auditor approves it
  const Created c{consult.json["id"].GetInt64(), consult.header("Location")};
  REQUIRE(decide(f, c, body_of("approve"), etag(f, c)).status == 200);
  // Generated in March: a surgical authorization (approved by the auditor 2 hours after the request).
  f.clock.set(*portal::core::parse_rfc3339("2026-03-05T15:00:00Z"));
  const auto surgery = pending(f, "I3");
  f.clock.advance(std::chrono::hours(2));
  const auto approved = decide(f, surgery, body_of("approve"), etag(f, surgery));
  REQUIRE(approved.status == 200);
  // Used: the lab on 2026-02-13 (3 days), the surgery on 2026-03-12 (7 days); the consultation never.
  f.clock.set(*portal::core::parse_rfc3339("2026-04-20T15:00:00Z"));
  const auto token = f.provider_admin();
  REQUIRE(f.post("/api/v1/authorizations/" + lab.str("authorization_number") + "/usage",
                 R"({"used_on":"2026-02-13"})", token)
              .status == 200);
  REQUIRE(f.post("/api/v1/authorizations/" + approved.str("authorization_number") + "/usage",
                 R"({"used_on":"2026-03-12"})", token)
              .status == 200);

  // Effective delivery: Feb 1/2 = 50 %, Mar 1/1 = 100 %, Jan and Apr nothing; months to April.
  auto delivery = f.get("/api/v1/indicators/effective-delivery?year=2026", token);
  INFO(delivery.body);
  REQUIRE(delivery.status == 200);
  const auto& months = delivery.json["months"];
  REQUIRE(months.Size() == 4);
  CHECK(months[1]["directed"].GetInt64() == 2);
  CHECK(months[1]["used"].GetInt64() == 1);
  CHECK(months[1]["effective_delivery_percent"].GetDouble() == 50.0);
  CHECK(months[2]["effective_delivery_percent"].GetDouble() == 100.0);
  CHECK(months[0]["effective_delivery_percent"].IsNull());
  // Filters: only surgical procedures → Feb 0/0, Mar 1/1; scope hospital → nothing at all.
  auto surgical =
      f.get("/api/v1/indicators/effective-delivery?year=2026&service_group=surgical_procedures", token);
  CHECK(surgical.json["months"][1]["directed"].GetInt64() == 0);
  CHECK(surgical.json["months"][2]["directed"].GetInt64() == 1);
  auto hospital =
      f.get("/api/v1/indicators/effective-delivery?year=2026&scope=hospital&branch=080010000101", token);
  CHECK(hospital.json["months"][1]["directed"].GetInt64() == 0);

  // Timeliness: Feb 3 days (basic diagnostics), Mar 7 days (surgical procedures).
  auto timeliness = f.get("/api/v1/indicators/timeliness?year=2026", token);
  INFO(timeliness.body);
  REQUIRE(timeliness.status == 200);
  CHECK(timeliness.json["months"][1]["average_days"].GetDouble() == 3.0);
  CHECK(timeliness.json["months"][2]["average_days"].GetDouble() == 7.0);
  const auto& by_type = timeliness.json["months"][2]["by_service_type"];
  for (rapidjson::SizeType i = 0; i < by_type.Size(); ++i) {
    if (std::string{by_type[i]["service_group"].GetString()} == "surgical_procedures") {
      CHECK(by_type[i]["average_days"].GetDouble() == 7.0);
    }
  }
  CHECK(f.get("/api/v1/indicators/timeliness", token).error_fields() ==
        std::vector<std::string>{"year:required"});
  CHECK(f.get("/api/v1/indicators/timeliness?year=2026", f.delegate({"authorizations"})).status == 403);
  CHECK(f.get("/api/v1/indicators/timeliness?year=2026", f.delegate({"indicators"})).status == 200);

  // CMS-0057-F: Feb 2 requests (1 auto-approved, 1 approved by the auditor at once), Mar 1 approved in 2 h.
  CHECK(f.get("/api/v1/authorization-metrics?year=2026", token).status == 403);
  auto metrics = f.get("/api/v1/authorization-metrics?year=2026", f.employee("admin"));
  INFO(metrics.body);
  REQUIRE(metrics.status == 200);
  CHECK(metrics.json["totals"]["requests"].GetInt64() == 3);
  CHECK(metrics.json["totals"]["approved"].GetInt64() == 3);
  CHECK(metrics.json["totals"]["auto_approved"].GetInt64() == 1);
  CHECK(metrics.json["totals"]["approved_percent"].GetDouble() == 100.0);
  bool march = false;
  const auto& times = metrics.json["decision_times"];
  for (rapidjson::SizeType i = 0; i < times.Size(); ++i) {
    if (times[i]["month"].GetInt() == 3) {
      march = true;
      CHECK(times[i]["median_hours"].GetDouble() == 2.0);
      CHECK(times[i]["average_hours"].GetDouble() == 2.0);
    }
  }
  CHECK(march);
  auto scrape = f.get("/metrics", f.employee("admin"));
  std::string decision_lines;
  for (std::size_t at = scrape.body.find("authorization_decision"); at != std::string::npos;
       at = scrape.body.find("authorization_decision", at + 1)) {
    decision_lines += scrape.body.substr(at, scrape.body.find('\n', at) - at) + "\n";
  }
  INFO(decision_lines);
  CHECK(scrape.body.find("authorization_decisions_total{service=\"authorizations\",decided_by=\"auditor\","
                         "outcome=\"approved\"} 2") != std::string::npos);
  CHECK(scrape.body.find(
            "authorization_decision_seconds_count{service=\"authorizations\",decided_by=\"auditor\"} 2") !=
        std::string::npos);
}

TEST_CASE("AUT-3 the auditor's queue lists the providers' annulment requests") {
  AuthorizationsFixture f(kNow);
  const auto c = pending(f, "Q1");
  pending(f, "Q2");
  REQUIRE(
      f.post(c.url + "/annulment-request", R"({"reason":"Paciente duplicado"})", f.provider_admin()).status ==
      200);
  f.clock.advance(std::chrono::hours(30));  // another day: the queue is not today's list
  auto queue = f.get(kUrl + "?annulment_requested=true", f.employee("auditor"));
  INFO(queue.body);
  REQUIRE(queue.status == 200);
  CHECK(queue.json["total"].GetInt64() == 1);
  CHECK(queue.json["items"][0]["id"].GetInt64() == c.id);
  REQUIRE(decide(f, c, R"({"decision":"annul","reason":"duplicate"})", etag(f, c)).status == 200);
  CHECK(f.get(kUrl + "?annulment_requested=true", f.employee("auditor")).json["total"].GetInt64() == 0);
}

TEST_CASE(
    "AUT-6 / issue 15: the events and e-mails of a creation and a decision are rows of their transactions") {
  AuthorizationsFixture f(kNow,
                          {{"PORTAL_AUTHORIZATIONS_LINE_EMAIL", "linea@eps.example"},
                           {"PORTAL_EVENTS_URL", "http://127.0.0.1:9"}});  // no hub: the rows stay unsent
  // A consultation no rule approves is held and the line is told; a surgical one is held without e-mail.
  pending(f, "N100", R"([{"cups_code":"890201","quantity":1}])");
  const auto surgical = pending(f, "N101");
  CHECK(f.count("SELECT COUNT(*) FROM event_outbox WHERE type = 'authorization_request.pending'") == 2);
  CHECK(f.count("SELECT COUNT(*) FROM mail_outbox WHERE recipient = 'linea@eps.example'") == 1);

  auto approved = decide(f, surgical, body_of("approve"), etag(f, surgical));
  REQUIRE(approved.status == 200);
  CHECK(f.count("SELECT COUNT(*) FROM event_outbox WHERE type = 'authorization_request.decided'") == 1);
  CHECK(f.count("SELECT COUNT(*) FROM event_outbox WHERE type = 'authorization_request.approved'") == 1);
  CHECK(f.count("SELECT COUNT(*) FROM event_outbox WHERE sent_at IS NULL") == 4);
  // The provider's address in auth's registry gets the decision, with its HTML part.
  CHECK(f.count("SELECT COUNT(*) FROM mail_outbox WHERE recipient = 'urgencias@ipsdemo.example' AND "
                "body_html IS NOT NULL") == 1);
  // A refused decision announces nothing.
  CHECK(decide(f, surgical, body_of("approve"), approved.header("ETag")).status == 409);
  CHECK(f.count("SELECT COUNT(*) FROM event_outbox") == 4);
}
