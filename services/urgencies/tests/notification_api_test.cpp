// URG-1..URG-3 through HTTP: the urgencies service in-process with the real affiliates and auth services
// (urgencies_test_support), a temp SQLite file and a ManualClock.
#include <httplib.h>

#include <catch2/catch.hpp>
#include <functional>
#include <thread>

#include "urgencies_test_support.hpp"

using namespace portal::urgencies::test;
using portal::core::parse_rfc3339;

namespace {

const char* kUrl = "/api/v1/urgencies";

// 2026-03-02T15:00:00Z = 10:00 in Bogotá; admitted two hours before.
const std::string kAdmitted = "2026-03-02T13:00:00Z";

std::string admitted_before(const portal::core::ManualClock& clock, std::chrono::minutes before) {
  return portal::core::to_rfc3339(clock.now() - before);
}

}  // namespace

TEST_CASE("a provider user files a notification: 201, Location, the stored notification") {
  UrgenciesFixture f;
  const auto token = f.provider_admin();
  auto r = f.post(kUrl, notification_body("A1", kAdmitted), token);
  INFO(r.body);
  REQUIRE(r.status == 201);
  const auto id = r.json["id"].GetInt64();
  CHECK(r.header("Location") == std::string{kUrl} + "/" + std::to_string(id));
  CHECK(r.str("attention_number") == "A1");
  CHECK(std::string{r.json["provider"]["nit"].GetString()} == kProvider);
  CHECK(std::string{r.json["provider"]["name"].GetString()} == "IPS Demo Salud S.A.S.");
  CHECK(std::string{r.json["provider"]["habilitation_code"].GetString()} == kBranch);
  CHECK(std::string{r.json["affiliate"]["first_name"].GetString()} == "María");
  CHECK(std::string{r.json["affiliate"]["sex"].GetString()} == "F");
  CHECK(r.str("notified_at") == "2026-03-02T15:00:00Z");
  CHECK(r.str("notified_day") == "2026-03-02");
  CHECK(std::string{r.json["diagnoses"]["principal"].GetString()} == "R104");
  // Issue 11: this body is the 3047 shape of an old client: accepted, mapped, and said so.
  REQUIRE(r.json["warnings"].GetArray().Size() == 1);
  CHECK(std::string{r.json["warnings"][0]["code"].GetString()} == "res3047_body_mapped");

  auto read = f.get(r.header("Location"), token);
  CHECK(read.status == 200);
  CHECK(read.body == r.body);
  CHECK(f.count("SELECT COUNT(*) FROM notifications") == 1);

  // URG-4: the Anexo 2 of it.
  auto pdf = f.get(r.header("Location") + "/annex2.pdf", token);
  REQUIRE(pdf.status == 200);
  CHECK(pdf.header("Content-Type") == "application/pdf");
  CHECK(pdf.header("Content-Disposition") == "attachment; filename=\"Anexo2-A1-20260302.pdf\"");
  CHECK(pdf.body.rfind("%PDF-", 0) == 0);
  CHECK(f.get(std::string{kUrl} + "/999/annex2.pdf", token).status == 404);
}

TEST_CASE("URG-2: the attention number is unique per provider per Bogotá day, not per UTC day") {
  // 23:30 in Bogotá on 2 March = 04:30Z on 3 March.
  UrgenciesFixture f("2026-03-03T04:30:00Z");
  const auto token = f.provider_admin();
  auto first =
      f.post(kUrl, notification_body("77", admitted_before(f.clock, std::chrono::minutes(30))), token);
  REQUIRE(first.status == 201);
  CHECK(first.str("notified_day") == "2026-03-02");

  f.clock.advance(std::chrono::minutes(10));  // 23:40 Bogotá, still 2 March
  auto again =
      f.post(kUrl, notification_body("77", admitted_before(f.clock, std::chrono::minutes(30))), token);
  CHECK(again.status == 409);
  CHECK(again.str("code") == "duplicate_attention_number");

  // Another provider may use the same number the same day.
  auto other = f.post(kUrl, notification_body("77", admitted_before(f.clock, std::chrono::minutes(30))),
                      f.provider_admin(kOtherProvider, "080010000201"));
  CHECK(other.status == 201);

  f.clock.advance(std::chrono::minutes(30));  // 00:10 Bogotá on 3 March: a new day, the number restarts
  auto next_day = f.post(kUrl, notification_body("77", admitted_before(f.clock, std::chrono::minutes(30))),
                         f.provider_admin());  // a fresh token at the new time
  CHECK(next_day.status == 201);
  CHECK(next_day.str("notified_day") == "2026-03-03");
  CHECK(f.count("SELECT COUNT(*) FROM notifications") == 3);
}

