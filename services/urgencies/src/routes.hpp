#pragma once
// The urgencies service's route table (SPEC §5). Handlers translate HTTP to the rules, the directories
// and the store, and back.
#include "portal/http/server.hpp"
#include "urgencies_context.hpp"

namespace portal::urgencies {

void register_notification_routes(http::Server& server, UrgenciesContext& ctx);  // URG-1..URG-3
void register_annex2_routes(http::Server& server, UrgenciesContext& ctx);        // URG-4

inline void register_all_routes(http::Server& server, UrgenciesContext& ctx) {
  register_notification_routes(server, ctx);
  register_annex2_routes(server, ctx);
}

}  // namespace portal::urgencies
