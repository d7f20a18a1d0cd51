// Issue 3 item 1: GET /api/v1/catalogs/:name from libs/catalog, with ETag per catalog version.
#include <catch2/catch.hpp>

#include "affiliates_test_support.hpp"

using namespace portal::affiliates::test;

TEST_CASE("Catalogs are served to authenticated users with an ETag; unknown → 404") {
  AffiliatesFixture f(false);
  const auto token = f.delegate({});
  auto r = f.get("/api/v1/catalogs/divipola?q=barranq", token);
  REQUIRE(r.status == 200);
  REQUIRE(r.json["items"].Size() >= 1);
  CHECK(std::string{r.json["items"][0]["code"].GetString()} == "08001");
  const auto etag = r.header("ETag");
  REQUIRE_FALSE(etag.empty());
  CHECK(f.request("GET", "/api/v1/catalogs/divipola?q=barranq", "", token, "application/json", {{"If-None-Match", etag}})
            .status == 304);
  CHECK(f.get("/api/v1/catalogs/divipola?q=cartag", token).header("ETag") != etag);

  auto cie = f.get("/api/v1/catalogs/cie10?q=neumonia&per_page=5", token);
  CHECK(cie.status == 200);
  CHECK(cie.json["items"].Size() == 5);
  CHECK(f.get("/api/v1/catalogs/document_types", token).json["total"].GetInt() >= 10);
  CHECK(f.get("/api/v1/catalogs/call_actions", token).status == 200);
  CHECK(f.get("/api/v1/catalogs/cie10?q=" + std::string(10000, 'a'), token).status == 200);  // capped

  CHECK(f.get("/api/v1/catalogs/nope", token).str("code") == "catalog_not_found");
  CHECK(f.get("/api/v1/catalogs/cie10?page=0", token).status == 422);
  CHECK(f.get("/api/v1/catalogs/cie10", "").status == 401);
}