TEST_CASE("URG-2: every invalid field is reported in one 422") {
  UrgenciesFixture f;
  // CC 1000000008 is a 71-year-old man: O800 (delivery) does not fit; admitted 25 h ago; referred without
  // the referring provider's name, department or municipality.
  auto r =
      f.post(kUrl,
             notification_body("B1", "2026-03-01T14:00:00Z",
                               {{"affiliate", R"({"document_type":"CC","document_number":"1000000008"})"},
                                {"diagnoses", R"({"principal":"O800","related":[]})"},
                                {"referral", R"({"is_referred":true})"}}),
             f.provider_admin());
  REQUIRE(r.status == 422);
  CHECK(r.str("code") == "validation_failed");
  const auto fields = r.error_fields();
  auto has = [&](const std::string& e) { return std::find(fields.begin(), fields.end(), e) != fields.end(); };
  CHECK(has("admitted_at:admitted_too_early"));
  CHECK(has("diagnoses.principal:sex_mismatch"));
  CHECK(has("referral.provider_name:required"));
  CHECK(has("referral.department_code:required"));
  CHECK(has("referral.municipality_code:required"));
  CHECK(f.count("SELECT COUNT(*) FROM notifications") == 0);

  auto future = f.post(kUrl, notification_body("B2", "2026-03-02T15:30:00Z"), f.provider_admin());
  CHECK(future.status == 422);
  CHECK(future.error_fields() == std::vector<std::string>{"admitted_at:admitted_in_future"});

  // Exactly 24 h before is still accepted (inclusive).
  auto limit = f.post(kUrl, notification_body("B3", "2026-03-01T15:00:00Z"), f.provider_admin());
  CHECK(limit.status == 201);
}

TEST_CASE("URG-2: unknown and inconsistent affiliates are 422 naming the attention line") {
  UrgenciesFixture f;
  auto missing =
      f.post(kUrl,
             notification_body("C1", kAdmitted,
                               {{"affiliate", R"({"document_type":"CC","document_number":"1999999999"})"}}),
             f.provider_admin());
  REQUIRE(missing.status == 422);
  CHECK(missing.error_fields() == std::vector<std::string>{"affiliate:affiliate_not_found"});
  CHECK(std::string{missing.json["errors"][0]["message"].GetString()}.find("01 8000 116882") !=
        std::string::npos);

  auto inconsistent =
      f.post(kUrl,
             notification_body("C2", kAdmitted,
                               {{"affiliate", R"({"document_type":"CC","document_number":"1000000003"})"}}),
             f.provider_admin());
  REQUIRE(inconsistent.status == 422);
  CHECK(inconsistent.error_fields() == std::vector<std::string>{"affiliate:affiliate_inconsistent"});

  // A newborn "hijo de" that is not registered under the mother's document.
  auto no_child = f.post(
      kUrl,
      notification_body(
          "C3", kAdmitted,
          {{"affiliate", R"({"document_type":"CC","document_number":"1000000001","child_number":9})"}}),
      f.provider_admin());
  CHECK(no_child.status == 422);
  CHECK(no_child.error_fields() == std::vector<std::string>{"affiliate:affiliate_not_found"});
  CHECK(f.count("SELECT COUNT(*) FROM notifications") == 0);
}

