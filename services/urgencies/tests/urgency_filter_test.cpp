// URG-3 list filters from the query string, and the Bogotá days they mean as UTC instants.
#include "urgency_filter.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace portal;
using namespace portal::urgencies;

namespace {

const catalog::Catalogs& catalogs() {
  static const auto c = catalog::Catalogs::embedded();
  return *c;
}

core::Instant at(const char* rfc3339) { return *core::parse_rfc3339(rfc3339); }

std::vector<std::string> fields_codes(const core::FieldErrors& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field + ":" + e.code);
  return out;
}

using Codes = std::vector<std::string>;

struct Parsed {
  NotificationFilter filter;
  core::FieldErrors errors;
};

Parsed parse(const QueryParams& q) {
  Parsed p;
  p.filter = parse_filter(q, catalogs(), p.errors);
  return p;
}

std::string text(const std::optional<core::Instant>& t) { return t ? core::to_rfc3339(*t) : "open"; }

}  // namespace

TEST_CASE("URG-3 no parameters: defaults, and today's notifications") {
  const auto p = parse({});
  CHECK(p.errors.empty());
  CHECK(p.filter.page == 1);
  CHECK(p.filter.per_page == 20);
  CHECK(uses_default_day(p.filter));
}

TEST_CASE("URG-3 every filter is read and normalised") {
  const auto p = parse({{"provider_nit", "900123456"},
                        {"date_from", "2026-03-01"},
                        {"date_to", "2026-03-10"},
                        {"document_type", "CC"},
                        {"document_number", "1000000001"},
                        {"department_code", "8"},
                        {"municipality_code", "8001"},
                        {"principal_diagnosis", "r10.0"},
                        {"destination", "referral"},
                        {"newborn", "true"},
                        {"page", "3"},
                        {"per_page", "200"},
                        {"ignored_parameter", "x"}});
  REQUIRE(p.errors.empty());
  const auto& f = p.filter;
  CHECK(f.provider_nit == "900123456");
  CHECK(f.date_from == "2026-03-01");
  CHECK(f.date_to == "2026-03-10");
  CHECK(f.document_type == "CC");
  CHECK(f.document_number == "1000000001");
  CHECK(f.department_code == "08");
  CHECK(f.municipality_code == "08001");
  CHECK(f.principal_diagnosis == "R100");
  CHECK(f.destination == "referral");
  CHECK(f.newborn == true);
  CHECK(f.page == 3);
  CHECK(f.per_page == 200);
  CHECK_FALSE(uses_default_day(f));
}

TEST_CASE("URG-3 attention number with its notification date") {
  const auto p = parse({{"attention_number", " a123 "}, {"notified_on", "2026-03-09"}});
  REQUIRE(p.errors.empty());
  CHECK(p.filter.attention_number == "A123");  // stored upper-cased
  CHECK(p.filter.notified_on == "2026-03-09");
}

TEST_CASE("URG-3 invalid parameters name the field") {
  struct Row {
    QueryParams query;
    Codes expected;
  };
  const Row rows[] = {
      {{{"date_from", "2026-02-30"}}, {"date_from:invalid_format"}},
      {{{"date_to", "10/03/2026"}}, {"date_to:invalid_format"}},
      {{{"date_from", "2026-03-10"}, {"date_to", "2026-03-09"}}, {"date_to:invalid_range"}},
      {{{"date_from", "2026-03-10"}, {"date_to", "2026-03-10"}}, {}},
      {{{"date_from", "2025-01-01"}, {"date_to", "2026-01-01"}}, {}},  // 366 days counted
      {{{"date_from", "2025-01-01"}, {"date_to", "2026-01-02"}}, {"date_to:range_too_long"}},
      {{{"notified_on", "2026-03-09"}}, {"notified_on:requires_attention_number"}},
      {{{"attention_number", "A1"}, {"notified_on", "2026-03-09"}, {"date_from", "2026-03-01"}},
       {"notified_on:conflicts_with_date_range"}},
      {{{"attention_number", "A1"}, {"notified_on", "ayer"}}, {"notified_on:invalid_format"}},
      {{{"attention_number", "A-1"}}, {"attention_number:invalid_characters"}},
      {{{"attention_number", "123456789012345678901"}}, {"attention_number:too_long"}},
      {{{"document_type", "CC"}}, {"document_number:required"}},
      {{{"document_number", "123"}}, {"document_type:required"}},
      {{{"document_type", "ZZ"}, {"document_number", "12 3"}},
       {"document_type:invalid_value", "document_number:invalid_characters"}},
      {{{"department_code", "98"}}, {"department_code:unknown_department"}},
      {{{"municipality_code", "99999"}}, {"municipality_code:unknown_municipality"}},
      {{{"department_code", "11"}, {"municipality_code", "08001"}},
       {"municipality_code:municipality_not_in_department"}},
      {{{"municipality_code", "05001"}}, {}},
      {{{"principal_diagnosis", "ZZZ9"}}, {"principal_diagnosis:unknown_code"}},
      {{{"destination", "morgue"}}, {"destination:invalid_value"}},
      {{{"newborn", "yes"}}, {"newborn:invalid_value"}},
      {{{"newborn", "false"}}, {}},
      {{{"page", "0"}}, {"page:out_of_range"}},
      {{{"page", "abc"}}, {"page:out_of_range"}},
      {{{"per_page", "0"}}, {"per_page:out_of_range"}},
      {{{"per_page", "201"}}, {"per_page:out_of_range"}},
      {{{"per_page", "20x"}}, {"per_page:out_of_range"}},
      {{{"provider_nit", "NIT1"}}, {"provider_nit:invalid_characters"}},
      {{{"destination", "  "}, {"page", ""}}, {}},  // blank counts as absent
  };
  for (const auto& row : rows) {
    std::string q;
    for (const auto& [k, v] : row.query) q += k + "=" + v + "&";
    CAPTURE(q);
    CHECK(fields_codes(parse(row.query).errors) == row.expected);
  }
}

