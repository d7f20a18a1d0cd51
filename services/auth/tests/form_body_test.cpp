#include "form_body.hpp"

#include <catch2/catch.hpp>

using namespace portal::auth;

TEST_CASE("RFC 6749 form bodies") {
  const auto form =
      parse_form("grant_type=client_credentials&scope=urgencies+authorizations&client_id=demo%2Dhis");
  REQUIRE(form);
  CHECK(form->at("grant_type") == "client_credentials");
  CHECK(form->at("scope") == "urgencies authorizations");
  CHECK(form->at("client_id") == "demo-his");
  CHECK_FALSE(parse_form("a=1&a=2"));  // RFC 6749 §3.1: parameters must not repeat
  CHECK_FALSE(parse_form("a=%4"));
  CHECK_FALSE(parse_form("a=%zz"));
  CHECK_FALSE(parse_form("client_id=demo%00his"));  // a NUL is never part of a client id, secret or field
  CHECK(parse_form("")->empty());
}

TEST_CASE("HTTP Basic client credentials") {
  // base64("demo-his:s3cret") = ZGVtby1oaXM6czNjcmV0
  const auto creds = parse_basic_credentials("Basic ZGVtby1oaXM6czNjcmV0");
  REQUIRE(creds);
  CHECK(creds->first == "demo-his");
  CHECK(creds->second == "s3cret");
  CHECK(parse_basic_credentials("basic ZGVtby1oaXM6czNjcmV0"));
  CHECK_FALSE(parse_basic_credentials("Bearer abc"));
  CHECK_FALSE(parse_basic_credentials("Basic !!!"));
  CHECK_FALSE(parse_basic_credentials("Basic ZGVtbw=="));  // "demo": no colon
  // base64("demo%00his:s3cret"): the id decodes to a NUL, which no client id holds
  CHECK_FALSE(parse_basic_credentials("Basic ZGVtbyUwMGhpczpzM2NyZXQ="));
}
