// Issue 4 "Tests that fail without the feature": auth, affiliates, urgencies and the gateway as real
// processes. A provider user notifies an emergency (URG-1) and gets it back; URG-2 answers 409 on a
// duplicate number and 422 on a pregnancy diagnosis for a man, an admission 25 h ago and one in the
// future; another provider reads it as 404; the Anexo 2 PDF (URG-4) passes `qpdf --check` and its text
// holds the patient's accented name and the diagnosis code; an Idempotency-Key retry creates one record;
// with affiliates stopped the answer is 503 and nothing is stored. Every response is checked against
// api/openapi.yaml by the suite.
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "e2e_suite.hpp"
#include "portal/core/clock.hpp"
#include "support/json_fields.hpp"
#include "support/process.hpp"

using namespace portal;
using namespace portal::e2e;
using namespace std::chrono_literals;

namespace {

const std::string kUrgencies = "/api/v1/urgencies";

std::optional<std::string> code_of(const test::HttpResponse& r) { return test::json_string(r.body, "/code"); }

std::string iso(std::chrono::system_clock::duration offset) {
  const auto t =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now() + offset);
  return core::to_rfc3339(core::Instant{t.time_since_epoch()});
}

// A number no earlier run of this binary used today (the number is unique per provider per day).
std::string fresh_attention_number(const char* tag) {
  static int counter = 0;
  return std::string(tag) + std::to_string(now_unix() % 1000000) + std::to_string(++counter);
}

struct Body {
  std::string attention_number;
  std::string document_number = "1000000002";  // Carlos Andrés Martínez Ríos, 45, suspended: still accepted
  std::string admitted_at = iso(-2h);
  std::string principal = "R104";  // Otros dolores abdominales y los no especificados
  std::string json() const {
    return R"({"attention_number":")" + attention_number +
           R"(","affiliate":{"document_type":"CC","document_number":")" + document_number +
           R"("},"attention_origin":"general_illness","triage":3,"referral":{"is_referred":false},"admitted_at":")" +
           admitted_at +
           R"(","consultation_reason":"Dolor abdominal de 6 horas de evolución","destination":"observation",)" +
           R"("diagnoses":{"principal":")" + principal + R"(","related":["R11X"]}})";
  }
};

bool error_names(const test::HttpResponse& r, const std::string& field) {
  return r.body.find("\"field\":\"" + field + "\"") != std::string::npos;
}

// Runs a command, returns its exit status and what it printed.
int run(const std::string& command, std::string& output) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen((command + " 2>&1").c_str(), "r"), pclose);
  if (!pipe) return -1;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe.get())) output.append(buffer, n);
  const int status = pclose(pipe.release());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("a provider user notifies an emergency through the gateway; a duplicate number is 409",
          "[e2e][urgencies]") {
  auto& s = Suite::get();
  const auto token = s.provider_tokens(kDemoNit, "admin").access;
  Body body;
  body.attention_number = fresh_attention_number("A");

  auto created = s.gateway().post_json(kUrgencies, body.json(), test::bearer(token));
  INFO(created.body);
  REQUIRE(created.status == 201);
  const auto location = created.header("Location");
  REQUIRE(location.has_value());
  CHECK(test::json_string(created.body, "/attention_number") == body.attention_number);
  CHECK(test::json_string(created.body, "/provider/nit") == std::optional<std::string>(kDemoNit));
  CHECK(test::json_string(created.body, "/notified_at").has_value());
  CHECK(test::json_string(created.body, "/diagnoses/principal") == std::optional<std::string>("R104"));

  auto detail = s.gateway().get(*location, test::bearer(token));
  INFO(detail.body);
  CHECK(detail.status == 200);
  CHECK(test::json_int(detail.body, "/id") == test::json_int(created.body, "/id"));

  auto list = s.gateway().get(kUrgencies + "?attention_number=" + body.attention_number, test::bearer(token));
  INFO(list.body);
  CHECK(list.status == 200);
  CHECK(test::json_int(list.body, "/total") == std::optional<long long>(1));

  Body again = body;
  again.document_number = "1000000007";
  auto duplicate = s.gateway().post_json(kUrgencies, again.json(), test::bearer(token));
  INFO(duplicate.body);
  CHECK(duplicate.status == 409);
  CHECK(duplicate.is_problem());
  CHECK(code_of(duplicate) == std::optional<std::string>("duplicate_attention_number"));

  SECTION("another provider's user gets 404 for it") {
    const auto other = s.provider_tokens(kOtherNit, "admin2").access;
    auto r = s.gateway().get(*location, test::bearer(other));
    INFO(r.body);
    CHECK(r.status == 404);
    CHECK(r.is_problem());
    CHECK(s.gateway().get(*location + "/annex2.pdf", test::bearer(other)).status == 404);
  }
  SECTION("a delegate without the urgencies module gets 403") {
    const auto delegate = s.provider_tokens(kDemoNit, "delegate").access;
    const auto payments_only = s.reissue_with_permissions(delegate, {"payments"});
    auto r = s.gateway().post_json(kUrgencies, Body{fresh_attention_number("D")}.json(),
                                   test::bearer(payments_only));
    INFO(r.body);
    CHECK(r.status == 403);
    CHECK(s.gateway().get(kUrgencies, test::bearer(payments_only)).status == 403);
  }
  SECTION("annex2.pdf (alias of report.pdf) is valid and holds the accented name and the diagnosis") {
    // Issue 11: filed today, after 1 April 2026, so the document in force is the Res. 2335 report.
    auto pdf = s.gateway().get(*location + "/annex2.pdf", test::bearer(token));
    REQUIRE(pdf.status == 200);
    CHECK(pdf.header("Content-Type").value_or("").find("application/pdf") == 0);
    CHECK(pdf.header("Content-Disposition").value_or("").find("InformeUrgencias-" + body.attention_number) !=
          std::string::npos);
    REQUIRE(pdf.body.rfind("%PDF-", 0) == 0);
    test::TempDir dir("portal-e2e-pdf");
    const std::string file = dir.str() + "/annex2.pdf";
    std::ofstream(file, std::ios::binary) << pdf.body;
    std::string check;
    INFO(check);
    CHECK(run("qpdf --check '" + file + "'", check) == 0);
    std::string text;
    REQUIRE(run("pdftotext -layout '" + file + "' -", text) == 0);
    INFO(text);
    CHECK(text.find("Martínez") != std::string::npos);
    CHECK(text.find("Andrés") != std::string::npos);
    CHECK(text.find("R104") != std::string::npos);
    CHECK(text.find(body.attention_number) != std::string::npos);
  }
}