TEST_CASE("URG-3 every invalid parameter is reported at once") {
  const auto p = parse({{"date_from", "x"}, {"document_type", "CC"}, {"newborn", "1"}, {"per_page", "500"}});
  CHECK(fields_codes(p.errors) == Codes{"date_from:invalid_format", "document_number:required",
                                        "newborn:invalid_value", "per_page:out_of_range"});
}

TEST_CASE("URG-3 the default (today) applies only without date, number or document filters") {
  struct Row {
    NotificationFilter filter;
    bool default_day;
  };
  NotificationFilter none;
  NotificationFilter by_destination;
  by_destination.destination.emplace("home");
  by_destination.newborn = true;
  NotificationFilter by_number;
  by_number.attention_number.emplace("A1");
  NotificationFilter by_document;
  by_document.document_type.emplace("CC");
  by_document.document_number.emplace("1");
  NotificationFilter by_from;
  by_from.date_from.emplace("2026-03-01");
  for (const auto& row : {Row{none, true}, Row{by_destination, true}, Row{by_number, false},
                          Row{by_document, false}, Row{by_from, false}}) {
    CHECK(uses_default_day(row.filter) == row.default_day);
  }
}

TEST_CASE("URG-3 Bogotá days as half-open UTC ranges") {
  struct Row {
    const char* name;
    NotificationFilter filter;
    const char* now;
    const char* from;
    const char* to;
  };
  NotificationFilter none;
  NotificationFilter on;
  on.attention_number.emplace("A1");
  on.notified_on.emplace("2026-03-09");
  NotificationFilter range;
  range.date_from.emplace("2026-02-28");
  range.date_to.emplace("2026-03-01");
  NotificationFilter from_only;
  from_only.date_from.emplace("2026-03-01");
  NotificationFilter to_only;
  to_only.date_to.emplace("2025-12-31");
  NotificationFilter number_only;
  number_only.attention_number.emplace("A1");
  const Row rows[] = {
      // 23:30 Bogotá on the 9th is 04:30Z on the 10th: "today" is still the 9th.
      {"default at 23:30 Bogotá", none, "2026-03-10T04:30:00Z", "2026-03-09T05:00:00Z",
       "2026-03-10T05:00:00Z"},
      {"default at 00:00 Bogotá", none, "2026-03-10T05:00:00Z", "2026-03-10T05:00:00Z",
       "2026-03-11T05:00:00Z"},
      {"default at 18:59 Bogotá", none, "2026-03-10T23:59:59Z", "2026-03-10T05:00:00Z",
       "2026-03-11T05:00:00Z"},
      {"default on new year's eve", none, "2026-01-01T03:00:00Z", "2025-12-31T05:00:00Z",
       "2026-01-01T05:00:00Z"},
      {"notified_on", on, "2026-03-20T12:00:00Z", "2026-03-09T05:00:00Z", "2026-03-10T05:00:00Z"},
      {"range over a month end", range, "2026-03-20T12:00:00Z", "2026-02-28T05:00:00Z",
       "2026-03-02T05:00:00Z"},
      {"date_from only", from_only, "2026-03-20T12:00:00Z", "2026-03-01T05:00:00Z", "open"},
      {"date_to only", to_only, "2026-03-20T12:00:00Z", "open", "2026-01-01T05:00:00Z"},
      {"attention number alone: every day", number_only, "2026-03-20T12:00:00Z", "open", "open"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    const auto r = bogota_range(row.filter, at(row.now));
    CHECK(text(r.from) == row.from);
    CHECK(text(r.to) == row.to);
  }
}

TEST_CASE("URG-3 a notification at 23:30 Bogotá is in that day's range, not the next UTC day's") {
  NotificationFilter f;
  f.attention_number.emplace("A1");
  f.notified_on.emplace("2026-03-09");
  const auto r = bogota_range(f, at("2026-03-10T12:00:00Z"));
  const auto late = at("2026-03-10T04:30:00Z");  // 2026-03-09 23:30 Bogotá
  CHECK(*r.from <= late);
  CHECK(late < *r.to);
  f.notified_on.emplace("2026-03-10");
  const auto next = bogota_range(f, at("2026-03-10T12:00:00Z"));
  CHECK(late < *next.from);
}
