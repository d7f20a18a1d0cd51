// Issue 13 item 7 (rule-set replay): the tally that compares a candidate rule set with each request's
// baseline, line by line. Evaluations are built by hand, so each case shows exactly what is counted.
#include "rule_replay.hpp"

#include <catch2/catch.hpp>

using namespace portal::authorizations;

namespace {

// One evaluation from "a" (approved by rule r) / "p" (pended by rule r) per line: {"a:approve_lab",
// "p:no_rule"}.
Evaluation eval(std::initializer_list<std::string> lines) {
  Evaluation e;
  e.approved = true;
  std::size_t i = 0;
  for (const auto& l : lines) {
    LineEvaluation le;
    le.index = i++;
    le.approved = l[0] == 'a';
    le.decided_by.push_back({l.substr(2), le.approved ? Outcome::approve : Outcome::pend, "reason"});
    e.approved = e.approved && le.approved;
    e.lines.push_back(le);
  }
  return e;
}

}  // namespace

TEST_CASE("replay: each changed line is counted by direction, a request once per direction") {
  struct Row {
    const char* name;
    Evaluation baseline;
    Evaluation candidate;
    long long a2p_lines, a2p_requests, p2a_lines, p2a_requests, changed;
  };
  for (const auto& [name, baseline, candidate, a2p_lines, a2p_requests, p2a_lines, p2a_requests, changed] :
       {Row{"same outcome", eval({"a:ok", "p:no_rule"}), eval({"a:other", "p:held"}), 0, 0, 0, 0, 0},
        Row{"approve to pend", eval({"a:ok"}), eval({"p:held"}), 1, 1, 0, 0, 1},
        Row{"pend to approve", eval({"p:no_rule"}), eval({"a:ok"}), 0, 0, 1, 1, 1},
        Row{"two lines held, one request", eval({"a:ok", "a:ok"}), eval({"p:held", "p:held"}), 2, 1, 0, 0, 1},
        Row{"both directions in one request", eval({"a:ok", "p:no_rule"}), eval({"p:held", "a:ok"}), 1, 1, 1,
            1, 1}}) {
    CAPTURE(name);
    ReplayTally tally(10);
    tally.add(7, baseline, candidate);
    const auto r = tally.report();
    CHECK(r.requests == 1);
    CHECK(r.lines == static_cast<long long>(baseline.lines.size()));
    CHECK(r.approve_to_pend.lines == a2p_lines);
    CHECK(r.approve_to_pend.requests == a2p_requests);
    CHECK(r.pend_to_approve.lines == p2a_lines);
    CHECK(r.pend_to_approve.requests == p2a_requests);
    CHECK(r.changed_requests == changed);
  }
}

TEST_CASE("replay: causes are the candidate's deciding rules, most lines first, with their samples") {
  ReplayTally tally(2);
  tally.add(1, eval({"a:ok", "p:no_rule"}), eval({"p:pend_lab", "a:approve_pos"}));
  tally.add(2, eval({"a:ok"}), eval({"p:pend_lab"}));
  tally.add(3, eval({"a:ok"}), eval({"p:no_rule"}));
  tally.add(4, eval({"a:ok"}), eval({"p:pend_lab"}));
  const auto r = tally.report();
  REQUIRE(r.causes.size() == 3);
  CHECK(to_string(r.causes[0].change) == "approve_to_pend");
  CHECK(r.causes[0].rule_id == "pend_lab");
  CHECK(r.causes[0].lines == 3);
  CHECK(r.causes[0].samples.ids == std::vector<long long>{1, 2});  // at most 2
  CHECK(r.causes[1].rule_id == "no_rule");
  CHECK(r.causes[1].samples.ids == std::vector<long long>{3});
  CHECK(to_string(r.causes[2].change) == "pend_to_approve");
  CHECK(r.causes[2].rule_id == "approve_pos");
  CHECK(r.approve_to_pend.samples.ids == std::vector<long long>{1, 2});
  CHECK(r.approve_to_pend.requests == 4);
  CHECK(r.changed_requests == 4);
}

TEST_CASE("replay: a request appears once in a sample even with several changed lines") {
  ReplayTally tally(5);
  tally.add(9, eval({"a:ok", "a:ok", "a:ok"}), eval({"p:x", "p:x", "p:x"}));
  const auto r = tally.report();
  CHECK(r.approve_to_pend.samples.ids == std::vector<long long>{9});
  REQUIRE(r.causes.size() == 1);
  CHECK(r.causes[0].lines == 3);
  CHECK(r.causes[0].samples.ids == std::vector<long long>{9});
}

TEST_CASE("replay: drift (the baseline no longer gives the stored outcome) and skipped requests") {
  ReplayTally tally(5);
  // Stored approved, approved; the baseline now pends the second (a contract ended): one drift line, and
  // the candidate agrees with the baseline, so nothing changed because of the candidate.
  tally.add(1, eval({"a:ok", "p:no_rule"}), eval({"a:ok", "p:no_rule"}), {true, true});
  tally.skip();
  const auto r = tally.report();
  CHECK(r.baseline_drift_lines == 1);
  CHECK(r.changed_requests == 0);
  CHECK(r.skipped_requests == 1);
  CHECK(r.requests == 1);
}
