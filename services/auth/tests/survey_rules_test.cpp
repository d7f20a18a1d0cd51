// AUTH-12 satisfaction survey: the scales, NPS the standard way, and the months of the results (issue 20).
#include "survey_rules.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace portal;
using namespace portal::auth;
using std::chrono::month;
using std::chrono::year;

TEST_CASE("AUTH-12 the scales carry the manual's labels at both ends") {
  CHECK(satisfaction_label(1).es == "Insatisfecho");
  CHECK(satisfaction_label(5).es == "Muy satisfecho");
  CHECK(ease_label(1).es == "Muy difícil");
  CHECK(ease_label(5).es == "Muy fácil");
  CHECK(ease_label(5).en == "Very easy");
  CHECK(satisfaction_label(0).es.empty());
}

TEST_CASE("AUTH-12 NPS groups: 0-6 detractors, 7-8 passives, 9-10 promoters") {
  for (int s = 0; s <= 10; ++s) {
    CAPTURE(s);
    const auto expected = s <= 6 ? NpsGroup::detractor : s <= 8 ? NpsGroup::passive : NpsGroup::promoter;
    CHECK(nps_group(s) == expected);
  }
}

TEST_CASE("AUTH-12 a month's tally, worked out by hand") {
  // Seven answers: NPS 10, 9, 9 (promoters), 8 (passive), 6, 3, 0 (detractors).
  // NPS = 3/7 − 3/7 = 0; resolved 4 of 7 = 57.142… % → 57.1.
  SurveyTally t;
  t.add({5, 4, 10, true});
  t.add({4, 4, 9, true}, 2);
  t.add({3, 5, 8, false});
  t.add({2, 2, 6, true});
  t.add({1, 1, 3, false});
  t.add({1, 1, 0, false});
  CHECK(t.responses == 7);
  CHECK(t.satisfaction == std::array<long long, 5>{2, 1, 1, 2, 1});
  CHECK(t.ease == std::array<long long, 5>{2, 1, 0, 3, 1});
  CHECK(t.promoters() == 3);
  CHECK(t.passives() == 1);
  CHECK(t.detractors() == 3);
  CHECK(t.nps_tenths() == 0);
  CHECK(t.resolved_tenths() == 571);
}

TEST_CASE("AUTH-12 NPS and the resolved share round half away from zero to one decimal") {
  struct Row {
    int promoters, passives, detractors;
    long long nps_tenths;
  };
  for (const auto& r : {Row{1, 0, 0, 1000}, Row{0, 0, 1, -1000}, Row{1, 1, 1, 0}, Row{2, 0, 1, 333},
                        Row{1, 0, 2, -333}, Row{1, 1, 0, 500}, Row{1, 15, 0, 63},  // 1/16 = 6.25 → 6.3
                        Row{0, 15, 1, -63},                                        // −6.25 → −6.3
                        Row{3, 5, 0, 375}}) {
    CAPTURE(r.promoters, r.passives, r.detractors);
    SurveyTally t;
    t.add({3, 3, 10, true}, r.promoters);
    t.add({3, 3, 7, false}, r.passives);
    t.add({3, 3, 2, false}, r.detractors);
    CHECK(t.nps_tenths() == r.nps_tenths);
  }
  SurveyTally empty;
  CHECK_FALSE(empty.nps_tenths());
  CHECK_FALSE(empty.resolved_tenths());
  SurveyTally thirds;
  thirds.add({3, 3, 5, true}, 2);
  thirds.add({3, 3, 5, false});
  CHECK(thirds.resolved_tenths() == 667);
}

TEST_CASE("AUTH-12 the months of the results: default, bounds and every bad parameter") {
  const auto current = year{2026} / month{3};
  struct Row {
    std::optional<std::string> from, to;
    std::optional<std::string> first, last;
    std::vector<std::string> errors;
  };
  const std::vector<Row> rows = {
      {std::nullopt, std::nullopt, "2025-04", "2026-03", {}},
      {"2026-01", std::nullopt, "2026-01", "2026-03", {}},
      {std::nullopt, "2025-12", "2025-01", "2025-12", {}},
      {"2026-02", "2026-02", "2026-02", "2026-02", {}},
      {"2024-01", "2026-12", "2024-01", "2026-12", {}},  // 36 months
      {"2023-12", "2026-12", std::nullopt, std::nullopt, {"to:too_long_range"}},
      {"2026-03", "2026-01", std::nullopt, std::nullopt, {"from:out_of_order"}},
      {"2026-13", "26-01", std::nullopt, std::nullopt, {"from:invalid_format", "to:invalid_format"}},
      {"2026-1", std::nullopt, std::nullopt, std::nullopt, {"from:invalid_format"}},
      {"2026-00", std::nullopt, std::nullopt, std::nullopt, {"from:invalid_format"}},
  };
  for (const auto& row : rows) {
    CAPTURE(row.from.value_or("-"), row.to.value_or("-"));
    core::FieldErrors errors;
    const auto range = read_month_range(row.from, row.to, current, errors);
    std::vector<std::string> got;
    for (const auto& e : errors) got.push_back(e.field + ":" + e.code);
    std::sort(got.begin(), got.end());
    CHECK(got == row.errors);
    REQUIRE(range.has_value() == row.first.has_value());
    if (range) {
      CHECK(format_month(range->from) == *row.first);
      CHECK(format_month(range->to) == *row.last);
    }
  }
  const auto months = months_between({year{2025} / month{11}, year{2026} / month{2}});
  REQUIRE(months.size() == 4);
  CHECK(format_month(months[1]) == "2025-12");
  CHECK(format_month(months[2]) == "2026-01");
}
