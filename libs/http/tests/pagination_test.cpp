// Issue 10 item 6: one pagination behaviour for every list (SPEC §2), and RFC 8288 Link headers.
#include "portal/http/pagination.hpp"

#include <catch2/catch.hpp>

#include "url.hpp"

using namespace portal::http;

namespace {

Request with_query(std::string raw) {
  Request req;
  req.path = "/api/v1/calls";
  req.raw_query = std::move(raw);
  req.query = url::parse_query(req.raw_query);
  return req;
}

}  // namespace

TEST_CASE("issue 10: page and per_page are whole numbers in range, else 422 naming them; never capped") {
  struct Row {
    const char* query;
    long long page;
    long long per_page;
    std::vector<std::string> bad;
  };
  for (const auto& [query, page, per_page, bad] : {
           Row{"", 1, 20, {}},
           Row{"page=3&per_page=50", 3, 50, {}},
           Row{"per_page=200", 1, 200, {}},
           Row{"per_page=201", 1, 20, {"per_page"}},  // above the maximum: refused, not capped
           Row{"per_page=0", 1, 20, {"per_page"}},
           Row{"page=0", 1, 20, {"page"}},
           Row{"page=-1&per_page=-5", 1, 20, {"page", "per_page"}},
           Row{"page=2.5", 1, 20, {"page"}},
           Row{"page=1e3", 1, 20, {"page"}},
           Row{"page=", 1, 20, {"page"}},
           Row{"page=%201", 1, 20, {"page"}},
           Row{"page=99999999999999999999", 1, 20, {"page"}},
           Row{"page=1000000", 1000000, 20, {}},
           Row{"page=1000001", 1, 20, {"page"}},
       }) {
    CAPTURE(query);
    portal::core::FieldErrors errors;
    const auto p = read_page(with_query(query), PageLimits{}, errors);
    std::vector<std::string> fields;
    for (const auto& e : errors) {
      fields.push_back(e.field);
      CHECK(e.code == "out_of_range");
    }
    CHECK(fields == bad);
    CHECK(p.page == page);
    CHECK(p.per_page == per_page);
  }
  // A list with its own limits.
  portal::core::FieldErrors errors;
  CHECK(read_page(with_query(""), PageLimits{10, 50}, errors).per_page == 10);
  read_page(with_query("per_page=51"), PageLimits{10, 50}, errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message.en == "Must be a whole number from 1 to 50.");
  // The route form answers 422 problem+json.
  const auto refused = read_page(with_query("per_page=500"));
  REQUIRE(std::holds_alternative<Response>(refused));
  CHECK(std::get<Response>(refused).status == 422);
}

TEST_CASE("issue 10: Link headers (RFC 8288) for first, prev, next and last, other parameters kept") {
  struct Row {
    const char* raw_query;
    PageRequest page;
    long long total;
    const char* links;
  };
  for (
      const auto& [raw_query, page, total, links] : {
          Row{"", {1, 20}, 0, ""},
          Row{"", {1, 20}, 20, ""},
          Row{"",
              {1, 20},
              21,
              R"(</api/v1/calls?page=1&per_page=20>; rel="first", </api/v1/calls?page=2&per_page=20>; rel="next", </api/v1/calls?page=2&per_page=20>; rel="last")"},
          Row{"action=other&page=2&per_page=10",
              {2, 10},
              35,
              R"(</api/v1/calls?action=other&page=1&per_page=10>; rel="first", </api/v1/calls?action=other&page=1&per_page=10>; rel="prev", </api/v1/calls?action=other&page=3&per_page=10>; rel="next", </api/v1/calls?action=other&page=4&per_page=10>; rel="last")"},
          Row{"per_page=10&page=4&q=a%20b",
              {4, 10},
              35,
              R"(</api/v1/calls?q=a%20b&page=1&per_page=10>; rel="first", </api/v1/calls?q=a%20b&page=3&per_page=10>; rel="prev", </api/v1/calls?q=a%20b&page=4&per_page=10>; rel="last")"},
          // Past the end: prev points at the last page.
          Row{"page=9",
              {9, 20},
              30,
              R"(</api/v1/calls?page=1&per_page=20>; rel="first", </api/v1/calls?page=2&per_page=20>; rel="prev", </api/v1/calls?page=2&per_page=20>; rel="last")"},
          // Nothing the client sent can close the reference or the header.
          Row{"q=\">,<x\"",
              {1, 20},
              40,
              R"(</api/v1/calls?q=%22%3E,%3Cx%22&page=1&per_page=20>; rel="first", </api/v1/calls?q=%22%3E,%3Cx%22&page=2&per_page=20>; rel="next", </api/v1/calls?q=%22%3E,%3Cx%22&page=2&per_page=20>; rel="last")"},
      }) {
    CAPTURE(raw_query, page.page, total);
    CHECK(page_links("/api/v1/calls", raw_query, page, total) == links);
  }
}