TEST_CASE("URG-2: a newborn 'hijo de' is accepted with diagnoses checked for existence only, and a warning") {
  UrgenciesFixture f;
  auto r =
      f.post(kUrl,
             notification_body(
                 "N1", kAdmitted,
                 {{"affiliate", R"({"document_type":"CC","document_number":"1000000001","child_number":1})"},
                  {"diagnoses", R"({"principal":"O800","related":["P220"]})"}}),
             f.provider_admin());
  REQUIRE(r.status == 201);
  CHECK(r.json["affiliate"]["child_number"].GetInt() == 1);
  CHECK(std::string{r.json["affiliate"]["document_number"].GetString()} == "1000000001");
  REQUIRE(r.json["warnings"].GetArray().Size() == 2);  // and res3047_body_mapped (issue 11)
  CHECK(std::string{r.json["warnings"][0]["code"].GetString()} == "newborn_diagnoses_not_checked");
}

TEST_CASE("affiliates down: 503 upstream_unavailable and nothing stored") {
  UrgenciesFixture f;
  f.stop_affiliates();
  auto r = f.post(kUrl, notification_body("D1", kAdmitted), f.provider_admin());
  CHECK(r.status == 503);
  CHECK(r.str("code") == "upstream_unavailable");
  CHECK(f.count("SELECT COUNT(*) FROM notifications") == 0);
}

TEST_CASE("access: module permission, roles, scopes; another provider's notification is 404") {
  UrgenciesFixture f;
  auto created = f.post(kUrl, notification_body("E1", kAdmitted), f.provider_admin());
  REQUIRE(created.status == 201);
  const auto location = created.header("Location");

  SECTION("a delegate without the urgencies module gets 403, with it 201") {
    CHECK(f.post(kUrl, notification_body("E2", kAdmitted), f.delegate({"payments"})).status == 403);
    CHECK(f.get(kUrl, f.delegate({"payments"})).status == 403);
    CHECK(f.post(kUrl, notification_body("E2", kAdmitted), f.delegate({"urgencies"})).status == 201);
  }
  SECTION("another provider's user: its list is empty and the id is 404") {
    const auto other = f.provider_admin(kOtherProvider, "080010000201");
    CHECK(f.get(location, other).status == 404);
    CHECK(f.get(location + "/annex2.pdf", other).status == 404);
    auto list = f.get(kUrl, other);
    CHECK(list.status == 200);
    CHECK(list.json["total"].GetInt64() == 0);
  }
  SECTION("no token → 401") { CHECK(f.get(location, "").status == 401); }
  SECTION("auditor reads every provider's but cannot file") {
    CHECK(f.get(location, f.employee("auditor")).status == 200);
    CHECK(f.post(kUrl, notification_body("E3", kAdmitted), f.employee("auditor")).status == 403);
    CHECK(f.get(location, f.employee("finance")).status == 403);
  }
  SECTION("an agent names the provider and branch") {
    const auto agent = f.employee("agent");
    auto missing = f.post(kUrl, notification_body("E4", kAdmitted), agent);
    CHECK(missing.status == 422);
    CHECK(missing.error_fields() ==
          std::vector<std::string>{"provider_nit:required", "habilitation_code:required"});
    auto unknown_branch = f.post(
        kUrl,
        notification_body("E4", kAdmitted,
                          {{"provider_nit", R"("900000002")"}, {"habilitation_code", R"("080010000101")"}}),
        agent);
    CHECK(unknown_branch.error_fields() == std::vector<std::string>{"habilitation_code:unknown_branch"});
    auto unknown_provider = f.post(
        kUrl,
        notification_body("E4", kAdmitted,
                          {{"provider_nit", R"("123456789")"}, {"habilitation_code", R"("080010000101")"}}),
        agent);
    CHECK(unknown_provider.error_fields() == std::vector<std::string>{"provider_nit:unknown_provider"});
    auto ok = f.post(
        kUrl,
        notification_body("E4", kAdmitted,
                          {{"provider_nit", R"("900000002")"}, {"habilitation_code", R"("080010000201")"}}),
        agent);
    REQUIRE(ok.status == 201);
    CHECK(std::string{ok.json["provider"]["name"].GetString()} == "Clínica Ejemplo del Caribe");
    CHECK(f.get(location, agent).status == 200);
  }
  SECTION("a provider's integrator with scope urgencies files for its provider") {
    auto r = f.post(kUrl, notification_body("E5", kAdmitted, {{"habilitation_code", R"("130010000102")"}}),
                    f.client({"urgencies"}));
    REQUIRE(r.status == 201);
    CHECK(std::string{r.json["provider"]["habilitation_code"].GetString()} == "130010000102");
    CHECK(f.post(kUrl, notification_body("E6", kAdmitted), f.client({"affiliates:write"})).status == 403);
  }
}

