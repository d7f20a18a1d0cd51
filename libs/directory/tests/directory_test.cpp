// The affiliates and provider-registry answers as the urgencies service reads them, and the cache.
#include <catch2/catch.hpp>

#include "portal/directory/affiliate_directory.hpp"
#include "portal/directory/provider_directory.hpp"
#include "portal/directory/ttl_cache.hpp"

using namespace portal;
using namespace portal::directory;

TEST_CASE(
    "an affiliates lookup answer becomes the person and its newborns, newborns under the mother's document") {
  const std::string body =
      R"({"id":1,"document_type":"CC","document_number":"1000000001","first_name":"María",
    "second_name":"Fernanda","first_surname":"Gómez","second_surname":"Pérez","birth_date":"1997-01-20","age_years":29,
    "sex":"F","regime":"subsidized","affiliation_status":"active","data_quality":"ok","municipality_code":"08001",
    "address":"Calle 72","phone":null,"newborn_of":null,"child_number":null,
    "newborns":[{"id":2,"document_type":null,"document_number":null,"first_name":"Hijo de María","second_name":null,
      "first_surname":"Gómez","second_surname":"Pérez","birth_date":"2026-02-27","sex":"M","regime":"subsidized",
      "affiliation_status":"active","data_quality":"ok","municipality_code":"08001",
      "newborn_of":{"document_type":"CC","document_number":"1000000001"},"child_number":1}]})";
  const auto people = AffiliateDirectory::parse_lookup(body);
  REQUIRE(people);
  REQUIRE(people->size() == 2);
  const auto& mother = (*people)[0];
  CHECK(mother.id == 1);
  CHECK(mother.first_name == "María");
  CHECK_FALSE(mother.is_newborn());
  CHECK(mother.phone.empty());
  const auto& child = (*people)[1];
  CHECK(child.is_newborn());
  CHECK(child.child_number == 1);
  CHECK(child.document_type == "CC");
  CHECK(child.document_number == "1000000001");
  CHECK(child.second_name.empty());
  CHECK(child.sex == "M");

  CHECK_FALSE(AffiliateDirectory::parse_lookup("not json"));
  CHECK_FALSE(AffiliateDirectory::parse_lookup(R"({"type":"about:blank","status":404})"));
}

TEST_CASE("a provider registry answer gives the legal name and the branches") {
  const auto p = ProviderDirectory::parse(
      R"({"nit":"900000001","legal_name":"IPS Demo Salud S.A.S.","registered":true,"branches":[
        {"habilitation_code":"080010000101","name":"Sede Barranquilla","department_code":"08","municipality_code":"08001",
         "address":"Calle 1 # 2-3","contacts":[]}]})");
  REQUIRE(p);
  CHECK(p->legal_name == "IPS Demo Salud S.A.S.");
  REQUIRE(p->branch("080010000101"));
  CHECK(p->branch("080010000101")->address == "Calle 1 # 2-3");
  CHECK_FALSE(p->branch("130010000102"));
  CHECK_FALSE(ProviderDirectory::parse("[]"));
}

TEST_CASE("the lookup cache forgets after its TTL and stays within its size") {
  core::ManualClock clock(*core::parse_rfc3339("2026-03-02T15:00:00Z"));
  TtlCache<int> cache(clock, std::chrono::seconds(30), 2);
  cache.put("a", 1);
  clock.advance(std::chrono::seconds(10));
  cache.put("b", 2);
  CHECK(cache.get("a") == 1);
  clock.advance(std::chrono::seconds(10));
  cache.put("c", 3);  // full: the oldest ("a") goes
  CHECK(cache.size() == 2);
  CHECK_FALSE(cache.get("a"));
  CHECK(cache.get("b") == 2);
  clock.advance(std::chrono::seconds(21));  // "b" is 31 s old, "c" 21 s
  CHECK_FALSE(cache.get("b"));
  CHECK(cache.get("c") == 3);
}
