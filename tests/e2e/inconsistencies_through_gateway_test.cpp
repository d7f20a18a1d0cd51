// Issue 17 "Tests that fail without the feature": auth, affiliates, inconsistencies and the gateway as real
// processes. The demo provider's admin files an inconsistency report with a scan of the identity document
// (multipart, through the gateway); the demo auditor processes it as processed_pre_affiliated, which makes
// portal-inconsistencies create the affiliate with its own service token; a lookup through the gateway then
// finds the person. A provider cannot process (403), another provider cannot see the report (404), and a
// refused upload is 422. Every answer is checked against api/openapi.yaml by the suite.
#include <catch2/catch.hpp>
#include <string>

#include "e2e_suite.hpp"
#include "sample_files.hpp"
#include "support/json_fields.hpp"

using namespace portal;
using namespace portal::e2e;

namespace {

constexpr const char* kBoundary = "e2e-inconsistency-boundary-0123";

std::string upload_body(const std::string& document, const std::string& file, const std::string& file_name) {
  const std::string report =
      R"({"affiliate":{"document_type":"CC","document_number":")" + document +
      R"("},"document_data":{"first_surname":"Peñaranda","second_surname":"Díaz","first_name":"Sofía",)"
      R"("document_type":"CC","document_number":")" +
      document +
      R"(","birth_date":"1994-08-21"},"contact":{"address":"Calle 1 # 2-3","municipality_code":"13001",)"
      R"("email":"sofia@example.com","emergency_contact_name":"Ana Díaz","emergency_contact_phone":"3001112233"},)"
      R"("reporter":{"document_number":"1001001001","name":"María Gómez","phone":"6053601000","position":"Coordinadora"}})";
  std::string body =
      std::string("--") + kBoundary +
      "\r\nContent-Disposition: form-data; name=\"report\"\r\nContent-Type: application/json\r\n\r\n" +
      report + "\r\n--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"" +
      file_name + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + file + "\r\n--" + kBoundary +
      "--\r\n";
  return body;
}

test::HttpResponse upload(Suite& s, const std::string& token, const std::string& body) {
  test::HttpRequest r;
  r.method = "POST";
  r.path = "/api/v1/inconsistency-reports";
  r.headers = test::bearer(token);
  r.body = body;
  r.content_type = std::string("multipart/form-data; boundary=") + kBoundary;
  return s.gateway().send(r);
}

}  // namespace

TEST_CASE("a provider files an inconsistency report with a scan; the auditor's processing fixes the registry",
          "[e2e][inconsistencies]") {
  auto& s = Suite::get();
  const std::string document = "7" + std::to_string(now_unix() % 1000000000);
  const auto provider = s.provider_tokens(kDemoNit, "admin").access;
  const auto scan = inconsistencies::testing::tiny_png();

  auto refused =
      upload(s, provider, upload_body(document, inconsistencies::testing::html_page(), "cedula.png"));
  CHECK(refused.status == 422);
  CHECK(refused.body.find("unsupported_type") != std::string::npos);

  auto filed = upload(s, provider, upload_body(document, scan, "cedula.pdf"));
  INFO(filed.body);
  REQUIRE(filed.status == 201);
  CHECK(test::json_string(filed.body, "/type") == std::optional<std::string>("not_in_database"));
  CHECK(test::json_string(filed.body, "/attachment/type") == std::optional<std::string>("png"));
  const auto id = std::to_string(test::json_int(filed.body, "/id").value_or(0));

  auto download =
      s.gateway().get("/api/v1/inconsistency-reports/" + id + "/attachment", test::bearer(provider));
  REQUIRE(download.status == 200);
  CHECK(download.body == scan);
  CHECK(download.header("Content-Type").value_or("").find("image/png") != std::string::npos);
  CHECK(download.header("Content-Disposition").value_or("").rfind("attachment", 0) == 0);

  const auto other = s.provider_tokens(kOtherNit, "admin2").access;
  CHECK(s.gateway().get("/api/v1/inconsistency-reports/" + id, test::bearer(other)).status == 404);

  const std::string step =
      R"({"status":"processed_pre_affiliated","affiliate":{"sex":"F","regime":"subsidized"}})";
  CHECK(s.gateway()
            .post_json("/api/v1/inconsistency-reports/" + id + "/processing", step, test::bearer(provider))
            .status == 403);
  const std::string lookup = "/api/v1/affiliates?document_type=CC&document_number=" + document;
  CHECK(s.gateway().get(lookup, test::bearer(provider)).status == 404);

  const auto auditor = s.employee_tokens("auditor").access;
  auto processed = s.gateway().post_json("/api/v1/inconsistency-reports/" + id + "/processing", step,
                                         test::bearer(auditor));
  INFO(processed.body);
  REQUIRE(processed.status == 200);
  CHECK(test::json_string(processed.body, "/status") ==
        std::optional<std::string>("processed_pre_affiliated"));
  CHECK(test::json_string(processed.body, "/processing/0/registry_action") ==
        std::optional<std::string>("affiliate_created"));

  auto found = s.gateway().get(lookup, test::bearer(provider));
  INFO(found.body);
  REQUIRE(found.status == 200);
  CHECK(test::json_string(found.body, "/first_name") == std::optional<std::string>("Sofía"));
  CHECK(test::json_string(found.body, "/first_surname") == std::optional<std::string>("Peñaranda"));

  auto listed = s.gateway().get("/api/v1/inconsistency-reports?number=" + id, test::bearer(provider));
  REQUIRE(listed.status == 200);
  CHECK(test::json_int(listed.body, "/total") == 1);
  auto pdf = s.gateway().get("/api/v1/inconsistency-reports/" + id + "/report.pdf", test::bearer(provider));
  CHECK(pdf.status == 200);
  CHECK(pdf.body.rfind("%PDF-", 0) == 0);
}
