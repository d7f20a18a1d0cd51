#include "authorization_metrics.hpp"

namespace portal::authorizations {
namespace {

// From a rules engine's milliseconds to a week (CMS-0057-F: 72 h expedited, 7 days standard).
prometheus::Histogram::BucketBoundaries decision_buckets() {
  return {0.01, 1, 60, 300, 900, 1800, 3600, 7200, 21600, 43200, 86400, 259200, 604800};
}

}  // namespace

AuthorizationMetrics::AuthorizationMetrics(metrics::Registry& r)
    : created_(
          prometheus::BuildCounter()
              .Name("authorization_requests_created_total")
              .Help("AUT-1 authorization request attempts by outcome (approved, pending, invalid, duplicate, "
                    "upstream_unavailable)")
              .Labels({{"service", r.service()}})
              .Register(r.prom())),
      ratio_(prometheus::BuildGauge()
                 .Name("authorization_auto_approval_ratio")
                 .Help("AUT-2 share of the requests created since start that the rules approved at once")
                 .Labels({{"service", r.service()}})
                 .Register(r.prom())
                 .Add({})),
      evaluation_(
          prometheus::BuildHistogram()
              .Name("authorization_rule_evaluation_seconds")
              .Help("AUT-2 time the rules engine took to judge one request (every line)")
              .Labels({{"service", r.service()}})
              .Register(r.prom())
              .Add({}, prometheus::Histogram::BucketBoundaries{0.000005, 0.00001, 0.000025, 0.00005, 0.0001,
                                                               0.00025, 0.0005, 0.001, 0.005})),
      pending_(prometheus::BuildGauge()
                   .Name("portal_authorization_requests_pending")
                   .Help("AUT-5 pending authorization requests per traffic light, counted at scrape time")
                   .Labels({{"service", r.service()}})
                   .Register(r.prom())),
      decisions_(
          prometheus::BuildCounter()
              .Name("authorization_decisions_total")
              .Help("Issue 13 decisions on authorization requests by outcome and by who decided (auditor, "
                    "or the rules engine at creation)")
              .Labels({{"service", r.service()}})
              .Register(r.prom())),
      decision_time_(prometheus::BuildHistogram()
                         .Name("authorization_decision_seconds")
                         .Help("Issue 13 time from an authorization request to its decision")
                         .Labels({{"service", r.service()}})
                         .Register(r.prom())) {
  for (const char* outcome : {"approved", "denied", "partially_approved", "referred", "annulled"}) {
    decisions_.Add({{"outcome", outcome}, {"decided_by", "auditor"}});
  }
  decisions_.Add({{"outcome", "approved"}, {"decided_by", "rules"}});
  for (const char* by : {"auditor", "rules"}) decision_time_.Add({{"decided_by", by}}, decision_buckets());
  for (const char* outcome : {"approved", "pending", "invalid", "duplicate", "upstream_unavailable"}) {
    created_.Add({{"outcome", outcome}});
  }
  for (const char* light : {"white", "yellow", "red"}) pending_.Add({{"traffic_light", light}});
}

void AuthorizationMetrics::create(CreateOutcome outcome) {
  static constexpr const char* kNames[] = {"approved", "pending", "invalid", "duplicate",
                                           "upstream_unavailable"};
  created_.Add({{"outcome", kNames[static_cast<int>(outcome)]}}).Increment();
  std::lock_guard lock(mutex_);
  if (outcome == CreateOutcome::approved) approved_ += 1;
  if (outcome == CreateOutcome::pending) held_ += 1;
  if (approved_ + held_ > 0) ratio_.Set(approved_ / (approved_ + held_));
}

void AuthorizationMetrics::decision(RequestStatus outcome, bool by_rules, double seconds) {
  const std::string by = by_rules ? "rules" : "auditor";
  decisions_.Add({{"outcome", std::string(to_string(outcome))}, {"decided_by", by}}).Increment();
  decision_time_.Add({{"decided_by", by}}, decision_buckets()).Observe(seconds);
}

void AuthorizationMetrics::evaluation(double seconds) { evaluation_.Observe(seconds); }

void AuthorizationMetrics::pending(const PendingCounts& counts) {
  pending_.Add({{"traffic_light", "white"}}).Set(static_cast<double>(counts.white));
  pending_.Add({{"traffic_light", "yellow"}}).Set(static_cast<double>(counts.yellow));
  pending_.Add({{"traffic_light", "red"}}).Set(static_cast<double>(counts.red));
}

}  // namespace portal::authorizations
