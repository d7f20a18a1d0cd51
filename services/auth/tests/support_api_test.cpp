// AUTH-11 Contact us and AUTH-12 satisfaction survey (issue 20), against the service on port 0, on both
// database backends.
#include <algorithm>
#include <catch2/catch.hpp>

#include "auth_test_support.hpp"

using namespace portal;
using namespace portal::auth::test;

namespace {

const std::vector<std::pair<std::string, std::string>> kMailboxes = {
    {"PORTAL_CONTACT_USER_ATTENTION_EMAIL", "atencion@eps.test"},
    {"PORTAL_CONTACT_TECHNICAL_SUPPORT_EMAIL", "soporte@eps.test"}};

std::string case_body(const std::string& category, const std::string& subject = "Autorización demorada",
                      const std::string& comment = "La solicitud 4471 lleva tres días sin respuesta.") {
  return R"({"category":")" + category + R"(","subject":")" + subject + R"(","comment":")" + comment + "\"}";
}

struct Mail {
  std::string recipient, subject, body;
};

std::vector<Mail> mails_to(AuthFixture& f, const std::string& recipient) {
  return f.app->database().read([&](db::Connection& c) {
    return c.query_all("SELECT recipient, subject, body FROM mail_outbox WHERE recipient = ? ORDER BY id",
                       {recipient}, [](const db::Row& r) {
                         return Mail{r.text(0), r.text(1), r.text(2)};
                       });
  });
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

void at(AuthFixture& f, const char* instant) { f.clock.set(*core::parse_rfc3339(instant)); }

}  // namespace

TEST_CASE("AUTH-11 a case is stored, answered with its number and e-mailed to its category's mailbox",
          "[integration]") {
  AuthFixture f(true, kMailboxes);
  const auto delegate = f.token_for("delegate");
  auto sent = f.post("/api/v1/contact-cases", case_body("user_attention"), delegate);
  INFO(sent.body);
  REQUIRE(sent.status == 201);
  const long long id = sent.json["id"].GetInt64();
  CHECK(id > 0);
  CHECK(sent.header("Location") == "/api/v1/contact-cases/" + std::to_string(id));
  CHECK(sent.str("status") == "open");
  CHECK(sent.str("mailbox") == "atencion@eps.test");
  CHECK(sent.str("provider_nit") == "900000001");
  CHECK(std::string{sent.json["user"]["username"].GetString()} == "delegate");

  const auto attention = mails_to(f, "atencion@eps.test");
  REQUIRE(attention.size() == 1);
  CHECK(contains(attention[0].subject, "Caso " + std::to_string(id)));
  CHECK(contains(attention[0].subject, "Autorización demorada"));
  CHECK(contains(attention[0].body, "IPS Demo Salud S.A.S. (NIT 900000001)"));
  CHECK(contains(attention[0].body, "Pedro Ramírez (delegate)"));
  CHECK(contains(attention[0].body, "delegate@ipsdemo.example"));
  CHECK(contains(attention[0].body, "La solicitud 4471 lleva tres días sin respuesta."));
  CHECK(mails_to(f, "soporte@eps.test").empty());

  auto support = f.post("/api/v1/contact-cases",
                        case_body("technical_support", "No carga el PDF", "Error al descargar el anexo 2"),
                        f.token_for("admin2", "900000002"));
  REQUIRE(support.status == 201);
  const auto technical = mails_to(f, "soporte@eps.test");
  REQUIRE(technical.size() == 1);
  CHECK(contains(technical[0].body, "Clínica Ejemplo del Caribe (NIT 900000002)"));
  CHECK(contains(technical[0].body, "Soporte técnico"));
  CHECK(mails_to(f, "atencion@eps.test").size() == 1);
  CHECK(f.audit_count("contact_case_created") == 2);

  // SPEC §2 Idempotency-Key: a retry gets the first answer, and nothing is stored or mailed twice.
  const std::vector<std::pair<std::string, std::string>> key = {{"Idempotency-Key", "case-7f3a"}};
  auto first = f.request("POST", "/api/v1/contact-cases", case_body("technical_support"), delegate,
                         "application/json", key);
  auto retry = f.request("POST", "/api/v1/contact-cases", case_body("technical_support"), delegate,
                         "application/json", key);
  REQUIRE(first.status == 201);
  CHECK(retry.status == 201);
  CHECK(retry.json["id"].GetInt64() == first.json["id"].GetInt64());
  CHECK(retry.header("Idempotent-Replayed") == "true");
  CHECK(mails_to(f, "soporte@eps.test").size() == 2);
}