// A Res. 2335 body (issue 11) for the demo affiliate CC 1000000001 (María Fernanda Gómez Pérez).
static std::string res2335_body(const std::string& attention_number) {
  return R"({"attention_number":")" + attention_number +
         R"(","affiliate":{"document_type":"CC","document_number":"1000000001"},"care_cause":"28","triage":2,)"
         R"("referral":{"is_referred":true,"provider_name":"Hospital Local de Soledad","habilitation_code":"087580000101",)"
         R"("department_code":"08","municipality_code":"08758"},"admitted_at":")" +
         iso(-1h) +
         R"(","admission_route":"13","care_address":"Calle 30 # 12-40, Soledad, donde su tía Ángela",)"
         R"("consultation_reason":"Herida en antebrazo por agresión","condition_destination":"03",)"
         R"("diagnoses":{"principal":"S518","related":[]}})";
}

TEST_CASE("issue 11: a notification filed today through the gateway produces the Res. 2335 report",
          "[e2e][urgencies]") {
  auto& s = Suite::get();
  const auto token = s.provider_tokens(kDemoNit, "admin").access;
  const auto number = fresh_attention_number("R");
  auto created = s.gateway().post_json(kUrgencies, res2335_body(number), test::bearer(token));
  INFO(created.body);
  REQUIRE(created.status == 201);
  CHECK(test::json_string(created.body, "/format_in_force") == std::optional<std::string>("res2335"));
  CHECK(test::json_string(created.body, "/care_cause") == std::optional<std::string>("28"));
  const auto location = created.header("Location");
  REQUIRE(location.has_value());

  auto pdf = s.gateway().get(*location + "/report.pdf", test::bearer(token));
  REQUIRE(pdf.status == 200);
  CHECK(pdf.header("Content-Disposition").value_or("").find("InformeUrgencias-" + number) !=
        std::string::npos);
  test::TempDir dir("portal-e2e-report");
  const std::string file = dir.str() + "/report.pdf";
  std::ofstream(file, std::ios::binary) << pdf.body;
  std::string check;
  CHECK(run("qpdf --check '" + file + "'", check) == 0);
  std::string text;
  REQUIRE(run("pdftotext -layout '" + file + "' -", text) == 0);
  INFO(text);
  CHECK(text.find("INFORME DE LA ATENCIÓN DE URGENCIAS") != std::string::npos);
  CHECK(text.find("Resolución 2335 de 2023") != std::string::npos);
  CHECK(text.find("23. Causa que motiva la atención") != std::string::npos);
  CHECK(text.find("28 - Lesión por agresión") != std::string::npos);
  CHECK(text.find("26. Vía de ingreso al servicio de salud") != std::string::npos);
  CHECK(text.find("13 - Referido de otra institución") != std::string::npos);
  CHECK(text.find("27. Código del prestador que remite") != std::string::npos);
  CHECK(text.find("087580000101") != std::string::npos);
  CHECK(text.find("donde su tía Ángela") != std::string::npos);
  CHECK(text.find("Gómez") != std::string::npos);

  auto matrix =
      s.gateway().get(*location, test::bearer(token, {{"Accept", "application/vnd.portal.res2335+json"}}));
  INFO(matrix.body);
  REQUIRE(matrix.status == 200);
  CHECK(matrix.header("Content-Type").value_or("").find("application/vnd.portal.res2335+json") == 0);
  CHECK(test::json_string(matrix.body, "/fields/23") == std::optional<std::string>("28"));
  CHECK(test::json_string(matrix.body, "/fields/27") == std::optional<std::string>("087580000101"));
  CHECK(matrix.body.find("\"19\"") == std::string::npos);  // not a procedure-2 field
}