TEST_CASE("URG-3: the list defaults to today (Bogotá), filters, pages, and answers 304 to a known ETag") {
  UrgenciesFixture f("2026-03-01T15:00:00Z");
  REQUIRE(f.post(kUrl, notification_body("1", "2026-03-01T14:00:00Z"), f.provider_admin()).status == 201);
  f.clock.set(*parse_rfc3339("2026-03-02T15:00:00Z"));
  const auto token = f.provider_admin();  // issued at the new time
  REQUIRE(f.post(kUrl, notification_body("1", kAdmitted), token).status == 201);
  REQUIRE(f.post(kUrl,
                 notification_body("2", kAdmitted,
                                   {{"affiliate", R"({"document_type":"TI","document_number":"1000000004"})"},
                                    {"destination", R"("home")"},
                                    {"diagnoses", R"({"principal":"S525","related":[]})"}}),
                 token)
              .status == 201);
  f.clock.advance(std::chrono::minutes(1));
  REQUIRE(f.post(kUrl,
                 notification_body(
                     "3", kAdmitted,
                     {{"affiliate",
                       R"({"document_type":"CC","document_number":"1000000001","child_number":1})"}}),
                 token)
              .status == 201);

  auto numbers = [](const HttpResult& r) {
    std::vector<std::string> out;
    for (const auto& item : r.json["items"].GetArray())
      out.emplace_back(item["attention_number"].GetString());
    return out;
  };
  auto today = f.get(kUrl, token);
  REQUIRE(today.status == 200);
  CHECK(today.json["total"].GetInt64() == 3);
  CHECK(numbers(today) == std::vector<std::string>{"3", "2", "1"});  // notified_at DESC, id DESC
  CHECK(today.json["page"].GetInt() == 1);
  CHECK(today.json["per_page"].GetInt() == 20);

  auto range = f.get(std::string{kUrl} + "?date_from=2026-03-01&date_to=2026-03-02", token);
  CHECK(range.json["total"].GetInt64() == 4);
  auto yesterday = f.get(std::string{kUrl} + "?attention_number=1&notified_on=2026-03-01", token);
  CHECK(yesterday.json["total"].GetInt64() == 1);
  CHECK(std::string{yesterday.json["items"][0]["notified_day"].GetString()} == "2026-03-01");
  auto by_document = f.get(std::string{kUrl} + "?document_type=TI&document_number=1000000004", token);
  CHECK(numbers(by_document) == std::vector<std::string>{"2"});
  auto by_diagnosis = f.get(std::string{kUrl} + "?principal_diagnosis=s52.5", token);
  CHECK(numbers(by_diagnosis) == std::vector<std::string>{"2"});
  auto by_destination = f.get(std::string{kUrl} + "?destination=home", token);
  CHECK(numbers(by_destination) == std::vector<std::string>{"2"});
  auto newborns = f.get(std::string{kUrl} + "?newborn=true", token);
  CHECK(numbers(newborns) == std::vector<std::string>{"3"});
  auto location = f.get(std::string{kUrl} + "?municipality_code=13001", token);
  CHECK(numbers(location) == std::vector<std::string>{"2"});
  auto department = f.get(std::string{kUrl} + "?department_code=08", token);
  CHECK(numbers(department) == std::vector<std::string>{"3", "1"});
  auto by_provider = f.get(std::string{kUrl} + "?provider_nit=900000002", f.employee("agent"));
  CHECK(by_provider.json["total"].GetInt64() == 0);

  auto page2 = f.get(std::string{kUrl} + "?per_page=2&page=2", token);
  CHECK(page2.json["total"].GetInt64() == 3);
  CHECK(numbers(page2) == std::vector<std::string>{"1"});

  auto bad = f.get(std::string{kUrl} + "?date_from=2026-02-30&destination=moon", token);
  CHECK(bad.status == 422);
  CHECK(bad.error_fields().size() == 2);

  const auto etag = today.header("ETag");
  REQUIRE(!etag.empty());
  auto not_modified = f.get(kUrl, token, {{"If-None-Match", etag}});
  CHECK(not_modified.status == 304);
  REQUIRE(f.post(kUrl, notification_body("4", kAdmitted), token).status == 201);
  CHECK(f.get(kUrl, token, {{"If-None-Match", etag}}).status == 200);
}