TEST_CASE("AUTH-11 bad cases name every bad field; only provider users send, only EPS admins read and answer",
          "[integration]") {
  AuthFixture f(true, kMailboxes);
  const auto delegate = f.token_for("delegate");
  auto bad = f.post("/api/v1/contact-cases",
                    R"({"category":"complaints","subject":"","comment":")" + std::string(4001, 'x') + "\"}",
                    delegate);
  REQUIRE(bad.status == 422);
  CHECK(bad.error_fields() ==
        std::vector<std::string>{"category:invalid_value", "comment:too_long", "subject:required"});
  auto types = f.post("/api/v1/contact-cases", R"({"category":5,"subject":["a"]})", delegate);
  REQUIRE(types.status == 422);
  CHECK(types.error_fields() ==
        std::vector<std::string>{"category:invalid_type", "comment:required", "subject:invalid_type"});
  CHECK(f.post("/api/v1/contact-cases", "{", delegate).status == 400);
  CHECK(f.post("/api/v1/contact-cases", case_body("user_attention")).status == 401);
  CHECK(f.post("/api/v1/contact-cases", case_body("user_attention"), f.token_for("agent")).status == 403);
  CHECK(f.count("SELECT count(*) FROM contact_cases") == 0);

  auto sent = f.post("/api/v1/contact-cases", case_body("user_attention"), delegate);
  REQUIRE(sent.status == 201);
  const std::string path = "/api/v1/contact-cases/" + std::to_string(sent.json["id"].GetInt64());
  CHECK(f.get("/api/v1/contact-cases", delegate).status == 403);
  CHECK(f.get("/api/v1/contact-cases", f.token_for("admin")).status == 403);  // a provider's administrator
  CHECK(f.get(path, delegate).status == 403);
  CHECK(f.patch(path, R"({"status":"answered"})", delegate).status == 403);

  const auto sysadmin = f.token_for("sysadmin");
  auto open = f.get("/api/v1/contact-cases?status=open&category=user_attention", sysadmin);
  REQUIRE(open.status == 200);
  CHECK(open.json["total"].GetInt() == 1);
  CHECK(f.get("/api/v1/contact-cases?category=technical_support", sysadmin).json["total"].GetInt() == 0);
  auto bad_filter = f.get("/api/v1/contact-cases?status=closed&category=x&per_page=0", sysadmin);
  REQUIRE(bad_filter.status == 422);
  CHECK(bad_filter.error_fields() ==
        std::vector<std::string>{"category:invalid_value", "per_page:out_of_range", "status:invalid_value"});
  CHECK(f.get("/api/v1/contact-cases/abc", sysadmin).status == 400);
  CHECK(f.get("/api/v1/contact-cases/999999", sysadmin).status == 404);

  auto invalid = f.patch(path, R"({"status":"open"})", sysadmin);
  REQUIRE(invalid.status == 422);
  CHECK(invalid.error_fields() == std::vector<std::string>{"status:invalid_value"});
  CHECK(f.patch(path, "{}", sysadmin).error_fields() == std::vector<std::string>{"status:required"});
  auto stale = f.request("PATCH", path, R"({"status":"answered"})", sysadmin, "application/json",
                         {{"If-Match", "W/\"not-the-current-one\""}});
  CHECK(stale.status == 412);

  auto answered = f.patch(path, R"({"status":"answered"})", sysadmin);
  REQUIRE(answered.status == 200);
  CHECK(answered.str("status") == "answered");
  CHECK(answered.str("answered_at") == "2026-03-02T15:00:00Z");
  CHECK(answered.json["answered_by"].IsInt64());
  f.clock.advance(std::chrono::minutes{5});
  auto again = f.patch(path, R"({"status":"answered"})", sysadmin);
  REQUIRE(again.status == 200);
  CHECK(again.str("answered_at") == "2026-03-02T15:00:00Z");  // answered once, when it was answered
  CHECK(f.audit_count("contact_case_answered") == 1);
  CHECK(f.get("/api/v1/contact-cases?status=open", sysadmin).json["total"].GetInt() == 0);
  CHECK(f.get("/api/v1/contact-cases?status=answered", sysadmin).json["total"].GetInt() == 1);
}

