#include <catch2/catch.hpp>
#include <string>

#include "portal/json/json.hpp"

using portal::core::FieldErrors;
using portal::json::ObjectReader;
using portal::json::parse;

namespace {

std::string codes(const FieldErrors& errors) {
  std::string out;
  for (const auto& e : errors) out += e.field + ":" + e.code + " ";
  return out;
}

}  // namespace

TEST_CASE("ObjectReader collects every field error with its path and code") {
  auto p = parse(R"({"age": 300, "name": "abcdefghijk", "active": "yes", "kind": "other"})");
  REQUIRE(p.ok());
  FieldErrors errors;
  ObjectReader r(p.doc, errors);
  CHECK_FALSE(r.required_string("username", 50));
  CHECK_FALSE(r.required_string("name", 10));
  CHECK_FALSE(r.required_int("age", 0, 150));
  CHECK_FALSE(r.required_bool("active"));
  CHECK_FALSE(r.required_enum("kind", {"provider", "employee"}));
  REQUIRE(errors.size() == 5);
  CHECK(codes(errors) ==
        "username:required name:too_long age:out_of_range active:invalid_type kind:invalid_value ");
  CHECK(errors[0].message.es == "El campo es obligatorio");
  CHECK(errors[0].message.en == "This field is required");
  CHECK(errors[1].message.es == "Debe tener como máximo 10 caracteres");
  CHECK(errors[2].message.en == "Must be between 0 and 150");
  CHECK(errors[3].message.es == "Debe ser verdadero o falso");
  CHECK(errors[4].message.en == "Value not allowed; allowed values: provider, employee");
}

TEST_CASE("ObjectReader: an object with 4 bad fields yields 4 errors") {
  auto p = parse(R"({"nit": 900000001, "email": "", "count": -1, "type": "x"})");
  REQUIRE(p.ok());
  FieldErrors errors;
  ObjectReader r(p.doc, errors);
  r.required_string("nit");
  r.required_string("email");
  r.optional_int("count", 0, 10);
  r.optional_enum("type", {"a", "b"});
  CHECK(codes(errors) == "nit:invalid_type email:required count:out_of_range type:invalid_value ");
}

TEST_CASE("ObjectReader returns good values and records nothing") {
  auto p = parse(
      R"({"s":"  Ñandú ","n":42,"b":false,"e":"employee","arr":["x","y"],"o":{"k":1},"l":[1],"z":null})");
  REQUIRE(p.ok());
  FieldErrors errors;
  ObjectReader r(p.doc, errors);
  CHECK(r.required_string("s", 8) == "  Ñandú ");
  CHECK(r.required_int("n", 0, 100) == 42);
  CHECK(r.required_bool("b") == false);
  CHECK(r.required_enum("e", {"provider", "employee"}) == "employee");
  CHECK(r.optional_string_array("arr", 2) == std::vector<std::string>{"x", "y"});
  CHECK(r.required_object("o") != nullptr);
  CHECK(r.required_array("l") != nullptr);
  CHECK_FALSE(r.optional_string("missing"));
  CHECK_FALSE(r.optional_string("z"));  // null is absent
  CHECK_FALSE(r.has("z"));
  CHECK(r.has("s"));
  CHECK(errors.empty());
}

TEST_CASE("ObjectReader treats blank and null required values as missing") {
  for (const char* body : {R"({"a":""})", R"({"a":"   "})", "{\"a\":\" \\t\\n\"}", "{\"a\":\"\xC2\xA0\"}",
                           R"({"a":null})", "{}"}) {
    CAPTURE(body);
    auto p = parse(body);
    REQUIRE(p.ok());
    FieldErrors errors;
    ObjectReader r(p.doc, errors);
    CHECK_FALSE(r.required_string("a"));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].code == "required");
  }
}

TEST_CASE("ObjectReader counts characters, not bytes") {
  auto p = parse(R"({"a":"ñññññ","b":"ññññññ"})");  // 10 and 12 bytes
  REQUIRE(p.ok());
  FieldErrors errors;
  ObjectReader r(p.doc, errors);
  CHECK(r.required_string("a", 5) == "ñññññ");
  CHECK_FALSE(r.required_string("b", 5));
  CHECK(codes(errors) == "b:too_long ");
}

TEST_CASE("ObjectReader refuses a NUL character in strings and string arrays (issue 8)") {
  auto p = parse(R"({"a":"ok\u0000no","b":"fine","c":["x","y\u0000"]})");
  REQUIRE(p.ok());
  FieldErrors errors;
  ObjectReader r(p.doc, errors);
  CHECK_FALSE(r.required_string("a"));
  CHECK(r.optional_string("b") == "fine");
  CHECK_FALSE(r.optional_string_array("c", 5, 10));
  CHECK(codes(errors) == "a:invalid_characters c[1]:invalid_characters ");
}

TEST_CASE("ObjectReader integer edge cases") {
  auto p = parse(R"({"big":18446744073709551615,"frac":1.5,"str":"3","neg":-5,"max":9223372036854775807})");
  REQUIRE(p.ok());
  FieldErrors errors;
  ObjectReader r(p.doc, errors);
  CHECK_FALSE(r.required_int("big", 0, 10));
  CHECK_FALSE(r.required_int("frac", 0, 10));
  CHECK_FALSE(r.required_int("str", 0, 10));
  CHECK(r.required_int("neg", -5, 5) == -5);
  CHECK(r.required_int("max", 0, 9223372036854775807LL) == 9223372036854775807LL);
  CHECK(codes(errors) == "big:out_of_range frac:invalid_type str:invalid_type ");
}

TEST_CASE("ObjectReader prefixes nested paths and array items") {
  auto p = parse(R"({"referral":{"nit":"","codes":["ok",7,"toolong"]},"notobj":1,"notarr":{}})");
  REQUIRE(p.ok());
  FieldErrors errors;
  ObjectReader r(p.doc, errors);
  const auto* referral = r.required_object("referral");
  REQUIRE(referral);
  ObjectReader nested(*referral, errors, r.path("referral"));
  nested.required_string("nit");
  CHECK_FALSE(nested.optional_string_array("codes", 5, 3));
  CHECK(r.optional_object("notobj") == nullptr);
  CHECK(r.optional_array("notarr") == nullptr);
  CHECK(r.required_array("absent") == nullptr);
  nested.add_error("custom", "in_future", {"es", "en"});
  CHECK(codes(errors) ==
        "referral.nit:required referral.codes[1]:invalid_type referral.codes[2]:too_long notobj:invalid_type "
        "notarr:invalid_type absent:required referral.custom:in_future ");
}

TEST_CASE("ObjectReader limits array item count") {
  auto p = parse(R"({"a":["1","2","3"],"b":"x"})");
  REQUIRE(p.ok());
  FieldErrors errors;
  ObjectReader r(p.doc, errors);
  CHECK_FALSE(r.optional_string_array("a", 2));
  CHECK_FALSE(r.optional_string_array("b", 2));
  CHECK(codes(errors) == "a:too_many_items b:invalid_type ");
}
