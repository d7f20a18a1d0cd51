// Issue 13, pure: AUT-4 POS denial (the table the issue asks for), the plan of each decision against a
// request's lines, the Anexo 4 shared payment, and the AUT-9 indicator shapes on hand-computed counts.
#include <catch2/catch.hpp>

#include "decision.hpp"
#include "indicators.hpp"
#include "portal/json/json.hpp"
#include "pos_denial.hpp"
#include "shared_payment.hpp"
#include "test_facts.hpp"

using namespace portal;
using namespace portal::authorizations;

namespace {

AuthorizationRequest request_with(std::vector<std::string> codes, std::string birth = "1980-05-01",
                                  std::string municipality = "11001") {
  AuthorizationRequest r;
  r.id = 7;
  r.request_year = 2026;
  r.affiliate.birth_date = std::move(birth);
  r.affiliate.municipality_code = std::move(municipality);
  r.draft.patient_location = "outpatient";
  for (auto& c : codes) {
    RequestLine l;
    l.code = c;
    l.classification = "general";
    r.draft.lines.push_back(l);
  }
  return r;
}

Decision parse(const std::string& body, core::FieldErrors& errors) {
  rapidjson::Document doc;
  doc.Parse(body.c_str());
  return parse_decision(doc, errors);
}

std::vector<std::string> codes_of(const core::FieldErrors& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field + ":" + e.code);
  return out;
}

const auto kToday =
    std::chrono::year_month_day{std::chrono::year{2026}, std::chrono::month{6}, std::chrono::day{1}};
const std::string kDenial =
    R"("treating_doctor":{"name":"Carlos Pérez","document_number":"72000111"},"justification":"No pertinente","alternatives":["Manejo ambulatorio"])";

}  // namespace

TEST_CASE(
    "AUT-4 POS procedures cannot be denied, except subsidio a la oferta (adult outside Cartagena and "
    "Barranquilla)") {
  using P = DenialPermission;
  struct Row {
    bool pos;
    int age;
    const char* municipality;
    P expected;
  };
  const Row rows[] = {
      {true, 17, "11001", P::refused_pos},               // minor elsewhere
      {true, 18, "11001", P::allowed_subsidy_on_offer},  // adult elsewhere
      {true, 17, "13001", P::refused_pos},               // Cartagena
      {true, 18, "13001", P::refused_pos},
      {true, 17, "08001", P::refused_pos},  // Barranquilla
      {true, 18, "08001", P::refused_pos},
      {false, 17, "11001", P::allowed_non_pos},  // non-POS: always deniable
      {false, 18, "11001", P::allowed_non_pos},
      {false, 17, "13001", P::allowed_non_pos},
      {false, 18, "13001", P::allowed_non_pos},
      {false, 17, "08001", P::allowed_non_pos},
      {false, 18, "08001", P::allowed_non_pos},
  };
  for (const auto& r : rows) {
    CAPTURE(r.pos, r.age, r.municipality);
    CHECK(denial_permission({r.pos, r.age, r.municipality}) == r.expected);
    CHECK(may_deny({r.pos, r.age, r.municipality}) == (r.expected != P::refused_pos));
  }
}

TEST_CASE("AUT-4 the age is counted on the Bogotá date of the decision") {
  core::FieldErrors errors;
  const auto deny = parse(R"({"decision":"deny",)" + kDenial + "}", errors);
  REQUIRE(errors.empty());
  // 470101 appendectomy is POS; the affiliate turns 18 on 2026-06-01.
  plan_decision(request_with({"470101"}, "2008-06-02"), deny, testing::catalogs(), kToday, errors);
  CHECK(codes_of(errors) == std::vector<std::string>{"decision:pos_not_deniable"});
  CHECK(errors[0].message.es.find("470101") != std::string::npos);
  errors.clear();
  plan_decision(request_with({"470101"}, "2008-06-01"), deny, testing::catalogs(), kToday, errors);
  CHECK(errors.empty());
}