TEST_CASE("Idempotency-Key: a retry returns the first answer and stores one row; another body is 409") {
  UrgenciesFixture f;
  const auto token = f.provider_admin();
  const auto body = notification_body("I1", kAdmitted);
  auto first = f.post(kUrl, body, token, {{"Idempotency-Key", "retry-1"}});
  REQUIRE(first.status == 201);
  auto retry = f.post(kUrl, body, token, {{"Idempotency-Key", "retry-1"}});
  CHECK(retry.status == 201);
  CHECK(retry.body == first.body);
  CHECK(retry.header("Location") == first.header("Location"));
  CHECK(f.count("SELECT COUNT(*) FROM notifications") == 1);

  auto other = f.post(kUrl, notification_body("I2", kAdmitted), token, {{"Idempotency-Key", "retry-1"}});
  CHECK(other.status == 409);
  CHECK(f.count("SELECT COUNT(*) FROM notifications") == 1);
}

TEST_CASE("notifications survive a restart on the same database file") {
  UrgenciesFixture f;
  const auto token = f.provider_admin();
  auto r = f.post(kUrl, notification_body("R1", kAdmitted), token);
  REQUIRE(r.status == 201);
  f.restart();
  auto read = f.get(r.header("Location"), token);
  CHECK(read.status == 200);
  CHECK(read.body == r.body);
  // The uniqueness survives too.
  CHECK(f.post(kUrl, notification_body("R1", kAdmitted), token).status == 409);
}

TEST_CASE("metrics count notifications by outcome") {
  UrgenciesFixture f;
  REQUIRE(f.post(kUrl, notification_body("M1", kAdmitted), f.provider_admin()).status == 201);
  REQUIRE(f.post(kUrl, notification_body("M1", kAdmitted), f.provider_admin()).status == 409);
  auto m = f.get("/metrics", "");
  CHECK(m.status == 200);
  CHECK(m.body.find("urgency_notifications_total{service=\"urgencies\",outcome=\"created\"} 1") !=
        std::string::npos);
  CHECK(m.body.find("urgency_notifications_total{service=\"urgencies\",outcome=\"duplicate\"} 1") !=
        std::string::npos);
  // Issue 10: the group commit's running totals are counters named *_total, not a gauge with a `total` label.
  CHECK(m.body.find("# TYPE urgency_group_commit_transactions_total counter") != std::string::npos);
  CHECK(m.body.find("# TYPE urgency_group_commit_jobs_total counter") != std::string::npos);
  CHECK(m.body.find("urgency_group_commit_jobs_total{service=\"urgencies\"} 1") != std::string::npos);
  CHECK(m.body.find("urgency_group_commit_transactions_total{service=\"urgencies\"} 1") != std::string::npos);
  CHECK(m.body.find("total=\"") == std::string::npos);
  CHECK(f.get("/healthz", "").status == 200);
  CHECK(f.get("/readyz", "").status == 200);
}

