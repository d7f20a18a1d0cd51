#pragma once
// Issue 16 item 4 (issue 15's outbox): `referral.registered` to the destination provider, and
// `referral.closed` to both the origin and the destination. The data is what either provider may read of the
// referral: ids, state, the providers and the affiliate's document, no clinical data.
#include <vector>

#include "portal/events/event.hpp"
#include "referral.hpp"

namespace portal::referrals {

std::vector<events::Event> registered_events(const Referral& r, core::Instant at);
std::vector<events::Event> closed_events(const Referral& r, const Step& closure);

}  // namespace portal::referrals
