#pragma once
// The referrals service's route table (SPEC §7, issue 16). Handlers translate HTTP to the rules, the
// directories and the store, and back.
#include "portal/http/server.hpp"
#include "referrals_context.hpp"

namespace portal::referrals {

void register_referral_routes(http::Server& server, ReferralsContext& ctx);  // REF-1..REF-4

inline void register_all_routes(http::Server& server, ReferralsContext& ctx) {
  register_referral_routes(server, ctx);
}

}  // namespace portal::referrals