TEST_CASE("AUTH-11 at most N cases per user per rolling hour, then 429 with Retry-After", "[integration]") {
  auto settings = kMailboxes;
  settings.emplace_back("PORTAL_CONTACT_CASES_PER_USER_HOUR", "2");
  AuthFixture f(true, settings);
  at(f, "2026-03-02T15:00:00Z");
  const auto delegate = f.token_for("delegate");
  CHECK(f.post("/api/v1/contact-cases", case_body("user_attention"), delegate).status == 201);
  f.clock.advance(std::chrono::minutes{10});
  CHECK(f.post("/api/v1/contact-cases", case_body("technical_support"), delegate).status == 201);
  auto limited = f.post("/api/v1/contact-cases", case_body("user_attention"), delegate);
  REQUIRE(limited.status == 429);
  CHECK(limited.str("code") == "rate_limited");
  CHECK(limited.header("Retry-After") == "3000");  // the first case leaves the hour at 16:00
  CHECK(f.count("SELECT count(*) FROM contact_cases") == 2);
  CHECK(mails_to(f, "atencion@eps.test").size() == 1);
  // Another user of the same provider has their own budget.
  CHECK(f.post("/api/v1/contact-cases", case_body("user_attention"), f.token_for("admin")).status == 201);
  at(f, "2026-03-02T16:00:01Z");
  CHECK(f.post("/api/v1/contact-cases", case_body("user_attention"), f.token_for("delegate")).status == 201);
}

TEST_CASE("AUTH-12 one answer per user per Bogotá day: a second is 409, the next day is accepted",
          "[integration]") {
  AuthFixture f;
  at(f, "2026-03-02T15:00:00Z");  // 10:00 in Bogotá
  const std::string answer = R"({"satisfaction":4,"ease":5,"nps":9,"resolved":true})";
  auto first = f.post("/api/v1/surveys", answer, f.token_for("delegate"));
  INFO(first.body);
  REQUIRE(first.status == 201);
  CHECK(first.str("answered_day") == "2026-03-02");
  CHECK(first.json["nps"].GetInt() == 9);
  CHECK(first.json["resolved"].GetBool());
  auto second = f.post("/api/v1/surveys", R"({"satisfaction":1,"ease":1,"nps":0,"resolved":false})",
                       f.token_for("delegate"));
  REQUIRE(second.status == 409);
  CHECK(second.str("code") == "survey_already_answered");
  // 23:59:59 in Bogotá is still the same day, although it is the 3rd in UTC.
  at(f, "2026-03-03T04:59:59Z");
  CHECK(f.post("/api/v1/surveys", answer, f.token_for("delegate")).status == 409);
  // Another user answers the same day.
  CHECK(f.post("/api/v1/surveys", answer, f.token_for("admin")).status == 201);
  at(f, "2026-03-03T05:00:00Z");  // midnight in Bogotá
  auto next_day = f.post("/api/v1/surveys", answer, f.token_for("delegate"));
  REQUIRE(next_day.status == 201);
  CHECK(next_day.str("answered_day") == "2026-03-03");
  CHECK(f.count("SELECT count(*) FROM survey_answers") == 3);
  CHECK(f.audit_count("survey_answered") == 3);

  auto bad = f.post("/api/v1/surveys", R"({"satisfaction":6,"ease":0,"nps":11,"resolved":"yes"})",
                    f.token_for("admin2", "900000002"));
  REQUIRE(bad.status == 422);
  CHECK(bad.error_fields() == std::vector<std::string>{"ease:out_of_range", "nps:out_of_range",
                                                       "resolved:invalid_type", "satisfaction:out_of_range"});
  CHECK(f.post("/api/v1/surveys", "{}", f.token_for("admin2", "900000002")).error_fields() ==
        std::vector<std::string>{"ease:required", "nps:required", "resolved:required",
                                 "satisfaction:required"});
  CHECK(f.post("/api/v1/surveys", answer, f.token_for("sysadmin")).status == 403);
  CHECK(f.post("/api/v1/surveys", answer).status == 401);
}