TEST_CASE("URG-2 rejections through the gateway name the field", "[e2e][urgencies]") {
  auto& s = Suite::get();
  const auto token = s.provider_tokens(kDemoNit, "admin").access;

  SECTION("a pregnancy diagnosis for a man is 422 naming the diagnosis") {
    Body b{fresh_attention_number("P")};
    b.principal = "O800";
    auto r = s.gateway().post_json(kUrgencies, b.json(), test::bearer(token));
    INFO(r.body);
    CHECK(r.status == 422);
    CHECK(r.is_problem());
    CHECK(error_names(r, "diagnoses.principal"));
    CHECK(r.body.find("O800") != std::string::npos);
  }
  SECTION("an admission 25 hours ago is 422 on admitted_at") {
    Body b{fresh_attention_number("E")};
    b.admitted_at = iso(-25h);
    auto r = s.gateway().post_json(kUrgencies, b.json(), test::bearer(token));
    INFO(r.body);
    CHECK(r.status == 422);
    CHECK(error_names(r, "admitted_at"));
  }
  SECTION("an admission in the future is 422 on admitted_at") {
    Body b{fresh_attention_number("F")};
    b.admitted_at = iso(2h);
    auto r = s.gateway().post_json(kUrgencies, b.json(), test::bearer(token));
    INFO(r.body);
    CHECK(r.status == 422);
    CHECK(error_names(r, "admitted_at"));
  }
  SECTION("not an affiliate: 422 naming the affiliate") {
    Body b{fresh_attention_number("N")};
    b.document_number = "999999999";
    auto r = s.gateway().post_json(kUrgencies, b.json(), test::bearer(token));
    INFO(r.body);
    CHECK(r.status == 422);
    CHECK(error_names(r, "affiliate"));
  }
  SECTION("malformed JSON is 400") {
    auto r = s.gateway().post_json(kUrgencies, R"({"attention_number": )", test::bearer(token));
    CHECK(r.status == 400);
    CHECK(r.is_problem());
  }
}

TEST_CASE("an Idempotency-Key retry returns the first answer and stores one record", "[e2e][urgencies]") {
  auto& s = Suite::get();
  const auto token = s.provider_tokens(kDemoNit, "admin").access;
  Body b{fresh_attention_number("I")};
  const std::string key = "e2e-urg-" + b.attention_number;
  auto first = s.gateway().post_json(kUrgencies, b.json(), test::bearer(token, {{"Idempotency-Key", key}}));
  INFO(first.body);
  REQUIRE(first.status == 201);
  auto retry = s.gateway().post_json(kUrgencies, b.json(), test::bearer(token, {{"Idempotency-Key", key}}));
  INFO(retry.body);
  CHECK(retry.status == 201);
  CHECK(test::json_int(retry.body, "/id") == test::json_int(first.body, "/id"));
  CHECK(retry.header("Location") == first.header("Location"));

  Body other = b;
  other.principal = "R101";
  auto reused =
      s.gateway().post_json(kUrgencies, other.json(), test::bearer(token, {{"Idempotency-Key", key}}));
  INFO(reused.body);
  CHECK(reused.status == 409);

  auto list = s.gateway().get(kUrgencies + "?attention_number=" + b.attention_number, test::bearer(token));
  CHECK(test::json_int(list.body, "/total") == std::optional<long long>(1));
}

TEST_CASE("affiliates stopped: 503 and nothing stored; back again: 201", "[e2e][urgencies][upstream]") {
  auto& s = Suite::get();
  const auto token = s.provider_tokens(kDemoNit, "admin").access;
  // An affiliate no other case asked urgencies about, so no cached answer can hide the outage.
  Body b{fresh_attention_number("U")};
  b.document_number = "1000000008";
  s.system().kill_affiliates();
  auto r = s.gateway().post_json(kUrgencies, b.json(), test::bearer(token));
  s.system().restart_affiliates();
  INFO(r.body);
  CHECK(r.status == 503);
  CHECK(r.is_problem());
  auto list = s.gateway().get(kUrgencies + "?attention_number=" + b.attention_number, test::bearer(token));
  CHECK(test::json_int(list.body, "/total") == std::optional<long long>(0));

  auto again = s.gateway().post_json(kUrgencies, b.json(), test::bearer(token));
  INFO(again.body);
  CHECK(again.status == 201);
}
