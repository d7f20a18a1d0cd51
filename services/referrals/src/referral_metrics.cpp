#include "referral_metrics.hpp"

namespace portal::referrals {
namespace {

// Minutes to two days: a referral is accepted within hours, the patient arrives within a day.
prometheus::Histogram::BucketBoundaries buckets() {
  return {60, 300, 900, 1800, 3600, 7200, 14400, 28800, 43200, 86400, 172800};
}

}  // namespace

ReferralMetrics::ReferralMetrics(metrics::Registry& r)
    : registered_(prometheus::BuildCounter()
                      .Name("referrals_registered_total")
                      .Help("REF-1 referral registration attempts by outcome")
                      .Labels({{"service", r.service()}})
                      .Register(r.prom())),
      open_(prometheus::BuildGauge()
                .Name("portal_referrals_open")
                .Help("REF-2 open referrals per state (open, in_process), counted at scrape time")
                .Labels({{"service", r.service()}})
                .Register(r.prom())),
      acceptance_(
          prometheus::BuildHistogram()
              .Name("referral_registration_to_acceptance_seconds")
              .Help("REF-2 time from a referral's registration to the patient's acceptance at the IPS")
              .Labels({{"service", r.service()}})
              .Register(r.prom())
              .Add({}, buckets())),
      arrival_(prometheus::BuildHistogram()
                   .Name("referral_registration_to_arrival_seconds")
                   .Help("REF-2 time from a referral's registration to the confirmed arrival of the patient")
                   .Labels({{"service", r.service()}})
                   .Register(r.prom())
                   .Add({}, buckets())) {
  for (const char* outcome : {"created", "invalid", "open_exists", "upstream_unavailable"})
    registered_.Add({{"outcome", outcome}});
  for (const char* state : {"open", "in_process"}) open_.Add({{"state", state}});
}

void ReferralMetrics::registered(const char* outcome) { registered_.Add({{"outcome", outcome}}).Increment(); }
void ReferralMetrics::accepted(double seconds) { acceptance_.Observe(seconds); }
void ReferralMetrics::arrived(double seconds) { arrival_.Observe(seconds); }
void ReferralMetrics::open(const referral_store::StateCounts& counts) {
  open_.Add({{"state", "open"}}).Set(static_cast<double>(counts.open));
  open_.Add({{"state", "in_process"}}).Set(static_cast<double>(counts.in_process));
}

}  // namespace portal::referrals