namespace {

// A real HTTP server standing where the affiliates service should be, answering badly.
class BrokenAffiliates {
 public:
  explicit BrokenAffiliates(std::function<void(httplib::Response&)> answer) {
    server_.Get("/api/v1/affiliates",
                [answer](const httplib::Request&, httplib::Response& res) { answer(res); });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ~BrokenAffiliates() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace

TEST_CASE("affiliates answering 5xx or too slowly: 503 upstream_unavailable and nothing stored") {
  SECTION("500") {
    BrokenAffiliates broken([](httplib::Response& res) {
      res.status = 500;
      res.set_content(R"({"status":500})", "application/json");
    });
    UrgenciesFixture f("2026-03-02T15:00:00Z", {{"PORTAL_AFFILIATES_URL", broken.url()}});
    auto r = f.post(kUrl, notification_body("U1", kAdmitted), f.provider_admin());
    CHECK(r.status == 503);
    CHECK(r.str("code") == "upstream_unavailable");
    CHECK(f.count("SELECT COUNT(*) FROM notifications") == 0);
  }
  SECTION("slower than the upstream timeout") {
    BrokenAffiliates slow([](httplib::Response& res) {
      std::this_thread::sleep_for(std::chrono::milliseconds(600));
      res.set_content("{}", "application/json");
    });
    UrgenciesFixture f("2026-03-02T15:00:00Z", {{"PORTAL_AFFILIATES_URL", slow.url()},
                                                {"PORTAL_URGENCIES_UPSTREAM_TIMEOUT_MS", "200"}});
    auto r = f.post(kUrl, notification_body("U2", kAdmitted), f.provider_admin());
    CHECK(r.status == 503);
    CHECK(f.count("SELECT COUNT(*) FROM notifications") == 0);
  }
}

TEST_CASE("bad input gets a 4xx problem, never a 500, and stores nothing") {
  UrgenciesFixture f;
  const auto token = f.provider_admin();
  struct Row {
    const char* name;
    std::string body;
    int status;
  };
  for (const auto& row : {
           Row{"an array", "[]", 400},  // read_json_body: the body must be a JSON object
           Row{"a string", R"("x")", 400},
           Row{"an empty object", "{}", 422},
           Row{"malformed JSON", R"({"attention_number": )", 400},
           Row{"a 5,000-character attention number",
               notification_body("A1", kAdmitted,
                                 {{"attention_number", "\"" + std::string(5000, '9') + "\""}}),
               422},
           Row{"triage as text", notification_body("A2", kAdmitted, {{"triage", R"("III")"}}), 422},
           Row{"diagnoses as a string", notification_body("A3", kAdmitted, {{"diagnoses", R"("R104")"}}),
               422},
           Row{"admitted_at without a zone",
               notification_body("A4", kAdmitted, {{"admitted_at", R"("2026-03-02 08:00")"}}), 422},
       }) {
    CAPTURE(row.name);
    auto r = f.post(kUrl, row.body, token);
    INFO(r.body.substr(0, 400));
    CHECK(r.status == row.status);
    CHECK(r.header("Content-Type").find("application/problem+json") == 0);
    CHECK(r.body.find("SQL") == std::string::npos);
  }
  auto text = f.post(kUrl, notification_body("A5", kAdmitted), token, {{"Content-Type", "text/plain"}});
  CHECK(text.status == 415);
  // Issue 10: a malformed id is 400 naming it (api/openapi.yaml: integer, minimum 1), not a missing one.
  CHECK(f.get(std::string(kUrl) + "/abc", token).status == 400);
  CHECK(f.get(std::string(kUrl) + "/99999999999999999999999", token).status == 400);
  CHECK(f.get(std::string(kUrl) + "/99999999", token).status == 404);
  CHECK(f.get(std::string(kUrl) + "?per_page=100000", token).status == 422);
  CHECK(f.get(std::string(kUrl) + "?date_from=" + std::string(3000, '2'), token).status == 422);
  CHECK(f.count("SELECT count(*) FROM notifications") == 0);
}

// Issue 8 item 6: with the database's storage full (or its server refusing writes) a create answers 503
// problem+json with Retry-After, stores nothing, /readyz turns not ready and storage_errors_total counts it;
// once space returns the service is ready and accepts writes again, without a restart.
TEST_CASE("URG-1 on a full disk: 503 with Retry-After, not ready, nothing stored, recovery without restart") {
  UrgenciesFixture f;
  const auto token = f.provider_admin();
  REQUIRE(f.post(kUrl, notification_body("F1", kAdmitted), token).status == 201);
  REQUIRE(f.get("/readyz", "").status == 200);

  f.scratch().set_disk_full(true);
  const auto full = f.post(kUrl, notification_body("F2", kAdmitted), token);
  INFO(full.body);
  CHECK(full.status == 503);
  CHECK(full.content_type == "application/problem+json");
  CHECK(full.str("code") == "storage_unavailable");
  CHECK(full.header("Retry-After") == "5");
  CHECK(full.body.find("SQL") == std::string::npos);  // no driver text leaks
  CHECK(full.body.find("disk") == std::string::npos);
  CHECK(f.get("/readyz", "").status == 503);
  CHECK(f.get(kUrl, token).status == 200);  // reads still answer
  CHECK(f.count("SELECT COUNT(*) FROM notifications") == 1);
  CHECK(
      f.get("/metrics", "").body.find(R"(storage_errors_total{kind="unavailable",service="urgencies"} 1)") !=
      std::string::npos);

  f.scratch().set_disk_full(false);
  CHECK(f.get("/readyz", "").status == 200);
  CHECK(f.post(kUrl, notification_body("F2", kAdmitted), token).status == 201);
  CHECK(f.count("SELECT COUNT(*) FROM notifications") == 2);
}

// Issue 8: text a database cannot hold is bad input on both backends (PostgreSQL refuses NUL in text):
// 422 naming the field, nothing stored, never a 500.
TEST_CASE("URG-1: a NUL character in a text field is 422 naming it, on both backends") {
  UrgenciesFixture f;
  const auto r =
      f.post(kUrl, notification_body("N1", kAdmitted, {{"consultation_reason", R"("Dolor\u0000abdominal")"}}),
             f.provider_admin());
  INFO(r.body);
  CHECK(r.status == 422);
  CHECK(r.error_fields() == std::vector<std::string>{"consultation_reason:invalid_characters"});
  CHECK(f.count("SELECT COUNT(*) FROM notifications") == 0);
}

TEST_CASE("SPEC §1 audit: a notification commits with its record; EPS admins read it, providers cannot") {
  UrgenciesFixture f;
  auto r = f.post(kUrl, notification_body("AUD1", kAdmitted), f.provider_admin(),
                  {{"X-Request-Id", "req-audit-urgency-1"}});
  REQUIRE(r.status == 201);
  const auto id = std::to_string(r.json["id"].GetInt64());
  // A refused notification leaves no record.
  CHECK(f.post(kUrl, notification_body("AUD2", kAdmitted, {{"triage", "9"}}), f.provider_admin()).status ==
        422);
  auto trail = f.get("/api/v1/audit?action=urgency_created", f.employee("admin"));
  INFO(trail.body);
  REQUIRE(trail.status == 200);
  REQUIRE(trail.json["total"].GetInt64() == 1);
  const auto& e = trail.json["items"][0];
  CHECK(std::string{e["service"].GetString()} == "urgencies");
  CHECK(std::string{e["resource_type"].GetString()} == "urgency");
  CHECK(std::string{e["resource_id"].GetString()} == id);
  CHECK(std::string{e["user_type"].GetString()} == "provider");
  CHECK(std::string{e["provider_nit"].GetString()} == kProvider);
  CHECK(std::string{e["request_id"].GetString()} == "req-audit-urgency-1");
  CHECK(std::string{e["subject"].GetString()}.rfind("user:", 0) == 0);
  CHECK(std::string{e["summary"]["attention_number"].GetString()} == "AUD1");
  CHECK(std::string{e["at"].GetString()} == "2026-03-02T15:00:00Z");
  // Filters, and who may read it.
  CHECK(f.get("/api/v1/audit?resource_type=urgency&resource_id=" + id, f.employee("admin"))
            .json["total"]
            .GetInt64() == 1);
  CHECK(f.get("/api/v1/audit?from=2026-03-03", f.employee("admin")).json["total"].GetInt64() == 0);
  CHECK(f.get("/api/v1/audit?to=2026-03-02", f.employee("admin")).json["total"].GetInt64() == 1);
  CHECK(f.get("/api/v1/audit", f.provider_admin()).status == 403);
  CHECK(f.get("/api/v1/audit", f.employee("auditor")).status == 403);
  auto bad = f.get("/api/v1/audit?from=ayer&per_page=5000", f.employee("admin"));
  CHECK(bad.status == 422);
  CHECK(bad.error_fields() == std::vector<std::string>{"from:invalid_format", "per_page:out_of_range"});
  // The API offers no way to change or delete a record.
  CHECK(f.request("DELETE", "/api/v1/audit", "", f.employee("admin")).status == 405);
}
