#pragma once
// OPS-4 business metrics of the authorizations service (issue 12):
//   authorization_requests_created_total{outcome=approved|pending|invalid|duplicate|upstream_unavailable}
//   authorization_auto_approval_ratio          approved / (approved + pending) since start
//   authorization_rule_evaluation_seconds      histogram of one request's evaluation (the engine only)
//   portal_authorization_requests_pending{traffic_light=white|yellow|red}   exact at every scrape: index
//                                              range counts run by the scrape hook (AUT-5)
//   authorization_decisions_total{outcome=approved|denied|partially_approved|referred|annulled}   issue 13:
//                                              every decision, auto-approvals included (outcome approved,
//                                              decided_by=rules) — CMS-0057-F's approval and denial counts
//   authorization_decision_seconds{decided_by=auditor|rules}   time from the request to its decision
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>

#include <mutex>

#include "authorization_store.hpp"
#include "portal/metrics/metrics.hpp"

namespace portal::authorizations {

enum class CreateOutcome { approved, pending, invalid, duplicate, upstream_unavailable };

class AuthorizationMetrics {
 public:
  explicit AuthorizationMetrics(metrics::Registry& registry);

  void create(CreateOutcome outcome);
  void evaluation(double seconds);
  // Issue 13: one decision with its outcome (the status it led to) and the time since the request.
  void decision(RequestStatus outcome, bool by_rules, double seconds);
  // Called at every scrape with the counts read then.
  void pending(const PendingCounts& counts);

 private:
  prometheus::Family<prometheus::Counter>& created_;
  prometheus::Gauge& ratio_;
  prometheus::Histogram& evaluation_;
  prometheus::Family<prometheus::Gauge>& pending_;
  prometheus::Family<prometheus::Counter>& decisions_;
  prometheus::Family<prometheus::Histogram>& decision_time_;
  std::mutex mutex_;
  double approved_ = 0;
  double held_ = 0;
};

}  // namespace portal::authorizations
