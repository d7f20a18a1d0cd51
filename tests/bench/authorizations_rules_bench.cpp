// Issue 12 performance: the AUT-2 rules engine with the default rule set, on one core.
//   BM_EvaluateProcedure/*  one line judged (items/s = procedure evaluations per second; target ≥ 1,000,000)
//   BM_EvaluateRequest      a five-line request judged (the engine alone), with p50/p99 of one evaluation
//   BM_FactsAndEvaluate     the same request from draft to decision: facts from the CUPS catalog, then the
//                           engine (what a POST pays besides I/O)
// Figures and the machine's load while measuring: docs/performance.md.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <vector>

#include "default_rule_set.hpp"
#include "request_facts.hpp"
#include "request_rules.hpp"
#include "rule_set.hpp"
#include "rules_engine.hpp"

using namespace portal;
using namespace portal::authorizations;

namespace {

const catalog::Catalogs& catalogs() {
  static const auto c = catalog::Catalogs::embedded();
  return *c;
}

const RuleSet& default_rules() {
  static const RuleSet set = [] {
    auto parsed = parse_rule_set(default_rule_set_json(), catalogs());
    if (!parsed.rule_set) throw std::runtime_error("default rule set invalid");
    return *parsed.rule_set;
  }();
  return set;
}

const core::Instant kNow = *core::parse_rfc3339("2026-06-01T15:00:00Z");

AffiliateFacts affiliate() {
  AffiliateFacts a;
  a.id = 1;
  a.document_type = "CC";
  a.document_number = "1000000001";
  a.first_name = "María";
  a.first_surname = "Gómez";
  a.birth_date = "1990-05-10";
  a.sex = "F";
  a.regime = "subsidized";
  a.affiliation_status = "active";
  a.data_quality = "ok";
  a.municipality_code = "08001";
  return a;
}

RequestLine procedure(std::string code, int quantity = 1) {
  RequestLine l;
  l.code = std::move(code);
  l.quantity = quantity;
  return l;
}

RequestDraft draft(std::vector<RequestLine> lines) {
  RequestDraft d;
  d.request_number = "1";
  d.affiliate = {"CC", "1000000001", std::nullopt};
  d.attention_origin = "general_illness";
  d.service_type = "elective";
  d.priority = "non_priority";
  d.patient_location = "outpatient";
  d.service = "general_medicine";
  d.diagnoses.principal = "D509";
  d.clinical_justification = "Control";
  d.lines = std::move(lines);
  d.requester = {"Ana", "Médica", "6015550000", std::nullopt};
  return d;
}

RequestFacts facts_of(const RequestDraft& d) {
  const auto a = affiliate();
  const auto check = validate_request(d, &a, kNow, catalogs(), "");
  if (!check.ok()) throw std::runtime_error("benchmark request invalid: " + check.errors[0].field);
  return request_facts(d, check.lines, check.diagnoses, a, kNow, catalogs(), {});
}

// One line: an approved POS laboratory (every approve rule checked, no pend matches), a surgical one
// (several pend rules match), a consultation no rule covers.
void BM_EvaluateProcedure(benchmark::State& state, const char* code) {
  const auto facts = facts_of(draft({procedure(code)}));
  const auto& rules = default_rules();
  for (auto _ : state) {
    auto e = evaluate(rules, facts);
    benchmark::DoNotOptimize(e);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(BM_EvaluateProcedure, approved_laboratory, "902045");
BENCHMARK_CAPTURE(BM_EvaluateProcedure, surgical_held, "470101");
BENCHMARK_CAPTURE(BM_EvaluateProcedure, no_rule_consultation, "890201");

const RequestDraft& five_lines() {
  static const RequestDraft d = draft({procedure("902045"), procedure("903841"), procedure("870001"),
                                       procedure("890201"), procedure("470101")});
  return d;
}

// p50/p99 of one request's evaluation, each timed on its own (manual time).
void BM_EvaluateRequest(benchmark::State& state) {
  const auto facts = facts_of(five_lines());
  const auto& rules = default_rules();
  std::vector<double> ns;
  ns.reserve(1 << 20);
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    auto e = evaluate(rules, facts);
    benchmark::DoNotOptimize(e);
    const auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    state.SetIterationTime(elapsed);
    if (ns.size() < ns.capacity()) ns.push_back(elapsed * 1e9);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(facts.lines.size()));
  std::sort(ns.begin(), ns.end());
  if (!ns.empty()) {
    state.counters["p50_ns"] = ns[ns.size() / 2];
    state.counters["p99_ns"] = ns[ns.size() * 99 / 100];
  }
}
BENCHMARK(BM_EvaluateRequest)->UseManualTime();

void BM_FactsAndEvaluate(benchmark::State& state) {
  const auto& d = five_lines();
  const auto a = affiliate();
  const auto& rules = default_rules();
  for (auto _ : state) {
    const auto check = validate_request(d, &a, kNow, catalogs(), "");
    auto e = evaluate(rules, request_facts(d, check.lines, check.diagnoses, a, kNow, catalogs(), {}));
    benchmark::DoNotOptimize(e);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FactsAndEvaluate);

}  // namespace

BENCHMARK_MAIN();
