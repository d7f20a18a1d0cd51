// Issue 20 part 3: the gateway's merge of the services' audit answers — newest first across services,
// the page cut from the merged list, totals summed, and a service that did not answer named, never
// silently missing.
#include "audit_fan_out.hpp"

#include <catch2/catch.hpp>

#include "refusal_trail.hpp"

using namespace portal;
using namespace portal::gateway;

namespace {

std::string item(const char* at, long long id, const char* action) {
  return std::string(R"({"at":")") + at + R"(","id":)" + std::to_string(id) + R"(,"action":")" + action +
         "\"}";
}

std::string page_of(std::initializer_list<std::string> items, long long total) {
  std::string out = R"({"items":[)";
  bool first = true;
  for (const auto& i : items) {
    out += (first ? "" : ",") + i;
    first = false;
  }
  return out + R"(],"page":1,"per_page":20,"total":)" + std::to_string(total) + "}";
}

std::vector<std::string> actions(const MergedAudit& m) {
  std::vector<std::string> out;
  for (const auto& i : m.items) {
    const auto start = i.find(R"("action":")") + 10;
    out.push_back(i.substr(start, i.find('"', start) - start));
  }
  return out;
}

}  // namespace

TEST_CASE("audit fan-out: merged newest first, the page cut from the merge, totals summed") {
  const std::vector<AuditServiceAnswer> answers = {
      {"auth", 200,
       page_of({item("2026-06-01T10:00:05Z", 9, "login_succeeded"),
                item("2026-06-01T10:00:00Z", 8, "login_failed")},
               2)},
      {"urgencies", 200, page_of({item("2026-06-01T10:00:03.500Z", 4, "urgency_created")}, 1)},
      {"affiliates", 200,
       page_of({item("2026-06-01T10:00:05Z", 30, "affiliate_lookup"),
                item("2026-05-31T23:00:00Z", 29, "affiliate_read")},
               7)},
  };
  struct Row {
    long long page, per_page;
    std::vector<std::string> expected;
  };
  for (const auto& [page, per_page, expected] : {
           // 10:00:05 twice: affiliates before auth (service name), then 03.5, 00, the day before.
           Row{1,
               20,
               {"affiliate_lookup", "login_succeeded", "urgency_created", "login_failed", "affiliate_read"}},
           Row{1, 2, {"affiliate_lookup", "login_succeeded"}},
           Row{2, 2, {"urgency_created", "login_failed"}},
           Row{3, 2, {"affiliate_read"}},
           Row{4, 2, {}},
       }) {
    CAPTURE(page, per_page);
    const auto merged = merge_audit_answers(answers, http::PageRequest{page, per_page});
    CHECK(actions(merged) == expected);
    CHECK(merged.total == 10);
    CHECK(merged.unavailable.empty());
  }
}

TEST_CASE("audit fan-out: a service that is down or answers an error is reported, the rest still merged") {
  const std::vector<AuditServiceAnswer> answers = {
      {"auth", 200, page_of({item("2026-06-01T10:00:00Z", 1, "login_succeeded")}, 1)},
      {"urgencies", std::nullopt, ""},
      {"authorizations", 503, R"({"status":503})"},
      {"affiliates", 200, "not json"},
  };
  const auto merged = merge_audit_answers(answers, http::PageRequest{1, 20});
  CHECK(actions(merged) == std::vector<std::string>{"login_succeeded"});
  CHECK(merged.total == 1);
  CHECK(merged.unavailable ==
        std::vector<std::pair<std::string, std::string>>{
            {"urgencies", "no_answer"}, {"authorizations", "status_503"}, {"affiliates", "status_200"}});
}

TEST_CASE("issue 20: refused tokens are recorded one by one up to the budget, the rest counted per second") {
  using portal::gateway::RefusalBudget;
  struct Step {
    std::int64_t second;
    bool record;
    std::int64_t suppressed;  // reported by this step (the previous second's count)
  };
  RefusalBudget budget(2);
  const Step steps[] = {
      {100, true, 0}, {100, true, 0},  {100, false, 0}, {100, false, 0},  // 2 kept, 2 counted
      {101, true, 2},                                                     // a new second reports them
      {101, true, 0}, {102, true, 0},                                     // nothing suppressed in 101
      {102, true, 0}, {102, false, 0}, {105, true, 1},
  };
  int i = 0;
  for (const auto& step : steps) {
    CAPTURE(i++);
    const auto v = budget.admit(step.second);
    CHECK(v.record == step.record);
    CHECK(v.suppressed == step.suppressed);
    if (step.suppressed > 0) CHECK(v.suppressed_second < step.second);
  }
}
