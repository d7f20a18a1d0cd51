#include "portal/http/query_reader.hpp"

#include <catch2/catch.hpp>

using portal::core::FieldErrors;
using portal::http::QueryParams;
using portal::http::QueryReader;

TEST_CASE("QueryReader: blank is absent, values are trimmed, and every bad parameter is recorded at once") {
  const QueryParams query = {{"blank", "  "},          {"name", " ana "},  {"day", "2026-02-30"},
                             {"ok_day", "2026-04-01"}, {"n", "7"},         {"big", "101"},
                             {"word", "12x"},          {"sort", "due_at"}, {"bad_sort", "size"}};
  FieldErrors errors;
  QueryReader q(query, errors);
  CHECK_FALSE(q.text("missing"));
  CHECK_FALSE(q.text("blank"));
  CHECK(q.text("name") == "ana");
  CHECK(q.date("ok_day").has_value());
  CHECK_FALSE(q.date("day"));
  CHECK(q.integer("n", 1, 100) == 7);
  CHECK_FALSE(q.integer("big", 1, 100));
  CHECK_FALSE(q.integer("word", 1, 100));
  CHECK(q.choice<int>("sort", {{"created", 1}, {"due_at", 2}}) == 2);
  CHECK_FALSE(q.choice<int>("bad_sort", {{"created", 1}, {"due_at", 2}}));
  REQUIRE(errors.size() == 4);
  CHECK(errors[0].field == "day");
  CHECK(errors[0].code == "invalid_format");
  CHECK(errors[1].field == "big");
  CHECK(errors[1].code == "out_of_range");
  CHECK(errors[2].field == "word");
  CHECK(errors[3].field == "bad_sort");
  CHECK(errors[3].code == "invalid_value");
}
