#pragma once
// Issue 16 business metrics of the referrals service:
//   portal_referrals_open{state=open|in_process}   open referrals per state, counted at every scrape
//   referral_registration_to_acceptance_seconds     histogram: registration → "patient accepted at IPS"
//   referral_registration_to_arrival_seconds        histogram: registration → closure "arrival confirmed"
//   referrals_registered_total{outcome=created|invalid|open_exists|upstream_unavailable}
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>

#include "portal/metrics/metrics.hpp"
#include "referral_store.hpp"

namespace portal::referrals {

class ReferralMetrics {
 public:
  explicit ReferralMetrics(metrics::Registry& registry);

  void registered(const char* outcome);
  void accepted(double seconds_since_registration);
  void arrived(double seconds_since_registration);
  void open(const referral_store::StateCounts& counts);

 private:
  prometheus::Family<prometheus::Counter>& registered_;
  prometheus::Family<prometheus::Gauge>& open_;
  prometheus::Histogram& acceptance_;
  prometheus::Histogram& arrival_;
};

}  // namespace portal::referrals