TEST_CASE("AUTH-12 monthly results for EPS admins, worked out by hand", "[integration]") {
  AuthFixture f;
  auto answer = [&](const char* instant, const std::string& user, const std::string& nit, int satisfaction,
                    int ease, int nps, bool resolved) {
    at(f, instant);
    auto r = f.post("/api/v1/surveys",
                    R"({"satisfaction":)" + std::to_string(satisfaction) + R"(,"ease":)" +
                        std::to_string(ease) + R"(,"nps":)" + std::to_string(nps) + R"(,"resolved":)" +
                        (resolved ? "true" : "false") + "}",
                    f.token_for(user, nit));
    INFO(r.body);
    REQUIRE(r.status == 201);
  };
  // February: NPS 10, 9 (promoters), 7 (passive), 6 (detractor) → (2 − 1) / 4 = 25.0; resolved 2 of 4.
  answer("2026-02-10T14:00:00Z", "delegate", "900000001", 5, 5, 10, true);
  answer("2026-02-10T14:00:00Z", "admin", "900000001", 4, 4, 9, true);
  answer("2026-02-11T14:00:00Z", "delegate", "900000001", 3, 2, 7, false);
  // 1 March 02:00 UTC is still 28 February (21:00) in Bogotá: a February answer.
  answer("2026-03-01T02:00:00Z", "admin2", "900000002", 2, 3, 6, false);
  // March: NPS 0 and 10 → 0.0; resolved 1 of 2.
  answer("2026-03-02T14:00:00Z", "delegate", "900000001", 1, 1, 0, false);
  answer("2026-03-02T14:00:00Z", "admin", "900000001", 5, 4, 10, true);

  const auto sysadmin = f.token_for("sysadmin");
  auto r = f.request("GET", "/api/v1/surveys/results?from=2026-01&to=2026-03", "", sysadmin,
                     "application/json", {{"Accept-Language", "en"}});
  INFO(r.body);
  REQUIRE(r.status == 200);
  CHECK(r.header("Content-Language") == "en");
  CHECK(r.str("from") == "2026-01");
  CHECK(r.str("to") == "2026-03");
  const auto& months = r.json["months"];
  REQUIRE(months.Size() == 3);
  CHECK(std::string{months[0]["month"].GetString()} == "2026-01");
  CHECK(months[0]["responses"].GetInt() == 0);
  CHECK(months[0]["nps"]["score"].IsNull());
  CHECK(months[0]["resolved"]["percent"].IsNull());

  const auto& feb = months[1];
  CHECK(feb["responses"].GetInt() == 4);
  std::vector<long long> satisfaction, ease, nps;
  for (const auto& v : feb["satisfaction"].GetArray()) satisfaction.push_back(v["count"].GetInt64());
  for (const auto& v : feb["ease"].GetArray()) ease.push_back(v["count"].GetInt64());
  for (const auto& v : feb["nps"]["distribution"].GetArray()) nps.push_back(v["count"].GetInt64());
  CHECK(satisfaction == std::vector<long long>{0, 1, 1, 1, 1});
  CHECK(ease == std::vector<long long>{0, 1, 1, 1, 1});
  CHECK(nps == std::vector<long long>{0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1});
  CHECK(std::string{feb["satisfaction"][0]["label"].GetString()} == "Dissatisfied");
  CHECK(std::string{feb["ease"][4]["label"].GetString()} == "Very easy");
  CHECK(feb["nps"]["promoters"].GetInt() == 2);
  CHECK(feb["nps"]["passives"].GetInt() == 1);
  CHECK(feb["nps"]["detractors"].GetInt() == 1);
  CHECK(feb["nps"]["score"].GetDouble() == 25.0);
  CHECK(feb["resolved"]["yes"].GetInt() == 2);
  CHECK(feb["resolved"]["no"].GetInt() == 2);
  CHECK(feb["resolved"]["percent"].GetDouble() == 50.0);

  const auto& mar = months[2];
  CHECK(mar["responses"].GetInt() == 2);
  CHECK(mar["nps"]["score"].GetDouble() == 0.0);
  CHECK(mar["resolved"]["percent"].GetDouble() == 50.0);
  // The whole range: 6 answers, promoters 10, 9, 10 and detractors 6, 0 → (3 − 2) / 6 = 16.666… → 16.7.
  CHECK(r.json["overall"]["responses"].GetInt() == 6);
  CHECK(r.json["overall"]["nps"]["score"].GetDouble() == Approx(16.7));
  CHECK(r.json["overall"]["resolved"]["percent"].GetDouble() == 50.0);

  auto spanish = f.get("/api/v1/surveys/results?from=2026-02&to=2026-02", sysadmin);
  REQUIRE(spanish.status == 200);
  CHECK(std::string{spanish.json["months"][0]["satisfaction"][4]["label"].GetString()} == "Muy satisfecho");
  CHECK(spanish.header("Content-Language") == "es");

  auto bad = f.get("/api/v1/surveys/results?from=2026-13&to=2025", sysadmin);
  REQUIRE(bad.status == 422);
  CHECK(bad.error_fields() == std::vector<std::string>{"from:invalid_format", "to:invalid_format"});
  CHECK(f.get("/api/v1/surveys/results", f.token_for("admin")).status == 403);
  CHECK(f.get("/api/v1/surveys/results", f.token_for("agent")).status == 403);
}
