// Issue 3 "Done when": e2e through the gateway with auth, affiliates and gateway as real processes —
// a provider user looks up an affiliate, a newborn "hijo de", a not-found and an inconsistent one
// (AFF-2); a search without the required names is 422 (AFF-3); a delegate without a permission that
// allows lookups gets 403; catalogs answer (issue 3 §1) and an agent files a contact-centre call
// validated against Tabla 4.1 (AFF-5). Every response is checked against api/openapi.yaml.
#include <catch2/catch.hpp>

#include "e2e_suite.hpp"
#include "forged_tokens.hpp"
#include "support/json_fields.hpp"

using namespace portal;
using namespace portal::e2e;

namespace {

const std::string kLookup = "/api/v1/affiliates?document_type=CC&document_number=";

std::optional<std::string> code_of(const test::HttpResponse& r) { return test::json_string(r.body, "/code"); }

}  // namespace

TEST_CASE("a provider user looks up affiliates through the gateway", "[e2e][affiliates]") {
  auto& s = Suite::get();
  const auto token = s.provider_tokens(kDemoNit, "admin").access;

  SECTION("an affiliate with two newborns \"hijo de\"") {
    auto r = s.gateway().get(kLookup + "1000000001", test::bearer(token));
    INFO(r.body);
    REQUIRE(r.status == 200);
    CHECK(test::json_string(r.body, "/document_number") == std::optional<std::string>("1000000001"));
    CHECK(test::json_array_size(r.body, "/newborns") == std::optional<std::size_t>(2));
  }
  SECTION("one newborn alone, by child number") {
    auto r = s.gateway().get(kLookup + "1000000001&child_number=1", test::bearer(token));
    INFO(r.body);
    REQUIRE(r.status == 200);
    CHECK(test::json_int(r.body, "/child_number") == std::optional<long long>(1));
    CHECK(test::json_string(r.body, "/newborn_of/document_number") == std::optional<std::string>("1000000001"));
  }
  SECTION("not an affiliate: 404 affiliate_not_found") {
    auto r = s.gateway().get(kLookup + "999999999", test::bearer(token));
    INFO(r.body);
    CHECK(r.status == 404);
    CHECK(r.is_problem());
    CHECK(code_of(r) == std::optional<std::string>("affiliate_not_found"));
  }
  SECTION("an inconsistent affiliate is returned, flagged") {
    auto r = s.gateway().get(kLookup + "1000000003", test::bearer(token));
    INFO(r.body);
    REQUIRE(r.status == 200);
    CHECK(test::json_string(r.body, "/data_quality") == std::optional<std::string>("inconsistent"));
  }
  SECTION("without a token the gateway answers 401") {
    CHECK(s.gateway().get(kLookup + "1000000001").status == 401);
  }
}

TEST_CASE("a search without the first surname is 422 naming first_surname", "[e2e][affiliates]") {
  auto& s = Suite::get();
  const auto token = s.provider_tokens(kDemoNit, "admin").access;
  auto r = s.gateway().get("/api/v1/affiliates/search?first_name=Maria", test::bearer(token));
  INFO(r.body);
  CHECK(r.status == 422);
  CHECK(r.is_problem());
  CHECK(r.body.find("first_surname") != std::string::npos);

  auto ok = s.gateway().get("/api/v1/affiliates/search?first_name=Maria&first_surname=Gomez", test::bearer(token));
  INFO(ok.body);
  CHECK(ok.status == 200);
}

TEST_CASE("a delegate whose permissions allow no lookup gets 403; the demo delegate gets 200",
          "[e2e][affiliates]") {
  auto& s = Suite::get();
  const auto delegate = s.provider_tokens(kDemoNit, "delegate").access;
  // The demo delegate has urgencies and authorizations: lookups allowed (docs/affiliates.md).
  CHECK(s.gateway().get(kLookup + "1000000001", test::bearer(delegate)).status == 200);

  const std::string payments_only = s.reissue_with_permissions(delegate, {"payments"});
  // Control: the token itself is valid at the gateway.
  REQUIRE(s.gateway().get("/api/v1/me", test::bearer(payments_only)).status == 200);

  auto r = s.gateway().get(kLookup + "1000000001", test::bearer(payments_only));
  INFO(r.body);
  CHECK(r.status == 403);
  CHECK(r.is_problem());
  auto search = s.gateway().get("/api/v1/affiliates/search?first_name=Maria&first_surname=Gomez",
                                test::bearer(payments_only));
  CHECK(search.status == 403);
}

TEST_CASE("catalogs through the gateway: CIE-10 search, unknown catalog 404", "[e2e][catalogs]") {
  auto& s = Suite::get();
  const auto token = s.provider_tokens(kDemoNit, "admin").access;
  auto r = s.gateway().get("/api/v1/catalogs/cie10?q=neumonia", test::bearer(token));
  INFO(r.body.substr(0, 500));
  REQUIRE(r.status == 200);
  CHECK(test::json_array_size(r.body, "/items").value_or(0) > 0);
  CHECK(test::json_string(r.body, "/items/0/code").has_value());
  CHECK(r.has_header("ETag"));

  auto unknown = s.gateway().get("/api/v1/catalogs/no_such_catalog", test::bearer(token));
  INFO(unknown.body);
  CHECK(unknown.status == 404);
  CHECK(unknown.is_problem());
  CHECK(code_of(unknown) == std::optional<std::string>("catalog_not_found"));
}

TEST_CASE("an agent files a contact-centre call; an invalid action/procedure pair is 422", "[e2e][calls]") {
  auto& s = Suite::get();
  const auto agent = s.employee_tokens("agent").access;
  // Tabla 4.1: general_information / rights_verification (libs/catalog/data/call_actions.csv).
  auto r = s.gateway().post_json("/api/v1/calls",
                                 R"({"call_type":"incoming","caller_type":"affiliate",)"
                                 R"("caller_name":"María Fernanda Gómez Pérez","caller_phone":"3001234567",)"
                                 R"("affiliate":{"document_type":"CC","document_number":"1000000001"},)"
                                 R"("action":"general_information","procedure":"rights_verification",)"
                                 R"("notes":"e2e"})",
                                 test::bearer(agent));
  INFO(r.body);
  REQUIRE(r.status == 201);
  CHECK(r.has_header("Location"));

  // complaint_registration belongs to complaints, not to general_information.
  auto bad = s.gateway().post_json("/api/v1/calls",
                                   R"({"call_type":"incoming","caller_type":"other","caller_name":"Ana",)"
                                   R"("action":"general_information","procedure":"complaint_registration"})",
                                   test::bearer(agent));
  INFO(bad.body);
  CHECK(bad.status == 422);
  CHECK(bad.is_problem());
  CHECK(bad.body.find("procedure") != std::string::npos);
}