TEST_CASE("AUT-4 a partial decision: one outcome per line, both kinds, POS only as the approved part") {
  const auto r = request_with({"470101", "868300"}, "2010-01-01");  // a minor: POS 470101 not deniable
  core::FieldErrors errors;
  auto partial = parse(R"({"decision":"partial","items":[{"cups_code":"470101","decision":"approve"},)"
                       R"({"cups_code":"868300","decision":"deny","justification":"Fines estéticos"}],)" +
                           kDenial + "}",
                       errors);
  REQUIRE(errors.empty());
  const auto plan = plan_decision(r, partial, testing::catalogs(), kToday, errors);
  CHECK(errors.empty());
  CHECK(plan.to == RequestStatus::partially_approved);
  REQUIRE(plan.outcomes.size() == 2);
  CHECK(plan.outcomes[0] == LineOutcome::approved);
  CHECK(plan.outcomes[1] == LineOutcome::denied);
  CHECK(plan.justifications[1] == "Fines estéticos");
  CHECK(plan.has_authorization());
  CHECK(plan.has_denial());

  SECTION("the POS line as the denied part is refused, naming it") {
    auto swapped = parse(R"({"decision":"partial","items":[{"cups_code":"470101","decision":"deny"},)"
                         R"({"cups_code":"868300","decision":"approve"}],)" +
                             kDenial + "}",
                         errors);
    plan_decision(r, swapped, testing::catalogs(), kToday, errors);
    CHECK(codes_of(errors) == std::vector<std::string>{"items[0].decision:pos_not_deniable"});
  }
  SECTION("every line once, both outcomes") {
    auto missing = parse(R"({"decision":"partial","items":[{"cups_code":"868300","decision":"deny"},)"
                         R"({"cups_code":"999999","decision":"approve"}],)" +
                             kDenial + "}",
                         errors);
    plan_decision(r, missing, testing::catalogs(), kToday, errors);
    CHECK(codes_of(errors) == std::vector<std::string>{"items[1].code:unknown_line", "items:missing_lines"});
    errors.clear();
    auto all_approved = parse(R"({"decision":"partial","items":[{"cups_code":"470101","decision":"approve"},)"
                              R"({"cups_code":"868300","decision":"approve"}],)" +
                                  kDenial + "}",
                              errors);
    plan_decision(r, all_approved, testing::catalogs(), kToday, errors);
    CHECK(codes_of(errors) == std::vector<std::string>{"items:needs_both"});
  }
}

TEST_CASE("AUT-4 decision bodies: each kind requires its members") {
  struct Row {
    std::string body;
    std::vector<std::string> errors;
  };
  const std::vector<Row> rows = {
      {R"({"decision":"approve"})", {}},
      {R"({"decision":"maybe"})", {"decision:invalid_value"}},
      {R"({})", {"decision:required"}},
      {R"({"decision":"deny"})",
       {"treating_doctor:required", "justification:required", "alternatives:required"}},
      {R"({"decision":"deny","treating_doctor":{"name":"A"},"justification":"x","alternatives":[]})",
       {"treating_doctor.document_number:required", "alternatives:required"}},
      {R"({"decision":"refer"})", {"provider:required"}},
      {R"({"decision":"refer","provider":{"nit":"900000002"}})", {"provider.habilitation_code:required"}},
      {R"({"decision":"annul","reason":"duplicate"})", {}},
      {R"({"decision":"annul","reason":"boredom"})", {"reason:invalid_value"}},
      {R"({"decision":"partial",)" + kDenial + "}", {"items:required"}},
  };
  for (const auto& row : rows) {
    CAPTURE(row.body);
    core::FieldErrors errors;
    parse(row.body, errors);
    CHECK(codes_of(errors) == row.errors);
  }
}

