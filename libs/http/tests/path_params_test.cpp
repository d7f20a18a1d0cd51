// Issue 10: integer path ids are what api/openapi.yaml says (integer, minimum 1), or a 400 naming them.
#include "portal/http/path_params.hpp"

#include <catch2/catch.hpp>

using portal::http::parse_positive_id;

TEST_CASE("issue 10: a path id is a positive integer or nothing") {
  struct Row {
    const char* raw;
    std::optional<long long> id;
  };
  for (const auto& [raw, id] :
       {Row{"1", 1LL}, Row{"17", 17LL}, Row{"007", 7LL}, Row{"999999999999999999", 999999999999999999LL},
        Row{"", std::nullopt}, Row{"0", std::nullopt}, Row{"000", std::nullopt}, Row{"abc", std::nullopt},
        Row{"12a", std::nullopt}, Row{"-1", std::nullopt}, Row{"+1", std::nullopt}, Row{" 1", std::nullopt},
        Row{"1.0", std::nullopt}, Row{"1e3", std::nullopt}, Row{"1000000000000000000", std::nullopt}}) {
    CAPTURE(raw);
    CHECK(parse_positive_id(raw) == id);
  }
}

TEST_CASE("issue 10: a bad path id is 400 invalid_request naming the parameter") {
  const auto p = portal::http::invalid_path_id("id");
  CHECK(p.status == 400);
  CHECK(p.code == "invalid_request");
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].field == "id");
  CHECK(p.errors[0].code == "not_a_positive_integer");
}