TEST_CASE("Anexo 4 fields 45-48: shared payment from the regime, the location and the copay flag") {
  const SharedPaymentSettings s;  // SMMLV 1,423,500; contributory level 1; fees 4,700 / 18,900 / 49,500
  struct Row {
    const char* regime;
    bool outpatient;
    bool copay;
    int level;
    const char* type;
    long long amount;
    std::optional<long long> cap;
  };
  const Row rows[] = {
      {"subsidized", true, true, 1, "05", 0, std::nullopt},  // level 1 subsidized: exempt
      {"subsidized", false, false, 1, "05", 0, std::nullopt},
      {"contributory", true, false, 1, "02", 4700, std::nullopt},  // outpatient: cuota moderadora
      {"contributory", false, false, 1, "05", 0, std::nullopt},    // emergency / hospital without copay
      {"contributory", true, true, 1, "01", 0, 408545},            // copago: 28.7 % of one SMMLV per event
  };
  for (const auto& r : rows) {
    CAPTURE(r.regime, r.outpatient, r.copay);
    const auto p = shared_payment(r.regime, r.outpatient, r.copay, s);
    CHECK(p.type == r.type);
    CHECK(p.level == r.level);
    CHECK(p.amount == r.amount);
    CHECK(p.copay_cap == r.cap);
  }
  SharedPaymentSettings level3 = s;
  level3.contributory_level = 3;
  const auto p = shared_payment("contributory", true, true, level3);
  CHECK(p.copay_percent == 23.0);
  CHECK(p.copay_cap == 3274050);  // 230 % of 1,423,500
  CHECK(shared_payment("contributory", true, false, level3).amount == 49500);
}

TEST_CASE("AUT-9 indicator shapes: every month to date, percentages and averages worked out by hand") {
  // March: 4 directed, 3 used; May: 2 directed, 0 used; others nothing. Up to June.
  const std::vector<MonthCounts> delivery = {{3, "", 4, 3, 0}, {5, "", 2, 0, 0}};
  const auto months = delivery_months(delivery, 6);
  REQUIRE(months.size() == 6);
  CHECK(months[2].directed == 4);
  CHECK(months[2].used == 3);
  CHECK(months[2].percent == 75.0);
  CHECK(months[4].percent == 0.0);
  CHECK_FALSE(months[0].percent);
  // Timeliness in March: consultations 2 used in 3 days total (1.5), surgery 1 used in 7 days → all 10/3.
  const std::vector<MonthCounts> rows = {{3, "professional_consultation", 0, 2, 3},
                                         {3, "surgical_procedures", 0, 1, 7}};
  const auto t = timeliness_months(rows, 4, testing::catalogs());
  REQUIRE(t.size() == 4);
  CHECK(t[2].all.used == 3);
  CHECK(t[2].all.average_days == 3.3);
  REQUIRE(t[2].by_service_type.size() == 6);
  CHECK(t[2].by_service_type[0].service_group == "professional_consultation");
  CHECK(t[2].by_service_type[0].average_days == 1.5);
  CHECK_FALSE(t[0].all.average_days);
}

TEST_CASE("AUT-9 indicator filter: year required and not in the future; multi-select scope and group") {
  const auto now = *core::parse_rfc3339("2026-06-15T15:00:00Z");
  http::QueryParams q = {{"year", "2026"},
                         {"scope", "ambulatory,hospital"},
                         {"scope", "home"},
                         {"service_group", "therapies"},
                         {"branch", "080010000101"}};
  core::FieldErrors errors;
  auto f = parse_indicator_filter(q, testing::catalogs(), now, errors);
  CHECK(errors.empty());
  CHECK(f.year == 2026);
  CHECK(f.last_month == 6);
  CHECK(f.scopes == std::vector<std::string>{"ambulatory", "hospital", "home"});
  CHECK(f.service_groups == std::vector<std::string>{"therapies"});
  CHECK(f.branch == "080010000101");
  f = parse_indicator_filter({{"year", "2025"}}, testing::catalogs(), now, errors);
  CHECK(f.last_month == 12);
  parse_indicator_filter({{"scope", "space"}, {"service_group", "magic"}}, testing::catalogs(), now, errors);
  CHECK(codes_of(errors) ==
        std::vector<std::string>{"year:required", "scope:invalid_value", "service_group:invalid_value"});
  errors.clear();
  parse_indicator_filter({{"year", "2027"}}, testing::catalogs(), now, errors);
  CHECK(codes_of(errors) == std::vector<std::string>{"year:out_of_range"});
}

TEST_CASE("AUT-9 days between generation and use") {
  CHECK(days_between("2026-03-30", "2026-04-02") == 3);
  CHECK(days_between("2026-03-30", "2026-03-30") == 0);
  CHECK(days_between("2026-03-30", "2026-03-29") == -1);
  CHECK_FALSE(days_between("2026-03-30", "x"));
}
